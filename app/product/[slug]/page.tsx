import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AddToCart } from '@/components/cart/add-to-cart';
import { CatalogUnavailable } from '@/components/catalog-unavailable';
import { Price } from '@/components/price';
import { ProductImage } from '@/components/product-image';
import { getCategories, getProduct, getStockLevel, loadCatalog } from '@/lib/catalog';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const product = await loadCatalog(() => getProduct(slug));
  if (!product.ok || !product.value) return { title: 'Product' };
  return { title: product.value.name, description: product.value.description.slice(0, 160) };
}

export default async function ProductPage({ params }: Props) {
  const { slug } = await params;
  const product = await loadCatalog(() => getProduct(slug));
  if (!product.ok) return <CatalogUnavailable reason={product.reason} />;
  if (!product.value) notFound(); // unknown and inactive products alike
  const { sku, name, description, price, currency, images, category } = product.value;

  // The category's display name is a nicety: the page stands without it. Stock is read for every
  // request (never cached: it changes with every order); without it adding to the cart still works.
  const [categories, stock] = await Promise.all([loadCatalog(getCategories), loadCatalog(() => getStockLevel(sku))]);
  const categoryName = categories.ok ? categories.value.find((c) => c.slug === category)?.name : undefined;

  return (
    <article className="product">
      <div className="product__media">
        <ProductImage images={images} alt={name} size={560} priority />
      </div>
      <div className="product__info">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/">All products</Link>
          {categoryName && (
            <>
              {' / '}
              <Link href={`/category/${encodeURIComponent(category)}`}>{categoryName}</Link>
            </>
          )}
        </nav>
        <h1>{name}</h1>
        <p className="product__price">
          <Price amount={price} currency={currency} />
        </p>
        <AddToCart sku={sku} name={name} available={stock.ok ? stock.value : null} />
        <div className="product__description">
          {description.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      </div>
    </article>
  );
}
