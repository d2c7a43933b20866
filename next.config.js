/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Product images are plain files under public/products/ or admin-entered URLs: no optimizer.
  images: { unoptimized: true },
  // Two builds side by side in one checkout (a test run beside `npm start`) each need their own.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
