/**
 * DynamoDB's item size and request unit rules, for the units the metering proxy computes itself
 * (where DynamoDB Local reports none: failed conditional writes, cancelled transactions). Items are
 * in the wire format (`{ "S": "..." }`, `{ "B": "<base64>" }`, ...), as the proxy sees them.
 *
 * The quotations are from the DynamoDB Developer Guide, "Item sizes and formats" and "DynamoDB read
 * and write operations" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html),
 * as their author knows them (this environment cannot reach the pages).
 */

/** One attribute value as DynamoDB's JSON protocol carries it. */
export type WireAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, WireAttributeValue> }
  | { L: WireAttributeValue[] }
  | { NULL: boolean }
  | { BOOL: boolean };

export type WireItem = Record<string, WireAttributeValue>;

/** "1 KB" and "4 KB" in DynamoDB's rules are 1,024 and 4,096 bytes (DynamoDB Local agrees at the boundary). */
export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * "Numbers are variable length, with up to 38 significant digits. Leading and trailing zeroes are
 * trimmed. The size of a number is approximately (length of attribute name) + (1 byte per two
 * significant digits) + (1 byte)." Made exact as DynamoDB Local computes it (measured at the 1 KB
 * boundary): the digits are paired from the decimal point outwards (`1.5` is `01.50`, two pairs,
 * 3 bytes, not 2), and a negative number takes one byte more.
 */
export const numberSize = (n: string): number => {
  const text = n.trim();
  const negative = text.startsWith('-');
  const [mantissa, exponent = '0'] = text.replace(/^[-+]/, '').split(/[eE]/);
  const [whole, fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  // The power of ten of the first digit is `point - 1`.
  let point = whole.length + Number(exponent);
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading).replace(/0+$/, '');
  point -= leading;
  if (digits.length === 0) return 1;
  const pairs = Math.floor((point - 1) / 2) - Math.floor((point - digits.length) / 2) + 1;
  return pairs + 1 + (negative ? 1 : 0);
};

/** The size of a value without its name. */
export const valueSize = (value: WireAttributeValue): number => {
  // "Strings are Unicode with UTF-8 binary encoding. The size of a string is (length of attribute
  // name) + (number of UTF-8-encoded bytes)."
  if ('S' in value) return utf8(value.S);
  if ('N' in value) return numberSize(value.N);
  // "Binary values must be encoded in base64 format before they can be sent to DynamoDB, but the
  // value's raw byte length is used for calculating size."
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  // A set is the sum of its elements, each sized as the scalar type it holds.
  if ('SS' in value) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if ('NS' in value) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if ('BS' in value) return value.BS.reduce((sum, b) => sum + Buffer.from(b, 'base64').length, 0);
  // "An attribute of type List or Map requires 3 bytes of overhead, regardless of its contents. The
  // size of a List or Map is (length of attribute name) + sum (size of nested elements) + (3 bytes)."
  // "Each List or Map element also requires 1 byte of overhead."
  if ('M' in value)
    return 3 + Object.entries(value.M).reduce((sum, [name, nested]) => sum + utf8(name) + valueSize(nested) + 1, 0);
  if ('L' in value) return 3 + value.L.reduce((sum, nested) => sum + valueSize(nested) + 1, 0);
  // "The size of a null attribute or a Boolean attribute is (length of attribute name) + (1 byte)."
  if ('NULL' in value || 'BOOL' in value) return 1;
  throw new Error(`not a DynamoDB attribute value: ${JSON.stringify(value)}`);
};

/**
 * "The size of an item is the sum of the lengths of its attribute names and values." An absent
 * item is 0 bytes.
 */
export const itemSize = (item: WireItem | undefined): number =>
  item ? Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0) : 0;

/** "For PutItem, UpdateItem, and DeleteItem operations, DynamoDB rounds the item size up to the next 1 KB." */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));

/**
 * A conditional write whose condition fails: "If a ConditionExpression evaluates to false during a
 * conditional write, DynamoDB still consumes write capacity from the table. The amount consumed is
 * dependent on the size of the existing item (or a minimum of 1)." DynamoDB answers such a write
 * with a `ConditionalCheckFailedException` that carries no `ConsumedCapacity` (nor does Local).
 */
export const failedConditionalWriteUnits = (existingItemBytes: number): number => writeUnits(existingItemBytes);

/**
 * "A transactional write request of an item up to 1 KB requires two write units" and "DynamoDB
 * performs two underlying reads or writes of every item in the transaction: one to prepare the
 * transaction and one to commit the transaction." (Amazon DynamoDB Transactions: How it works,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html)
 */
export const TRANSACTION_FACTOR = 2;

/**
 * A read of one item: "Item sizes for reads are rounded up to the next 4 KB multiple", eventually
 * consistent reads take half, and "If you perform a read operation on an item that does not exist,
 * DynamoDB still consumes provisioned read throughput: A strongly consistent read request consumes
 * one read capacity unit, while an eventually consistent read request consumes 0.5 of a read
 * capacity unit."
 */
export const readUnits = (bytes: number, consistentRead: boolean): number =>
  Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * (consistentRead ? 1 : 0.5);
