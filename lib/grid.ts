/** What a product grid shows of a product, from either list the grids read. Pure, for server and client. */
import type { CatalogProduct, GridProduct, ProductCard } from './types';

/** A card of the ProductCards view: the view knows whether the product is in stock. */
export function cardOfView(card: ProductCard): GridProduct {
  return {
    sku: card.sku,
    slug: card.slug,
    name: card.name,
    price: card.price,
    currency: card.currency,
    image: card.image || null,
    inStock: typeof card.inStock === 'boolean' ? card.inStock : null,
  };
}

/** A catalog product (search): its first image, and stock not known. */
export function cardOfProduct(product: CatalogProduct): GridProduct {
  return {
    sku: product.sku,
    slug: product.slug,
    name: product.name,
    price: product.price,
    currency: product.currency,
    image: product.images?.find((image): image is string => Boolean(image)) ?? null,
    inStock: null,
  };
}
