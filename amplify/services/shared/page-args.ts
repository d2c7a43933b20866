import { z } from 'zod';

/**
 * The two arguments every paged query takes, checked alike in every service: how many items (a
 * whole number from 1 to `max`, `fallback` when absent) and where the last page ended.
 */
export const pageLimit = (max: number, fallback: number) =>
  z
    .number()
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(max, `limit must be at most ${max}`)
    .nullish()
    .transform((l) => l ?? fallback);

/** A token longer than any this API gives is refused before it is decoded; an empty one means none. */
export const pageToken = z
  .string()
  .max(2048, 'nextToken is not one this API gave')
  .nullish()
  .transform((t) => t || undefined);
