import { Duration, aws_cloudfront as cloudfront } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * How the storefront is cached at the edge. The same rules hold for Amplify Hosting's own CDN, which
 * caches by the Cache-Control the Next.js app sends (docs/deploy.md).
 */

/** Content-hashed build output: a new build gets new names, so a copy never goes stale. */
export const IMMUTABLE_PATHS = ['/_next/static/*'] as const;

/**
 * Pages for one shopper, forms that talk to Cognito, and the API (the revalidation hook among it):
 * never cached, and the viewer's cookies, headers and query go to the origin untouched.
 */
export const NEVER_CACHED_PATHS = [
  '/account*',
  '/cart*',
  '/checkout*',
  '/orders*',
  '/admin*',
  '/sign-in*',
  '/sign-up*',
  '/forgot-password*',
  '/api/*',
] as const;

/** Campaign and click ids: they change nothing on a page, and would split its cache per link. */
export const IGNORED_QUERY_PARAMETERS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'gclid',
  'fbclid',
];

/**
 * Next.js answers the same URL with HTML or with an RSC payload (client navigation, prefetch) by
 * these request headers; its `_rsc` query parameter is derived from them too, but a request without
 * it must not get the other kind of answer from the cache.
 */
export const NEXT_RSC_HEADERS = ['RSC', 'Next-Router-Prefetch', 'Next-Router-State-Tree', 'Next-Url'];

/** The longest a page may stay cached at the edge, whatever `s-maxage` the origin sends. */
export const PAGE_MAX_TTL = Duration.days(1);

export interface StorefrontCachePolicies {
  immutable: cloudfront.ICachePolicy;
  pages: cloudfront.ICachePolicy;
  pageForwarding: cloudfront.IOriginRequestPolicy;
}

export const storefrontCachePolicies = (scope: Construct): StorefrontCachePolicies => ({
  // A year, whatever the origin says: the name changes when the content does.
  immutable: new cloudfront.CachePolicy(scope, 'ImmutableAssets', {
    comment: 'cloudshop: content-hashed assets, a year',
    minTtl: Duration.days(365),
    defaultTtl: Duration.days(365),
    maxTtl: Duration.days(365),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  }),
  // Catalog and product pages are the same for every shopper (the session is read in the browser):
  // the origin's Cache-Control decides (`s-maxage`, `stale-while-revalidate`), and a page that sends
  // none, or `private`/`no-store`, is not cached (default TTL 0).
  pages: new cloudfront.CachePolicy(scope, 'CatalogPages', {
    comment: "cloudshop: pages, as the origin's Cache-Control says",
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: PAGE_MAX_TTL,
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.denyList(...IGNORED_QUERY_PARAMETERS),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList(...NEXT_RSC_HEADERS),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  }),
  // What a page request sends the origin besides its cache key: the catalog's "Load more" is a
  // server action (a POST to the page with these headers). No cookies: the pages are public.
  pageForwarding: new cloudfront.OriginRequestPolicy(scope, 'CatalogPageForwarding', {
    comment: 'cloudshop: pages and their server actions',
    queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
    cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList('Next-Action', 'Content-Type'),
  }),
});
