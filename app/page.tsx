import type { Metadata } from 'next';
import Link from 'next/link';
import { CatalogUnavailable } from '@/components/catalog-unavailable';
import { CategoryNav } from '@/components/category-nav';
import { ProductCard } from '@/components/product-card';
import { getCategories, getProductPage, loadCatalog } from '@/lib/catalog';
import { FEATURED_COUNT } from '@/lib/constants';

/** The same for every visitor: rendered on the server, cached, and made again at most once a minute. */
export const revalidate = 60;

const DESCRIPTION = 'Everyday things made to last: kitchen, apparel, home, outdoors and stationery.';

export const metadata: Metadata = {
  title: { absolute: 'cloudshop: an open-source serverless shop' },
  description: DESCRIPTION,
  alternates: { canonical: '/' },
  openGraph: { type: 'website', title: 'cloudshop', description: DESCRIPTION, url: '/' },
};

export default async function HomePage() {
  const catalog = await loadCatalog(() =>
    Promise.all([getCategories(), getProductPage({ sort: 'FEATURED' }, { limit: FEATURED_COUNT })]),
  );
  if (!catalog.ok) return <CatalogUnavailable reason={catalog.reason} />;
  const [categories, featured] = catalog.value;

  return (
    <div className="catalog">
      <CategoryNav categories={categories} active={null} />
      <section className="catalog__main" aria-labelledby="catalog-title">
        <h1 id="catalog-title">Featured products</h1>
        {featured.items.length === 0 ? (
          <p className="empty">No products yet.</p>
        ) : (
          <ul className="product-grid" aria-label="Featured products">
            {featured.items.map((product, index) => (
              <li key={product.sku} data-featured-sku={product.sku}>
                <ProductCard product={product} priority={index < 2} />
              </li>
            ))}
          </ul>
        )}
        <p className="catalog__more">
          <Link href="/search" className="button button--secondary">
            See all {featured.total} products
          </Link>
        </p>
      </section>
    </div>
  );
}
