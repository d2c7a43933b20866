import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
import { getAllProductSlugs, getCategories, loadCatalog } from '@/lib/catalog';
import { siteUrl } from '@/lib/constants';

/** Made again at most once an hour: a new product is in it within the hour. */
export const revalidate = 3600;

/** The home page, every category and every product for sale (read as the catalog pages are). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const at = (path: string) => new URL(path, siteUrl()).toString();
  const catalog = await loadCatalog(() => Promise.all([getCategories(), getAllProductSlugs()]));
  if (!catalog.ok) {
    // Never cache a sitemap without the catalog: a build makes it at request time instead, and a
    // revalidation keeps the last good one.
    await connection();
    throw new Error(`the catalog is unavailable (${catalog.reason}): no sitemap`);
  }
  const [categories, slugs] = catalog.value;
  return [
    { url: at('/'), changeFrequency: 'daily', priority: 1 },
    ...categories.map((c) => ({
      url: at(`/category/${encodeURIComponent(c.slug)}`),
      changeFrequency: 'daily' as const,
      priority: 0.8,
    })),
    ...slugs.map((slug) => ({
      url: at(`/product/${encodeURIComponent(slug)}`),
      changeFrequency: 'daily' as const,
      priority: 0.6,
    })),
  ];
}
