import Link from 'next/link';
import type { CatalogProduct } from '@/lib/types';
import { Price } from './price';
import { ProductImage } from './product-image';

/** One product in a grid; the whole card is a link named by the product's name and price. */
export function ProductCard({ product, priority = false }: { product: CatalogProduct; priority?: boolean }) {
  return (
    <Link href={`/product/${encodeURIComponent(product.slug)}`} className="product-card">
      <ProductImage images={product.images} alt="" size={320} priority={priority} />
      <span className="product-card__name">{product.name}</span>
      <Price amount={product.price} currency={product.currency} />
    </Link>
  );
}
