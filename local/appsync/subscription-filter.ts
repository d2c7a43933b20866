/**
 * AppSync's enhanced subscription filters: what `util.transform.toSubscriptionFilter` makes of a
 * filter object, and whether a published payload passes it. Groups are ORed, the filters of a
 * group ANDed, as AppSync documents. Only top-level fields are compared.
 */

export interface FilterRule {
  readonly fieldName: string;
  readonly operator: string;
  readonly value: unknown;
}

export interface SubscriptionFilter {
  readonly filterGroup: readonly { readonly filters: readonly FilterRule[] }[];
}

const OPERATORS = new Set([
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'in',
  'notIn',
  'between',
  'beginsWith',
  'contains',
  'notContains',
  'containsAny',
]);

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A `{ field: { operator: value } }` object's rules, refusing operators AppSync lacks. */
const rulesOf = (filter: Record<string, unknown>): FilterRule[] =>
  Object.entries(filter)
    .filter(([fieldName]) => fieldName !== 'or' && fieldName !== 'and')
    .flatMap(([fieldName, condition]) => {
      if (!isRecord(condition)) throw new Error(`the filter on ${fieldName} must be an object such as { eq: value }`);
      return Object.entries(condition).map(([operator, value]) => {
        if (!OPERATORS.has(operator)) throw new Error(`the subscription filter operator ${operator} is not known`);
        return { fieldName, operator, value };
      });
    });

/** `util.transform.toSubscriptionFilter(filter)`: `or` alternatives become groups, `and` joins groups. */
export const toSubscriptionFilter = (filter: unknown): SubscriptionFilter => {
  if (!isRecord(filter)) throw new Error('toSubscriptionFilter takes a filter object');
  let groups: FilterRule[][] = [rulesOf(filter)];
  for (const part of (filter.and as unknown[] | undefined) ?? []) {
    const inner = toSubscriptionFilter(part).filterGroup.map((g) => [...g.filters]);
    groups = groups.flatMap((g) => inner.map((i) => [...g, ...i]));
  }
  if (filter.or !== undefined) {
    if (!Array.isArray(filter.or)) throw new Error('or must be a list of filter objects');
    const alternatives = filter.or.flatMap((part) => toSubscriptionFilter(part).filterGroup.map((g) => [...g.filters]));
    groups = groups.flatMap((g) => alternatives.map((a) => [...g, ...a]));
  }
  return { filterGroup: groups.map((filters) => ({ filters })) };
};

/** -1, 0 or 1 for two numbers or two strings; NaN (every comparison false) for anything else. */
const compare = (a: unknown, b: unknown): number => {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return NaN;
};

const passes = ({ operator, value }: FilterRule, actual: unknown): boolean => {
  switch (operator) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'lt':
      return compare(actual, value) < 0;
    case 'le':
      return compare(actual, value) <= 0;
    case 'gt':
      return compare(actual, value) > 0;
    case 'ge':
      return compare(actual, value) >= 0;
    case 'in':
      return Array.isArray(value) && value.includes(actual);
    case 'notIn':
      return Array.isArray(value) && !value.includes(actual);
    case 'between':
      return Array.isArray(value) && compare(actual, value[0]) >= 0 && compare(actual, value[1]) <= 0;
    case 'beginsWith':
      return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value);
    case 'contains':
      return (typeof actual === 'string' || Array.isArray(actual)) && actual.includes(value as never);
    case 'notContains':
      return !((typeof actual === 'string' || Array.isArray(actual)) && actual.includes(value as never));
    case 'containsAny':
      return Array.isArray(actual) && Array.isArray(value) && value.some((v) => actual.includes(v));
    default:
      return false;
  }
};

/** Whether `payload` (the mutation's result) passes the filter: any group whose every rule holds. */
export const matchesFilter = (filter: SubscriptionFilter, payload: unknown): boolean =>
  isRecord(payload) &&
  filter.filterGroup.some((group) => group.filters.every((rule) => passes(rule, payload[rule.fieldName])));

/**
 * AppSync's basic filtering, used when the resolver sets no filter: every argument the subscriber
 * gave must equal the payload's field of the same name.
 */
export const matchesArguments = (args: Record<string, unknown>, payload: unknown): boolean =>
  isRecord(payload) &&
  Object.entries(args).every(([name, value]) => value === null || value === undefined || payload[name] === value);
