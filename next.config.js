/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Product images are plain files under public/products/ or admin-entered URLs: no optimizer.
  images: { unoptimized: true },
};

export default nextConfig;
