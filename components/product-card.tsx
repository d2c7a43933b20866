import Link from 'next/link';
import type { GridProduct } from '@/lib/types';
import { Price } from './price';
import { ProductImage } from './product-image';

/**
 * One product in a grid; the whole card is a link named by the product's name, its price and,
 * when none is left, "Out of stock".
 */
export function ProductCard({ product, priority = false }: { product: GridProduct; priority?: boolean }) {
  return (
    <Link href={`/product/${encodeURIComponent(product.slug)}`} className="product-card">
      <ProductImage images={[product.image]} alt="" size={320} priority={priority} />
      <span className="product-card__name">{product.name}</span>
      <Price amount={product.price} currency={product.currency} />
      {!product.inStock && (
        <span className="badge badge--muted" data-testid="out-of-stock">
          Out of stock
        </span>
      )}
    </Link>
  );
}
