import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CatalogUnavailable } from '@/components/catalog-unavailable';
import { CategoryNav } from '@/components/category-nav';
import { ProductGrid } from '@/components/product-grid';
import { getCategories, getProductPage, loadCatalog } from '@/lib/catalog';
import { searchHref } from '@/lib/search-query';

/** The same for every visitor: rendered on the server, cached, and made again at most once a minute. */
export const revalidate = 60;

/** None at build time (the build may have no backend): each category is rendered on its first visit, then cached. */
export const generateStaticParams = async (): Promise<{ slug: string }[]> => [];

interface Props {
  params: Promise<{ slug: string }>;
}

const categoryOf = async (slug: string) => {
  const categories = await loadCatalog(getCategories);
  return categories.ok ? categories.value.find((c) => c.slug === slug) : undefined;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const category = await categoryOf(slug);
  if (!category) return { title: 'Category' };
  const url = `/category/${encodeURIComponent(category.slug)}`;
  const description = category.description || `${category.name} at cloudshop.`;
  return {
    title: category.name,
    description,
    alternates: { canonical: url },
    openGraph: { type: 'website', title: category.name, description, url },
  };
}

export default async function CategoryPage({ params }: Props) {
  const { slug } = await params;
  const categories = await loadCatalog(getCategories);
  if (!categories.ok) return <CatalogUnavailable reason={categories.reason} />;
  const category = categories.value.find((c) => c.slug === slug);
  if (!category) notFound();

  const query = { category: category.slug, sort: 'FEATURED' } as const;
  const page = await loadCatalog(() => getProductPage(query));
  if (!page.ok) return <CatalogUnavailable reason={page.reason} />;

  return (
    <div className="catalog">
      <CategoryNav categories={categories.value} active={category.slug} />
      <section className="catalog__main" aria-labelledby="catalog-title">
        <h1 id="catalog-title">{category.name}</h1>
        {category.description && <p className="lede">{category.description}</p>}
        <p className="result-count">
          {page.value.total === 1 ? '1 product' : `${page.value.total} products`} ·{' '}
          <Link href={searchHref({ category: category.slug })}>Filter and sort</Link>
        </p>
        <ProductGrid
          key={category.slug}
          initial={page.value}
          query={query}
          label={`${category.name} products`}
          empty={<p>No products in this category yet.</p>}
        />
      </section>
    </div>
  );
}
