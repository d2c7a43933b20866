import { CatalogUnavailable } from '@/components/catalog-unavailable';
import { CategoryNav } from '@/components/category-nav';
import { ProductGrid } from '@/components/product-grid';
import { getCategories, getProductPage, loadCatalog } from '@/lib/catalog';

export default async function HomePage() {
  const catalog = await loadCatalog(() => Promise.all([getCategories(), getProductPage({ kind: 'all' })]));
  if (!catalog.ok) return <CatalogUnavailable reason={catalog.reason} />;
  const [categories, page] = catalog.value;

  return (
    <div className="catalog">
      <CategoryNav categories={categories} active={null} />
      <section className="catalog__main" aria-labelledby="catalog-title">
        <h1 id="catalog-title">All products</h1>
        <ProductGrid initial={page} source={{ kind: 'all' }} label="Products" emptyMessage="No products yet." />
      </section>
    </div>
  );
}
