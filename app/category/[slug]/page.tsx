import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CatalogUnavailable } from '@/components/catalog-unavailable';
import { CategoryNav } from '@/components/category-nav';
import { ProductGrid } from '@/components/product-grid';
import { getCategories, getProductPage, loadCatalog } from '@/lib/catalog';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const categories = await loadCatalog(getCategories);
  const category = categories.ok ? categories.value.find((c) => c.slug === slug) : undefined;
  return { title: category?.name ?? 'Category' };
}

export default async function CategoryPage({ params }: Props) {
  const { slug } = await params;
  const categories = await loadCatalog(getCategories);
  if (!categories.ok) return <CatalogUnavailable reason={categories.reason} />;
  const category = categories.value.find((c) => c.slug === slug);
  if (!category) notFound();

  const source = { kind: 'category', category: category.slug } as const;
  const page = await loadCatalog(() => getProductPage(source));
  if (!page.ok) return <CatalogUnavailable reason={page.reason} />;

  return (
    <div className="catalog">
      <CategoryNav categories={categories.value} active={category.slug} />
      <section className="catalog__main" aria-labelledby="catalog-title">
        <h1 id="catalog-title">{category.name}</h1>
        {category.description && <p className="lede">{category.description}</p>}
        <ProductGrid
          key={category.slug}
          initial={page.value}
          source={source}
          label={`${category.name} products`}
          emptyMessage="No products in this category yet."
        />
      </section>
    </div>
  );
}
