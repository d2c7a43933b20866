import { z } from 'zod';
import { parseInput, UserInputError } from '../shared/errors';

/** The arguments of the view queries, checked: a client's bad value is named, never half-used. */

const limit = (max: number, fallback: number) =>
  z
    .number()
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(max, `limit must be at most ${max}`)
    .nullish()
    .transform((l) => l ?? fallback);
const nextToken = z
  .string()
  .max(2048, 'nextToken is not one this API gave')
  .nullish()
  .transform((t) => t || undefined);

export const MAX_REPORT_DAYS = 366;

const isoDay = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date such as 2026-03-01`)
    .refine((d) => {
      // A malformed day (which the regex already reported) must not reach toISOString, which throws.
      const at = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(d);
    }, `${field} is not a real date`);

const schemas = {
  productCards: z.object({
    category: z
      .string()
      .trim()
      .min(1, 'category must not be empty')
      .max(100)
      .nullish()
      .transform((c) => c || undefined),
    limit: limit(100, 24),
    nextToken,
  }),
  myOrders: z.object({ limit: limit(100, 20), nextToken }),
  salesReport: z
    .object({ from: isoDay('from'), to: isoDay('to') })
    .refine(({ from, to }) => from <= to, 'from must not be after to')
    .refine(
      ({ from, to }) => daysBetween(from, to) <= MAX_REPORT_DAYS,
      `a report covers at most ${MAX_REPORT_DAYS} days`,
    ),
};

/** Days from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

export type ProductCardsArgs = z.output<typeof schemas.productCards>;
export type MyOrdersArgs = z.output<typeof schemas.myOrders>;
export type SalesReportArgs = z.output<typeof schemas.salesReport>;

const parse =
  <S extends z.ZodTypeAny>(schema: S) =>
  (input: unknown): z.output<S> =>
    parseInput(schema, input ?? {});

export const parseProductCards = parse(schemas.productCards);
export const parseMyOrders = parse(schemas.myOrders);
export const parseSalesReport = parse(schemas.salesReport);

/** A page position as the client carries it: opaque, and checked on the way back. */
export const encodeToken = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

export const decodeToken = (token: string | undefined, keys: readonly string[]) => {
  if (!token) return undefined;
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (key && typeof key === 'object' && keys.every((k) => typeof key[k] === 'string')) return key;
  } catch {
    // reported below
  }
  throw new UserInputError('nextToken is not one this API gave');
};
