import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CatalogUnavailable } from '@/components/catalog-unavailable';
import { Price } from '@/components/price';
import { ProductGallery } from '@/components/product-gallery';
import { ProductStock } from '@/components/product-stock';
import { getCategories, getProduct, loadCatalog } from '@/lib/catalog';
import { formatPrice } from '@/lib/money';

/**
 * The same for every visitor: rendered on the server, cached, and made again at most once a minute.
 * Stock is not part of it: it changes with every order and is read in the browser (ProductStock).
 */
export const revalidate = 60;

/** None at build time (the build may have no backend): each product is rendered on its first visit, then cached. */
export const generateStaticParams = async (): Promise<{ slug: string }[]> => [];

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const product = await loadCatalog(() => getProduct(slug));
  if (!product.ok || !product.value) return { title: 'Product' };
  const { name, description, price, currency, images } = product.value;
  const url = `/product/${encodeURIComponent(product.value.slug)}`;
  const summary = `${formatPrice(price, currency)}. ${description}`.slice(0, 160);
  return {
    title: name,
    description: summary,
    alternates: { canonical: url },
    openGraph: {
      type: 'website',
      title: name,
      description: summary,
      url,
      images: images
        .filter(Boolean)
        .slice(0, 1)
        .map((image) => ({ url: image!, alt: name })),
    },
  };
}

export default async function ProductPage({ params }: Props) {
  const { slug } = await params;
  const product = await loadCatalog(() => getProduct(slug));
  if (!product.ok) return <CatalogUnavailable reason={product.reason} />;
  if (!product.value) notFound(); // unknown and inactive products alike
  const { sku, name, description, price, currency, images, category } = product.value;

  // The category's display name is a nicety: the page stands without it.
  const categories = await loadCatalog(getCategories);
  const categoryName = categories.ok ? categories.value.find((c) => c.slug === category)?.name : undefined;

  return (
    <article className="product">
      <div className="product__media">
        <ProductGallery images={images.filter((i): i is string => Boolean(i))} name={name} />
      </div>
      <div className="product__info">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/">Home</Link>
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
        <ProductStock sku={sku} name={name} />
        <div className="product__description">
          {description.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      </div>
    </article>
  );
}
