/**
 * What a rule's target receives (the `Input`, `InputPath` and `InputTransformer` of a target), as
 * "Transforming Amazon EventBridge target input" describes it.
 */

/** One step of a simple JSON path: a field name or an array index. */
type Step = string | number;

/** How a target's input is made from the event. */
export type InputSpec =
  | { kind: 'event' }
  | { kind: 'constant'; text: string }
  | { kind: 'path'; path: Step[] }
  | { kind: 'transformer'; paths: Record<string, Step[]>; template: string };

/** What the predefined template variables need besides the event. */
export interface InputContext {
  ruleArn: string;
  ruleName: string;
  /** When EventBridge received the event (ISO). */
  ingestionTime: string;
}

/** Reserved by EventBridge: no `InputPathsMap` variable may take these names. */
const PREDEFINED = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event',
  'aws.events.event.ingestion-time',
  'aws.events.event.json',
];

/**
 * Parses the simple JSON paths EventBridge accepts: `$`, `$.detail.state`, `$.detail['x-y']`,
 * `$.resources[0]`. Throws on anything else (filters, wildcards, slices).
 */
export const parseJsonPath = (text: string): Step[] => {
  if (!text.startsWith('$')) throw new Error(`${JSON.stringify(text)} is not a JSON path (it must start with $)`);
  const steps: Step[] = [];
  const token = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  token.lastIndex = 1;
  while (token.lastIndex < text.length) {
    const m = token.exec(text);
    if (!m || m[1] === '*') throw new Error(`${JSON.stringify(text)} is not a JSON path the local EventBridge reads`);
    steps.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4]));
  }
  return steps;
};

const NOT_FOUND = Symbol('not found');

const select = (value: unknown, path: Step[]): unknown => {
  let at: unknown = value;
  for (const step of path) {
    if (at === null || typeof at !== 'object') return NOT_FOUND;
    const container = at as Record<string | number, unknown>;
    if (!Object.hasOwn(container, step)) return NOT_FOUND;
    at = container[step];
  }
  return at;
};

/** Reads a target's `Input`, `InputPath` and `InputTransformer`; throws naming what is wrong. */
export const inputSpecOf = (target: {
  Input?: unknown;
  InputPath?: unknown;
  InputTransformer?: { InputPathsMap?: Record<string, unknown>; InputTemplate?: unknown };
}): InputSpec => {
  const given = ['Input', 'InputPath', 'InputTransformer'].filter(
    (k) => target[k as keyof typeof target] !== undefined,
  );
  if (given.length > 1) throw new Error(`${given.join(' and ')} are mutually exclusive`);
  if (target.Input !== undefined) {
    const text = String(target.Input);
    try {
      JSON.parse(text);
    } catch {
      throw new Error('Input must be valid JSON text');
    }
    return { kind: 'constant', text };
  }
  if (target.InputPath !== undefined) return { kind: 'path', path: parseJsonPath(String(target.InputPath)) };
  const transformer = target.InputTransformer;
  if (!transformer) return { kind: 'event' };
  if (typeof transformer.InputTemplate !== 'string') throw new Error('InputTransformer needs an InputTemplate');
  const paths: Record<string, Step[]> = {};
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    if (PREDEFINED.includes(name)) throw new Error(`InputPathsMap may not define the reserved variable ${name}`);
    paths[name] = parseJsonPath(String(path));
  }
  return { kind: 'transformer', paths, template: transformer.InputTemplate };
};

/** The text the target receives for `event` (JSON, or the template's text). */
export const renderInput = (spec: InputSpec, event: object, context: InputContext): string => {
  switch (spec.kind) {
    case 'event':
      return JSON.stringify(event);
    case 'constant':
      return spec.text;
    case 'path': {
      const value = select(event, spec.path);
      return value === NOT_FOUND ? '' : JSON.stringify(value);
    }
    case 'transformer':
      return transform(spec, event, context);
  }
};

/**
 * Fills the template: a variable outside a JSON string becomes its JSON (`"i-123"`, `5`, an
 * object); inside a string, its text unquoted and unescaped ("EventBridge doesn't escape values
 * extracted by Input Path"). A path the event lacks makes no variable: `null` outside a string,
 * nothing inside one. A template that comes out as JSON is passed on minified.
 */
const transform = (spec: Extract<InputSpec, { kind: 'transformer' }>, event: object, context: InputContext): string => {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(spec.paths)) values.set(name, select(event, path));
  values.set('aws.events.rule-arn', context.ruleArn);
  values.set('aws.events.rule-name', context.ruleName);
  values.set('aws.events.event', event);
  values.set('aws.events.event.ingestion-time', context.ingestionTime);
  values.set('aws.events.event.json', JSON.stringify(event));

  const template = spec.template;
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '<') {
      const close = template.indexOf('>', i);
      const name = close > i ? template.slice(i + 1, close) : '';
      if (values.has(name)) {
        const value = values.get(name);
        if (inString) out += value === NOT_FOUND ? '' : typeof value === 'string' ? value : JSON.stringify(value);
        else out += value === NOT_FOUND ? 'null' : JSON.stringify(value);
        i = close;
        continue;
      }
    }
    if (c === '\\' && inString) {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    out += c;
  }
  try {
    return JSON.stringify(JSON.parse(out));
  } catch {
    return out;
  }
};
