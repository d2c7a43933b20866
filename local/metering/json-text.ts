/**
 * Removes one member from the top-level object of a JSON text, leaving every other byte as it was,
 * so a response the metering proxy changed is the response the client would have had, byte for
 * byte (parsing and printing again would rewrite numbers such as `4.0`).
 */
const WS = new Set([' ', '\t', '\n', '\r']);

const skipWs = (text: string, i: number) => {
  while (i < text.length && WS.has(text[i])) i++;
  return i;
};

/** The index just after the string starting at `i` (a `"`). */
const endOfString = (text: string, i: number) => {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new Error('unterminated string');
};

/** The index just after the value starting at `i`. */
const endOfValue = (text: string, i: number) => {
  if (text[i] === '"') return endOfString(text, i);
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') j = endOfString(text, j) - 1;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new Error('unbalanced brackets');
  }
  let j = i;
  while (j < text.length && !WS.has(text[j]) && text[j] !== ',' && text[j] !== '}') j++;
  return j;
};

/**
 * `json` without the top-level member `key` (unchanged when it has none). Members are rejoined
 * with `,`, which for the compact JSON DynamoDB writes is exactly the original text.
 */
export const withoutTopLevelKey = (json: string, key: string): string => {
  const open = skipWs(json, 0);
  if (json[open] !== '{') throw new Error('not a JSON object');
  const members: { key: string; text: string }[] = [];
  let i = skipWs(json, open + 1);
  if (json[i] !== '}') {
    for (;;) {
      const start = i;
      const keyEnd = endOfString(json, i);
      const name = JSON.parse(json.slice(i, keyEnd)) as string;
      i = skipWs(json, keyEnd);
      if (json[i] !== ':') throw new Error(`expected : at ${i}`);
      i = endOfValue(json, skipWs(json, i + 1));
      members.push({ key: name, text: json.slice(start, i) });
      i = skipWs(json, i);
      if (json[i] === ',') i = skipWs(json, i + 1);
      else if (json[i] === '}') break;
      else throw new Error(`expected , or } at ${i}`);
    }
  }
  if (!members.some((m) => m.key === key)) return json;
  const kept = members.filter((m) => m.key !== key).map((m) => m.text);
  return `${json.slice(0, open)}{${kept.join(',')}}${json.slice(i + 1)}`;
};
