import { z } from 'zod';
import { CACHED_PAGE_PATH } from './pages';

/**
 * The storefront's revalidation call (`POST /api/revalidate`), shared by its caller (the
 * storefront-revalidate function) and its route handler, so that the two cannot drift.
 */

export const REVALIDATE_ROUTE = '/api/revalidate';

/** The shared secret's variable, on both sides (an Amplify `secret()` for the function). */
export const REVALIDATE_SECRET_VARIABLE = 'STOREFRONT_REVALIDATE_SECRET';

export const revalidationRequest = z.object({
  /** Cached pages to make again: only catalog pages, so a leaked secret can do little. */
  paths: z
    .array(z.string().regex(CACHED_PAGE_PATH, 'is not a cached catalog page (/, /product/<slug>, /category/<slug>)'))
    .max(20),
  /** The product that changed: home is made again too if it features it, or did. */
  sku: z.string().min(1),
});
export type RevalidationRequest = z.infer<typeof revalidationRequest>;

export const revalidationResponse = z.object({ revalidated: z.array(z.string()) });
export type RevalidationResponse = z.infer<typeof revalidationResponse>;
