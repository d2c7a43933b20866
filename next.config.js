/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Product images are plain files under public/products/ or admin-entered URLs: no optimizer.
  images: { unoptimized: true },
  // Cached pages say `s-maxage=60, stale-while-revalidate=86340`: the CDN serves a page up to a day
  // old while it fetches a fresh one, never older (Next's default would be a year). A product's
  // change drops its pages at once anyway (decision 11).
  expireTime: 86_400,
  // Two builds side by side in one checkout (a test run beside `npm start`) each need their own.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // tsconfig.json covers the whole repository (backend, local cloud, tests): `npm run typecheck`, the
  // first step of `npm test` and CI check it. A build checking it again took minutes here, and failed
  // the storefront on a type error in a test of an unrelated service.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // The stylesheet (about 5 KB of gzip) inside each page rather than a request that blocks its
    // first paint: Lighthouse put that round trip at 120 to 180 ms of a phone's first paint.
    inlineCss: true,
  },
};

export default nextConfig;
