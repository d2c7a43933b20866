import { z } from 'zod';
import { parseInput } from '../shared/errors';
import { pageLimit, pageToken } from '../shared/page-args';

/** Units of one SKU. `available` can still be sold; `reserved` is held for unconfirmed orders. Both ≥ 0. */
export interface StockItem {
  sku: string;
  available: number;
  reserved: number;
  updatedAt: string;
}

/** RESTOCKED: the order's committed units came back (it was cancelled). */
export type ReservationStatus = 'HELD' | 'RELEASED' | 'COMMITTED' | 'RESTOCKED';

/** One line of an order's hold on stock (key: orderId + sku). */
export interface Reservation {
  orderId: string;
  sku: string;
  quantity: number;
  status: ReservationStatus;
  /** Epoch seconds after which a HELD reservation may be released by the sweeper. */
  expiresAt: number;
  /**
   * Epoch seconds after which DynamoDB TTL may delete the record: set only once it is no longer HELD.
   * A HELD record is never deleted by TTL, so reserved stock can't be orphaned (see README).
   */
  purgeAt?: number;
  createdAt: string;
  updatedAt: string;
}

/** The audit record of an admin change to a SKU's available units. */
export interface StockAdjustment {
  sku: string;
  /** ISO time + '#' + a unique id: sorts by time, never collides. */
  at: string;
  by: string;
  delta: number;
  reason: string;
  availableAfter: number;
}

export interface Line {
  sku: string;
  quantity: number;
}

export const MAX_LINES = 50;
export const MAX_QUANTITY = 99;
/** Largest stock an admin may set or add at once: far above any shelf, far below float trouble. */
export const MAX_STOCK = 1_000_000;
export const MAX_TTL_SECONDS = 7 * 24 * 3600;

/** The same rule as the catalog's SKUs. */
const sku = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'sku must be 2 to 40 upper-case letters, digits or dashes');
const orderId = z
  .string()
  .trim()
  .min(1, 'orderId must not be empty')
  .max(128, 'orderId must be at most 128 characters');
const line = z.object({
  sku,
  quantity: z
    .number()
    .int('quantity must be a whole number')
    .min(1, 'quantity must be at least 1')
    .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
});
const admin = {
  sku,
  by: z.string().trim().min(1, 'by (the admin) must not be empty'),
  reason: z.string().trim().min(1, 'reason must not be empty').max(500, 'reason must be at most 500 characters'),
};

const reserveInput = z.object({
  orderId,
  lines: z
    .array(line)
    .min(1, 'an order reserves at least one line')
    .max(MAX_LINES, `an order has at most ${MAX_LINES} lines`),
  ttlSeconds: z
    .number()
    .int('ttlSeconds must be a whole number')
    .min(1, 'ttlSeconds must be at least 1')
    .max(MAX_TTL_SECONDS, `ttlSeconds must be at most ${MAX_TTL_SECONDS}`),
});
const orderInput = z.object({ orderId });
const setStockInput = z.object({
  ...admin,
  available: z
    .number()
    .int('available must be a whole number')
    .min(0, 'available must not be negative')
    .max(MAX_STOCK, `available must be at most ${MAX_STOCK}`),
});
const adjustStockInput = z.object({
  ...admin,
  delta: z
    .number()
    .int('delta must be a whole number')
    .refine((d) => d !== 0, 'delta must not be zero')
    .refine((d) => Math.abs(d) <= MAX_STOCK, `delta must be at most ${MAX_STOCK} either way`),
});
const skusInput = z.array(sku).max(100, 'at most 100 SKUs at once');
export const MAX_STOCK_PAGE = 100;
const stockListInput = z
  .object({
    /** Only SKUs below the low-stock threshold. */
    lowStock: z
      .boolean()
      .nullish()
      .transform((l) => l ?? false),
    limit: pageLimit(MAX_STOCK_PAGE, 50),
    nextToken: pageToken,
  })
  .strict();

export type ReserveInput = z.infer<typeof reserveInput>;
export type SetStockInput = z.infer<typeof setStockInput>;
export type AdjustStockInput = z.infer<typeof adjustStockInput>;
export type StockListInput = z.output<typeof stockListInput>;

/** A missing or mistyped field is named (zod alone would only say "Required"). */
const explain = ({ code, path, message }: z.ZodIssue) => {
  if (code !== 'invalid_type' || !/^(Required|Expected )/.test(message)) return message;
  const field = path.join('.') || 'the input';
  return message === 'Required' ? `${field} is required` : `${field}: ${message}`;
};

/** Every problem found, each said so the caller can act on it. */
const parse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => parseInput(schema, input, explain);

/** Validated, with the lines of one SKU merged (a transaction may touch an item only once). */
export const parseReserve = (input: unknown): ReserveInput => {
  const parsed = parse(reserveInput, input);
  return { ...parsed, lines: mergeLines(parsed.lines) };
};
export const parseOrder = (input: unknown) => parse(orderInput, input);
export const parseSetStock = (input: unknown) => parse(setStockInput, input);
export const parseAdjustStock = (input: unknown) => parse(adjustStockInput, input);
export const parseSkus = (input: unknown) => [...new Set(parse(skusInput, input))];
export const parseStockList = (input: unknown) => parse(stockListInput, input ?? {});

/** One line per SKU, in first-seen order. */
export const mergeLines = (lines: Line[]): Line[] => {
  const merged = new Map<string, number>();
  for (const { sku, quantity } of lines) merged.set(sku, (merged.get(sku) ?? 0) + quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
};

/** Whether two sets of (merged) lines ask for the same units, whatever their order. */
export const sameLines = (a: Line[], b: Line[]) => {
  if (a.length !== b.length) return false;
  const quantities = new Map(a.map((l) => [l.sku, l.quantity]));
  return b.every((l) => quantities.get(l.sku) === l.quantity);
};

export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
