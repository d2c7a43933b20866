/**
 * The token a visitor without a session sends. Catalog reads always use it, even for signed-in
 * shoppers, so catalog responses are the same for everyone (and cacheable at the edge).
 */
export const GUEST_TOKEN = 'guest';

/**
 * The one sign-in flow the storefront uses. cognito-local (the local cloud) has no SRP, and
 * USER_PASSWORD_AUTH works on AWS too when the app client allows it (Amplify's does).
 */
export const AUTH_FLOW_TYPE = 'USER_PASSWORD_AUTH' as const;

/** Products per page in the catalog grids. */
export const PAGE_SIZE = 12;

/** Products on the home page: the first of the catalog in its FEATURED order. */
export const FEATURED_COUNT = 8;

/** The currency the search page's price range is typed in (the seeded catalog's). */
export const STORE_CURRENCY = 'USD';

/**
 * The storefront's public origin, for canonical URLs, Open Graph tags, the sitemap and robots.txt
 * (`SITE_URL`, e.g. https://shop.example.com; a local default otherwise).
 */
export const siteUrl = () => new URL(process.env.SITE_URL || 'http://localhost:3000');

/** The Cognito group whose members run the store. */
export const ADMIN_GROUP = 'admins';
