import { timingSafeEqual } from 'node:crypto';
import { REVALIDATE_SECRET_VARIABLE } from '@/amplify/services/storefront/revalidation';

/**
 * What the revalidation route needs besides Next.js: the caller's check and the home page rule
 * (decision 11). Plain functions over their inputs, so they are tested without a server.
 */

/** Whether the request carries `Authorization: Bearer <the shared secret>`; no secret configured refuses everyone. */
export const authorized = (authorization: string | null, secret = process.env[REVALIDATE_SECRET_VARIABLE]) => {
  if (!secret || !authorization?.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * How the home page marks each featured card, so that what it shows can be read off the page (a SKU
 * is upper-case letters, digits and dashes: nothing HTML escapes).
 */
export const featuredMark = (sku: string) => `data-featured-sku="${sku}"`;

/**
 * The home page shows the product when the page as cached features it (it did) or the featured
 * list now does (it will): either way the page changes with the product.
 */
export const homeShows = (sku: string, cachedHome: string, featuredNow: readonly { sku: string }[]) =>
  cachedHome.includes(featuredMark(sku)) || featuredNow.some((p) => p.sku === sku);
