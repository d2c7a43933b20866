/** What a product grid shows of a product. Pure, for server and client. */
import type { GridProduct, ProductCard } from './types';

/** A card of the ProductCards view: the view knows whether the product is in stock. */
export function cardOfView(card: ProductCard): GridProduct {
  return {
    sku: card.sku,
    slug: card.slug,
    name: card.name,
    price: card.price,
    currency: card.currency,
    image: card.image || null,
    inStock: card.inStock === true,
  };
}
