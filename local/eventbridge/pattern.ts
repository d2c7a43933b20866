import { BlockList, isIP } from 'node:net';

/**
 * EventBridge event patterns (content filtering), as AWS documents them in "Creating Amazon
 * EventBridge event patterns" and "Comparison operators for use in event patterns", with the
 * semantics of AWS's own matcher, Event Ruler (github.com/aws/event-ruler), where the guide is
 * silent: field names AND, values in a list OR, an array in the event matches when any of its
 * elements does, and fields inside one array element never combine with fields of another.
 */

/** A JSON value as the pattern or the event holds it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What is wrong with a pattern, and where (`detail.state[1]`). */
export class PatternError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}${path ? ` (at ${path})` : ''}`);
    this.name = 'InvalidEventPatternException';
  }
}

/** Numeric matching is limited to this magnitude (Event Ruler's ComparableNumber). */
const NUMERIC_LIMIT = 5e9;
const OPERATORS = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
]);

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const describe = (v: unknown) => JSON.stringify(v);

/**
 * Parses a pattern (an object, or its JSON text as CloudFormation's `EventPattern` may hold it)
 * and checks it as `PutRule` would; throws a `PatternError` naming what is wrong and where.
 */
export const parsePattern = (pattern: unknown): Record<string, Json> => {
  let value = pattern;
  if (typeof pattern === 'string') {
    try {
      value = JSON.parse(pattern);
    } catch (error) {
      throw new PatternError('', `not JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(value)) throw new PatternError('', 'Filter is not an object');
  checkObject(value, '', false);
  return value;
};

const checkObject = (object: Record<string, Json>, path: string, insideOr: boolean): void => {
  const keys = Object.keys(object);
  if (keys.length === 0) throw new PatternError(path, 'Empty objects are not allowed');
  for (const key of keys) {
    const at = path ? `${path}.${key}` : key;
    const value = object[key];
    if (key === '$or') {
      if (!Array.isArray(value)) throw new PatternError(at, 'It must be an Array followed with $or.');
      if (value.length < 2) throw new PatternError(at, 'There must have at least 2 Objects in $or relationship.');
      value.forEach((branch, i) => {
        if (!isObject(branch))
          throw new PatternError(`${at}[${i}]`, 'Only JSON object is allowed in array of $or relationship.');
        checkObject(branch, `${at}[${i}]`, true);
      });
      continue;
    }
    if (insideOr && OPERATORS.has(key))
      throw new PatternError(at, `${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    if (isObject(value)) checkObject(value, at, insideOr);
    else if (Array.isArray(value)) checkValues(value, at);
    else throw new PatternError(at, `"${key}" must be an object or an array`);
  }
};

const checkValues = (values: Json[], path: string): void => {
  if (values.length === 0) throw new PatternError(path, 'Empty arrays are not allowed');
  values.forEach((value, i) => {
    const at = `${path}[${i}]`;
    if (Array.isArray(value)) throw new PatternError(at, 'Match value must be String, number, true, false, or null');
    if (isObject(value)) checkOperator(value, at);
  });
};

const single = (expression: Record<string, Json>, path: string): [string, Json] => {
  const entries = Object.entries(expression);
  if (entries.length === 0) throw new PatternError(path, 'Match expression name not found');
  if (entries.length > 1) throw new PatternError(path, 'Only one key allowed in match expression');
  return entries[0];
};

const checkOperator = (expression: Record<string, Json>, path: string): void => {
  const [operator, operand] = single(expression, path);
  const at = `${path}.${operator}`;
  switch (operator) {
    case 'prefix':
    case 'suffix':
      if (isObject(operand)) {
        const [inner, text] = single(operand, at);
        if (inner !== 'equals-ignore-case' || !isString(text))
          throw new PatternError(at, `${operator} match pattern must be a string or an equals-ignore-case string`);
      } else if (!isString(operand)) throw new PatternError(at, `${operator} match pattern must be a string`);
      return;
    case 'equals-ignore-case':
      if (!isString(operand)) throw new PatternError(at, 'equals-ignore-case match pattern must be a string');
      return;
    case 'wildcard':
      if (!isString(operand)) throw new PatternError(at, 'wildcard match pattern must be a string');
      checkWildcard(operand, at);
      return;
    case 'exists':
      if (typeof operand !== 'boolean')
        throw new PatternError(at, 'exists match pattern must be either true or false.');
      return;
    case 'cidr':
      if (!isString(operand) || !parseCidr(operand))
        throw new PatternError(at, `Nonstandard IP address: ${describe(operand)}`);
      return;
    case 'numeric':
      checkNumeric(operand, at);
      return;
    case 'anything-but':
      checkAnythingBut(operand, at);
      return;
    default:
      throw new PatternError(path, `Unrecognized match type ${operator}`);
  }
};

const checkAnythingBut = (operand: Json, path: string): void => {
  if (isString(operand) || typeof operand === 'number') return;
  if (Array.isArray(operand)) {
    const strings = operand.every(isString);
    const numbers = operand.every((v) => typeof v === 'number');
    if (operand.length === 0 || (!strings && !numbers))
      throw new PatternError(
        path,
        'Inside anything but list, either all values are number or string, mixed type is not supported',
      );
    return;
  }
  if (!isObject(operand))
    throw new PatternError(path, 'Value of anything-but must be an array or single string/number value.');
  const [inner, value] = single(operand, path);
  const at = `${path}.${inner}`;
  switch (inner) {
    case 'prefix':
    case 'suffix':
      if (!isString(value)) throw new PatternError(at, 'prefix/suffix match pattern must be a string');
      if (value === '') throw new PatternError(at, 'Null prefix/suffix not allowed');
      return;
    case 'equals-ignore-case':
      if (!isString(value) && !(Array.isArray(value) && value.length > 0 && value.every(isString)))
        throw new PatternError(
          at,
          'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
        );
      return;
    case 'wildcard':
      if (!isString(value) && !(Array.isArray(value) && value.length > 0 && value.every(isString)))
        throw new PatternError(at, 'wildcard match pattern must be a string or a list of strings');
      for (const w of [value].flat()) checkWildcard(w as string, at);
      return;
    default:
      throw new PatternError(at, `Unsupported anything-but pattern: ${inner}`);
  }
};

const checkNumeric = (operand: Json, path: string): void => {
  if (!Array.isArray(operand) || operand.length === 0)
    throw new PatternError(path, 'Value of numeric must be an array.');
  const terms = [...operand];
  const number = (op: string) => {
    const v = terms.shift();
    if (typeof v !== 'number') throw new PatternError(path, `Value of ${op} must be numeric`);
    if (Math.abs(v) > NUMERIC_LIMIT)
      throw new PatternError(path, `Value of ${op} must be between -5.0E9 and +5.0E9 inclusive`);
  };
  const first = terms.shift();
  if (!isString(first)) throw new PatternError(path, `Invalid member in numeric match: ${describe(first)}`);
  if (!['=', '<', '<=', '>', '>='].includes(first))
    throw new PatternError(path, `Unrecognized numeric range operator: ${first}`);
  number(first);
  if (terms.length === 0) return;
  if (first !== '>' && first !== '>=') throw new PatternError(path, 'Too many elements in numeric expression');
  const second = terms.shift();
  if (second !== '<' && second !== '<=')
    throw new PatternError(path, `Bad numeric range operator: ${describe(second)}`);
  number(second);
  if (terms.length) throw new PatternError(path, 'Too many terms in numeric range expression');
};

const checkWildcard = (text: string, path: string): void => {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      if (text[i + 1] !== '*' && text[i + 1] !== '\\')
        throw new PatternError(path, `Invalid escape character at pos ${i} in wildcard ${describe(text)}`);
      i++;
    } else if (text[i] === '*' && text[i + 1] === '*')
      throw new PatternError(path, `Consecutive wildcard characters at pos ${i + 1} in ${describe(text)}`);
  }
};

/** Whether `pattern` (already checked by `parsePattern`) matches `event`. */
export const matches = (pattern: Record<string, Json>, event: unknown): boolean => matchObject(pattern, event);

/**
 * A pattern object against an event value. On an array of objects, one element must match the
 * whole object (fields of different elements never combine); on no object, the fields are absent.
 */
const matchObject = (pattern: Record<string, Json>, value: unknown): boolean => {
  if (Array.isArray(value)) {
    const objects = flatten(value).filter(isObject);
    return objects.length === 0 ? matchObject(pattern, undefined) : objects.some((o) => matchObject(pattern, o));
  }
  const object = isObject(value) ? value : undefined;
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') return (expected as Record<string, Json>[]).some((branch) => matchObject(branch, value));
    const field = object && Object.hasOwn(object, key) ? object[key] : undefined;
    return Array.isArray(expected) ? matchField(expected, field) : matchObject(expected as Record<string, Json>, field);
  });
};

const flatten = (values: unknown[]): unknown[] => values.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));

/** The leaf values of a field: arrays crushed, objects left out (they are not leaves). */
const leavesOf = (field: unknown): Json[] =>
  field === undefined ? [] : (flatten([field]).filter((v) => !isObject(v)) as Json[]);

const matchField = (expected: Json[], field: unknown): boolean => {
  const leaves = leavesOf(field);
  return expected.some((matcher) => {
    if (isObject(matcher)) {
      const [operator, operand] = Object.entries(matcher)[0];
      if (operator === 'exists') return operand === leaves.length > 0;
      return leaves.some((leaf) => matchOperator(operator, operand, leaf));
    }
    return leaves.some((leaf) => equal(matcher, leaf));
  });
};

/** Exact matching: same type and value, numbers compared as numbers (300 is 3.0e2). */
const equal = (expected: Json, leaf: Json): boolean => expected === leaf;

const lower = (s: string) => s.toLowerCase();

const stringTest = (operand: Json, test: (text: string, s: string) => boolean) => (leaf: Json) => {
  if (!isString(leaf)) return false;
  if (isObject(operand)) return test(lower(operand['equals-ignore-case'] as string), lower(leaf));
  return test(operand as string, leaf);
};

const matchOperator = (operator: string, operand: Json, leaf: Json): boolean => {
  switch (operator) {
    case 'prefix':
      return stringTest(operand, (p, s) => s.startsWith(p))(leaf);
    case 'suffix':
      return stringTest(operand, (p, s) => s.endsWith(p))(leaf);
    case 'equals-ignore-case':
      return isString(leaf) && lower(leaf) === lower(operand as string);
    case 'wildcard':
      return isString(leaf) && wildcard(operand as string).test(leaf);
    case 'numeric':
      return typeof leaf === 'number' && Math.abs(leaf) <= NUMERIC_LIMIT && inRange(operand as Json[], leaf);
    case 'cidr':
      return isString(leaf) && inCidr(operand as string, leaf);
    case 'anything-but':
      return !anythingBut(operand, leaf);
    default:
      return false;
  }
};

/**
 * What an `anything-but` excludes. As in Event Ruler, a value of another type is never excluded
 * (a number passes `anything-but: {prefix: "x"}`), so only a present field of a listed value fails.
 */
const anythingBut = (operand: Json, leaf: Json): boolean => {
  if (!isObject(operand)) return [operand].flat().some((v) => v === leaf);
  if (!isString(leaf)) return false;
  const [inner, value] = Object.entries(operand)[0];
  switch (inner) {
    case 'prefix':
      return leaf.startsWith(value as string);
    case 'suffix':
      return leaf.endsWith(value as string);
    case 'equals-ignore-case':
      return [value].flat().some((v) => lower(v as string) === lower(leaf));
    default: // wildcard
      return [value].flat().some((v) => wildcard(v as string).test(leaf));
  }
};

const inRange = (terms: Json[], value: number): boolean => {
  for (let i = 0; i < terms.length; i += 2) {
    const bound = terms[i + 1] as number;
    const ok =
      terms[i] === '='
        ? value === bound
        : terms[i] === '<'
          ? value < bound
          : terms[i] === '<='
            ? value <= bound
            : terms[i] === '>'
              ? value > bound
              : value >= bound;
    if (!ok) return false;
  }
  return true;
};

const wildcards = new Map<string, RegExp>();

/** `*` is any run of characters; `\*` an asterisk and `\\` a backslash. */
const wildcard = (text: string): RegExp => {
  let regex = wildcards.get(text);
  if (regex) return regex;
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') source += escapeRegex(text[++i]);
    else source += c === '*' ? '[\\s\\S]*' : escapeRegex(c);
  }
  regex = new RegExp(`^${source}$`);
  wildcards.set(text, regex);
  return regex;
};

const escapeRegex = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const parseCidr = (cidr: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined => {
  const [address, bits, ...rest] = cidr.split('/');
  const version = isIP(address);
  if (!version || rest.length) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d+$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
};

const cidrs = new Map<string, BlockList>();

const inCidr = (cidr: string, address: string): boolean => {
  const version = isIP(address);
  if (!version) return false;
  let list = cidrs.get(cidr);
  if (!list) {
    const { address: net, prefix, family } = parseCidr(cidr)!;
    list = new BlockList();
    list.addSubnet(net, prefix, family);
    cidrs.set(cidr, list);
  }
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
};
