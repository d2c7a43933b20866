import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseInput, UserInputError } from '../shared/errors';
import type { OrderRefund } from './refund';

/**
 * An order and the rules that price it. Plain domain code: no AWS SDK, no environment. Money is
 * always an integer number of minor units (cents for USD), never a float; see docs/pricing.md.
 */

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'FAILED' | 'SHIPPED' | 'CANCELLED';

export interface OrderLine {
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
}

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface StatusChange {
  status: OrderStatus;
  at: string;
  reason?: string;
}

export interface Order {
  orderId: string;
  userId: string;
  /** Where the shopper's messages go: their email when they ordered, from their token. */
  email?: string;
  status: OrderStatus;
  lines: OrderLine[];
  currency: string;
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
  shippingAddress: ShippingAddress;
  /** A payment provider's token (a test token locally). Not a secret, but never logged or shown back. */
  paymentToken: string;
  idempotencyKey: string;
  statusHistory: StatusChange[];
  createdAt: string;
  updatedAt: string;
  /** 1 when created, one more on every change: events and views tell old from new by it. */
  version: number;
  /** Set once, when payments refunded the order (PaymentRefunded). */
  refund?: OrderRefund;
}

/**
 * What the customer sees of their order: everything but the payment token, which only payments
 * needs, plus why it failed when it did.
 */
export type CustomerOrder = Omit<Order, 'paymentToken'> & { failureReason?: string };

export const toCustomerOrder = ({ paymentToken: _token, ...order }: Order): CustomerOrder => {
  // The first FAILED entry is the failure; a later one with the same status is the refund's note.
  const failed = order.status === 'FAILED' ? order.statusHistory.find((c) => c.status === 'FAILED') : undefined;
  return failed?.reason ? { ...order, failureReason: failed.reason } : order;
};

/** A product as pricing needs it, read from the catalog (never from the client). */
export interface PricedProduct {
  sku: string;
  name: string;
  price: number;
  currency: string;
  active: boolean;
}

// ---------------------------------------------------------------------------------------------
// Input

export const MAX_LINES = 50;
export const MAX_QUANTITY = 99;

/** ISO 3166-1 alpha-2: the 249 officially assigned codes (no EU, UK, XK or other reserved ones). */
export const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
    'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
    'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
    'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
    'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
    'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/**
 * Control characters, unpaired surrogates and bidirectional overrides: nothing a person types in an
 * address, and what makes a label or a log line lie about its content. Refused, never stripped.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
const UNPRINTABLE_MESSAGE = 'must not contain control characters, unpaired surrogates or bidirectional overrides';

/** Messages are completed with the field's path by `explain`, e.g. "lines[0].quantity must be …". */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !UNPRINTABLE.test(v), UNPRINTABLE_MESSAGE);
/** GraphQL sends an omitted optional argument as null; null and "" both mean "none". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !UNPRINTABLE.test(v), UNPRINTABLE_MESSAGE)
    .nullish()
    .transform((v) => v || undefined);

const line = z
  .object({
    sku: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'must be 2 to 40 upper-case letters, digits or dashes'),
    quantity: z
      .number()
      .int(`must be a whole number from 1 to ${MAX_QUANTITY}`)
      .min(1, `must be a whole number from 1 to ${MAX_QUANTITY}`)
      .max(MAX_QUANTITY, `must be a whole number from 1 to ${MAX_QUANTITY}`),
  })
  .strict();

const shippingAddress = z
  .object({
    name: text(100),
    line1: text(100),
    line2: optionalText(100),
    city: text(100),
    region: optionalText(100),
    postalCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/, 'must be 1 to 16 letters, digits, spaces or dashes'),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine((c) => COUNTRIES.has(c), 'must be an ISO 3166-1 alpha-2 country code such as US or DE'),
  })
  .strict();

/**
 * What a client may send to place an order. Strict at every level: there is no field for a price
 * or a total, and an unknown field is refused rather than ignored, so a client that believes it can
 * set prices learns at once that it cannot.
 */
const placeOrderInput = z
  .object({
    lines: z
      .array(line)
      .min(1, 'must hold at least one line')
      .max(MAX_LINES, `must hold at most ${MAX_LINES} lines`)
      .superRefine((lines, ctx) => {
        const seen = new Set<string>();
        for (const { sku } of lines) {
          if (seen.has(sku))
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: `hold ${sku} more than once; put its whole quantity on one line`,
            });
          seen.add(sku);
        }
      }),
    shippingAddress,
    paymentToken: text(500),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, underscores or dashes'),
  })
  .strict();

export type PlaceOrderInput = z.output<typeof placeOrderInput>;

/** A cart to price: the same lines as an order, and the destination country once it is known. */
const quoteInput = z
  .object({
    lines: placeOrderInput.shape.lines,
    country: shippingAddress.shape.country.nullish().transform((c) => c || undefined),
  })
  .strict();

export type QuoteInput = z.output<typeof quoteInput>;

/** Fields a client might send believing it sets the amounts; refused with a hint. */
const MONEY_FIELDS = new Set(['price', 'unitPrice', 'lineTotal', 'subtotal', 'shipping', 'tax', 'total', 'currency']);

const pathOf = (path: (string | number)[]) =>
  path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );

/** Each problem named by its field, so the user can act on it. */
const explain = (issue: z.ZodIssue) => {
  const where = pathOf(issue.path);
  switch (issue.code) {
    case z.ZodIssueCode.unrecognized_keys: {
      const hint = issue.keys.some((k) => MONEY_FIELDS.has(k)) ? ': prices and totals come from the catalog' : '';
      return `${where || 'the order'} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}${hint}`;
    }
    case z.ZodIssueCode.invalid_type:
      // A fractional number fails `.int()` as a type, with the message given there.
      if (issue.expected === 'integer' && issue.received === 'float') return `${where} ${issue.message}`;
      return issue.received === 'undefined' || issue.received === 'null'
        ? `${where || 'the order'} is required`
        : `${where || 'the order'} must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    default:
      return `${where} ${issue.message}`;
  }
};

/** The checked, normalized request (trimmed, country upper case); refuses with every problem named. */
export const parsePlaceOrderInput = (input: unknown): PlaceOrderInput => parseInput(placeOrderInput, input, explain);

export const parseQuoteInput = (input: unknown): QuoteInput => parseInput(quoteInput, input, explain);

/**
 * A fingerprint of the normalized request, kept with the idempotency key: a retry sends the same
 * body (lines in any order), a different order under the same key does not.
 */
export const requestHash = (input: PlaceOrderInput): string => {
  const a = input.shippingAddress;
  const canonical = {
    lines: [...input.lines].sort((x, y) => (x.sku < y.sku ? -1 : 1)).map((l) => [l.sku, l.quantity]),
    address: [a.name, a.line1, a.line2 ?? '', a.city, a.region ?? '', a.postalCode, a.country],
    paymentToken: input.paymentToken,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
};

// ---------------------------------------------------------------------------------------------
// Pricing (docs/pricing.md)

/** Flat shipping charged below the free-shipping threshold, in minor units. */
export const SHIPPING_FLAT = 500;
/** A subtotal at or above this ships free, in minor units. */
export const FREE_SHIPPING_FROM = 5000;
/** Tax rates in basis points (1 bp = 0.01 %) by destination country; others pay the default. */
export const TAX_RATES_BP: Readonly<Record<string, number>> = {
  US: 800,
  CA: 500,
  GB: 2000,
  DE: 1900,
  FR: 2000,
  NL: 2100,
  JP: 1000,
  AU: 1000,
};
export const DEFAULT_TAX_RATE_BP = 1000;

export const shippingFor = (subtotal: number) => (subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FLAT);

export const taxRateFor = (country: string) => TAX_RATES_BP[country] ?? DEFAULT_TAX_RATE_BP;

/**
 * Tax on (subtotal + shipping), rounded half up once per order. Computed in BigInt so the product
 * of a large order and a rate is exact whatever its size.
 */
export const taxFor = (taxable: number, rateBp: number) => Number((BigInt(taxable) * BigInt(rateBp) + 5000n) / 10000n);

export interface Priced {
  lines: OrderLine[];
  currency: string;
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
}

/**
 * Prices the lines from the catalog's products. Refuses, naming each SKU, a product the catalog
 * does not know or no longer sells, and an order whose products are priced in different currencies.
 */
export const priceOrder = (
  lines: PlaceOrderInput['lines'],
  products: ReadonlyMap<string, PricedProduct>,
  country: string,
): Priced => {
  const problems: string[] = [];
  for (const { sku } of lines) {
    const product = products.get(sku);
    if (!product) problems.push(`unknown product ${sku}`);
    else if (!product.active) problems.push(`${sku} is no longer for sale`);
  }
  if (problems.length) throw new UserInputError(problems.join('; '));

  const currencies = [...new Set(lines.map(({ sku }) => products.get(sku)!.currency))];
  if (currencies.length > 1)
    throw new UserInputError(
      `all products of an order must share one currency; this one mixes ${currencies.join(' and ')}`,
    );

  const priced = lines.map(({ sku, quantity }): OrderLine => {
    const { name, price } = products.get(sku)!;
    return { sku, name, unitPrice: price, quantity, lineTotal: price * quantity };
  });
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal, 0);
  const shipping = shippingFor(subtotal);
  const tax = taxFor(subtotal + shipping, taxRateFor(country));
  return { lines: priced, currency: currencies[0], subtotal, shipping, tax, total: subtotal + shipping + tax };
};

/** A line the cart holds but cannot be ordered, and why (in the shopper's words). */
export interface UnavailableLine {
  sku: string;
  reason: string;
}

/** A cart priced by the order's rules; `tax` is known only with the destination country. */
export interface Quote extends Omit<Priced, 'tax' | 'currency'> {
  currency?: string;
  tax?: number;
  unavailable: UnavailableLine[];
}

/**
 * Prices a cart as `priceOrder` would price the order, but answers rather than refuses what cannot
 * be sold: a cart outlives the products in it, and the shopper needs to see which to remove.
 */
export const quoteOrder = (
  lines: QuoteInput['lines'],
  products: ReadonlyMap<string, PricedProduct>,
  country: string | undefined,
): Quote => {
  const unavailable: UnavailableLine[] = [];
  const sellable = lines.filter(({ sku }) => {
    const product = products.get(sku);
    if (!product) unavailable.push({ sku, reason: 'This product does not exist.' });
    else if (!product.active) unavailable.push({ sku, reason: 'This product is no longer for sale.' });
    return product?.active;
  });
  if (sellable.length === 0) return { lines: [], unavailable, subtotal: 0, shipping: 0, total: 0 };
  const priced = priceOrder(sellable, products, country ?? 'US');
  if (country) return { ...priced, unavailable };
  const { tax: _unknownYet, ...untaxed } = priced;
  return { ...untaxed, total: priced.subtotal + priced.shipping, unavailable };
};

// ---------------------------------------------------------------------------------------------
// Status

/** A status change the order's state does not allow (e.g. failing a confirmed order). */
export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
}

/**
 * Where each status may go next. The saga moves a PENDING order once; a confirmed order is then
 * shipped, or cancelled by its owner before it ships.
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'FAILED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  FAILED: [],
  SHIPPED: [],
  CANCELLED: [],
};

export const canMove = (from: OrderStatus, to: OrderStatus) => TRANSITIONS[from].includes(to);
