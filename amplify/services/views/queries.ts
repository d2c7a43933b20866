import { z } from 'zod';
import { MAX_PRICE } from '../catalog/product';
import { parseInput } from '../shared/errors';
import { pageLimit, pageToken } from '../shared/page-args';
import { CARD_SORTS, MAX_SEARCH_WORDS, searchWords } from './card-pages';

/** The arguments of the view queries, checked: a client's bad value is named, never half-used. */

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

const price = (field: string) =>
  z
    .number({ invalid_type_error: `${field} must be a number of minor units` })
    .int(`${field} must be a whole number of minor units (cents for USD)`)
    .min(0, `${field} must not be negative`)
    .max(MAX_PRICE, `${field} must be at most ${MAX_PRICE} minor units`)
    .nullish()
    .transform((p) => p ?? undefined);

const schemas = {
  productCards: z
    .object({
      text: z
        .string()
        .max(200, 'text must be at most 200 characters')
        .nullish()
        .transform((t) => searchWords(t ?? ''))
        .refine((words) => words.length <= MAX_SEARCH_WORDS, `text must have at most ${MAX_SEARCH_WORDS} words`),
      category: z
        .string()
        .trim()
        .min(1, 'category must not be empty')
        .max(100)
        .nullish()
        .transform((c) => c || undefined),
      minPrice: price('minPrice'),
      maxPrice: price('maxPrice'),
      sort: z
        .enum(CARD_SORTS, { message: `sort must be one of ${CARD_SORTS.join(', ')}` })
        .nullish()
        .transform((s) => s ?? 'FEATURED'),
      limit: pageLimit(100, 24),
      nextToken: pageToken,
    })
    .refine(
      ({ minPrice, maxPrice }) => minPrice === undefined || maxPrice === undefined || minPrice <= maxPrice,
      'minPrice must not be more than maxPrice',
    )
    .transform(({ text, ...rest }) => ({ words: text, ...rest })),
  myOrders: z.object({ limit: pageLimit(100, 20), nextToken: pageToken }),
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
