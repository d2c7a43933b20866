/**
 * Amplify's model filter and condition inputs (`ModelProductFilterInput`,
 * `ModelCategoryConditionInput`) as DynamoDB expressions: what AppSync's
 * `$util.transform.toDynamoDBFilterExpression` and `toDynamoDBConditionExpression` produce for the
 * generated templates. DynamoDB evaluates them, so the semantics (a missing attribute, `<>`,
 * `contains` on a list) are DynamoDB's own.
 */
export class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private counter = 0;

  constructor(private readonly prefix = '') {}

  name(attribute: string): string {
    for (const [placeholder, value] of Object.entries(this.names)) if (value === attribute) return placeholder;
    const placeholder = `#${this.prefix}n${this.counter++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(v: unknown): string {
    const placeholder = `:${this.prefix}v${this.counter++}`;
    this.values[placeholder] = v;
    return placeholder;
  }

  /** The expression for a filter/condition input, or '' when it has nothing to say. */
  filter(input: unknown): string {
    if (!input || typeof input !== 'object') return '';
    const parts: string[] = [];
    for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
      if (value === undefined) continue;
      if (key === 'and' || key === 'or') {
        const list = (Array.isArray(value) ? value : [value]).map((v) => this.filter(v)).filter(Boolean);
        if (list.length)
          parts.push(list.length === 1 ? list[0] : `(${list.map((e) => `(${e})`).join(` ${key.toUpperCase()} `)})`);
      } else if (key === 'not') {
        const inner = this.filter(value);
        if (inner) parts.push(`(NOT (${inner}))`);
      } else if (value !== null && typeof value === 'object') {
        parts.push(...this.field(key, value as Record<string, unknown>));
      }
    }
    return parts.length <= 1 ? (parts[0] ?? '') : parts.map((p) => `(${p})`).join(' AND ');
  }

  private field(attribute: string, ops: Record<string, unknown>): string[] {
    const out: string[] = [];
    const n = () => this.name(attribute);
    for (const [op, v] of Object.entries(ops)) {
      if (v === undefined) continue;
      switch (op) {
        case 'eq':
          out.push(`${n()} = ${this.value(v)}`);
          break;
        case 'ne':
          out.push(`${n()} <> ${this.value(v)}`);
          break;
        case 'lt':
          out.push(`${n()} < ${this.value(v)}`);
          break;
        case 'le':
          out.push(`${n()} <= ${this.value(v)}`);
          break;
        case 'gt':
          out.push(`${n()} > ${this.value(v)}`);
          break;
        case 'ge':
          out.push(`${n()} >= ${this.value(v)}`);
          break;
        case 'contains':
          out.push(`contains(${n()}, ${this.value(v)})`);
          break;
        case 'notContains':
          out.push(`NOT contains(${n()}, ${this.value(v)})`);
          break;
        case 'beginsWith':
          out.push(`begins_with(${n()}, ${this.value(v)})`);
          break;
        case 'between': {
          const [lo, hi] = v as unknown[];
          out.push(`${n()} BETWEEN ${this.value(lo)} AND ${this.value(hi)}`);
          break;
        }
        case 'in':
          out.push(`${n()} IN (${(v as unknown[]).map((x) => this.value(x)).join(', ')})`);
          break;
        case 'notIn':
          out.push(`NOT (${n()} IN (${(v as unknown[]).map((x) => this.value(x)).join(', ')}))`);
          break;
        case 'attributeExists':
          out.push(v ? `attribute_exists(${n()})` : `attribute_not_exists(${n()})`);
          break;
        case 'attributeType':
          out.push(`attribute_type(${n()}, ${this.value(ATTRIBUTE_TYPES[String(v)] ?? String(v))})`);
          break;
        case 'size':
          for (const [sop, sv] of Object.entries(v as Record<string, unknown>)) {
            if (sv === undefined) continue;
            if (sop === 'between') {
              const [lo, hi] = sv as unknown[];
              out.push(`size(${n()}) BETWEEN ${this.value(lo)} AND ${this.value(hi)}`);
            } else if (COMPARATORS[sop]) out.push(`size(${n()}) ${COMPARATORS[sop]} ${this.value(sv)}`);
            else throw new Error(`unsupported size operator ${sop}`);
          }
          break;
        default:
          throw new Error(`unsupported filter operator ${op} on ${attribute}`);
      }
    }
    return out;
  }
}

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** `ModelAttributeTypes` → DynamoDB's attribute type names. */
const ATTRIBUTE_TYPES: Record<string, string> = {
  binary: 'B',
  binarySet: 'BS',
  bool: 'BOOL',
  list: 'L',
  map: 'M',
  number: 'N',
  numberSet: 'NS',
  string: 'S',
  stringSet: 'SS',
  _null: 'NULL',
};

/** `ExpressionAttributeNames`/`Values` only when used (DynamoDB refuses empty or unused maps). */
export const attributes = (b: ExpressionBuilder) => ({
  ...(Object.keys(b.names).length ? { ExpressionAttributeNames: b.names } : {}),
  ...(Object.keys(b.values).length ? { ExpressionAttributeValues: b.values } : {}),
});
