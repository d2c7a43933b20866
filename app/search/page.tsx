import type { Metadata } from 'next';
import { CatalogUnavailable } from '@/components/catalog-unavailable';
import { CategoryNav } from '@/components/category-nav';
import { ProductGrid } from '@/components/product-grid';
import { getCategories, getProductPage, loadCatalog } from '@/lib/catalog';

interface Props {
  searchParams: Promise<{ q?: string | string[] }>;
}

const queryOf = (q: string | string[] | undefined) => (Array.isArray(q) ? q[0] : q)?.trim().slice(0, 200) ?? '';

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = queryOf((await searchParams).q);
  return { title: q ? `Search: ${q}` : 'Search', robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  const q = queryOf((await searchParams).q);
  const source = { kind: 'search', text: q } as const;
  const catalog = await loadCatalog(() =>
    Promise.all([getCategories(), q ? getProductPage(source) : Promise.resolve(null)]),
  );
  if (!catalog.ok) return <CatalogUnavailable reason={catalog.reason} />;
  const [categories, page] = catalog.value;

  return (
    <div className="catalog">
      <CategoryNav categories={categories} active={null} />
      <section className="catalog__main" aria-labelledby="catalog-title">
        <h1 id="catalog-title">{q ? `Results for “${q}”` : 'Search'}</h1>
        {page ? (
          <ProductGrid
            key={q}
            initial={page}
            source={source}
            label="Search results"
            emptyMessage={`No products match “${q}”.`}
          />
        ) : (
          <p className="empty">Type a product name in the search box to find it.</p>
        )}
      </section>
    </div>
  );
}
