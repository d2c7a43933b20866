import type { Metadata } from 'next';
import Link from 'next/link';
import { CatalogUnavailable } from '@/components/catalog-unavailable';
import { ProductFilters } from '@/components/product-filters';
import { ProductGrid } from '@/components/product-grid';
import { getCategories, getProductPage, loadCatalog } from '@/lib/catalog';
import { STORE_CURRENCY } from '@/lib/constants';
import { parseSearch, searchHref } from '@/lib/search-query';

/** Every search is its own: rendered per request from its URL, never cached. */
export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = parseSearch(await searchParams).fields;
  return {
    title: q ? `Search: ${q}` : 'All products',
    description: 'Search the catalog by name, category and price.',
    // Indexable, with one canonical page for every combination of filters: search engines index
    // /search once rather than each query (noindex would also hide the catalog's way in).
    alternates: { canonical: '/search' },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  const search = parseSearch(await searchParams);
  const { fields, query } = search;
  const catalog = await loadCatalog(() => Promise.all([getCategories(), getProductPage(query)]));
  if (!catalog.ok) return <CatalogUnavailable reason={catalog.reason} />;
  const [categories, page] = catalog.value;
  const category = categories.find((c) => c.slug === fields.category);
  const count = page.total === 1 ? '1 product' : `${page.total} products`;

  return (
    <div className="search-page">
      <h1 id="search-title">{fields.q ? `Results for “${fields.q}”` : 'All products'}</h1>
      <ProductFilters categories={categories} search={search} currency={STORE_CURRENCY} />
      <section className="search-page__results" aria-labelledby="search-title">
        <p className="result-count" aria-live="polite" data-testid="result-count">
          {count}
          {category ? ` in ${category.name}` : ''}
        </p>
        <ProductGrid
          key={JSON.stringify(query)}
          initial={page}
          query={query}
          label="Search results"
          empty={
            <>
              <p>
                No products match{fields.q ? ` “${fields.q}”` : ''}
                {search.filtered ? ' with these filters' : ''}.
              </p>
              <p>
                {search.filtered ? (
                  <Link href={searchHref({ q: fields.q, sort: fields.sort })}>Clear filters</Link>
                ) : (
                  <Link href="/search">Show all products</Link>
                )}
              </p>
            </>
          }
        />
      </section>
    </div>
  );
}
