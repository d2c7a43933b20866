import type { MetadataRoute } from 'next';
import { siteUrl } from '@/lib/constants';

/** The catalog is for crawlers; a shopper's own pages and the admin's are not. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: '*',
      allow: '/',
      disallow: ['/account', '/cart', '/checkout', '/orders', '/admin', '/sign-in', '/sign-up'],
    },
    sitemap: new URL('/sitemap.xml', siteUrl()).toString(),
  };
}
