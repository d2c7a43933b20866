import { searchTextOf, type Product } from '../catalog/product';
import type { StockItem } from '../inventory/stock';

/**
 * The ProductCards view: what the catalog grid shows of a product, kept from two streams. Each
 * source writes its own fields with its own version (`productVersion`, `stockVersion`: the source
 * item's `updatedAt`), so neither can undo the other and an older record never overwrites a newer.
 */
export interface ProductCard {
  sku: string;
  slug: string;
  name: string;
  price: number;
  currency: string;
  /** The first image, if the product has one. */
  image?: string;
  category: string;
  inStock: boolean;
}

/**
 * The card's product fields: present while the product is active, removed (delisted) otherwise.
 * Beside what the API returns, what the grid's queries filter and sort on: the product's search
 * text (normalized, see `searchTextOf`) and when it was created.
 */
export type CardListing = Omit<ProductCard, 'inStock'> & { searchText: string; createdAt: string };

/** A change of the product side of a card; `listing` absent means the card leaves the grid. */
export interface CardProductWrite {
  kind: 'product';
  sku: string;
  version: string;
  listing?: CardListing;
  /** The product itself was deleted: an equal version may still land (it follows the last update). */
  deleted: boolean;
}

export interface CardStockWrite {
  kind: 'stock';
  sku: string;
  version: string;
  inStock: boolean;
  /** The stock item was deleted: an equal version may still land (it follows the last update). */
  deleted: boolean;
}

export type CardWrite = CardProductWrite | CardStockWrite;

const listingOf = (p: Product): CardListing => ({
  sku: p.sku,
  slug: p.slug,
  name: p.name,
  price: p.price,
  currency: p.currency,
  ...(p.images?.[0] ? { image: p.images[0] } : {}),
  category: p.category,
  // Made from the product's fields, not copied from its stored `searchText`: the same rule as the
  // catalog's, so a rebuild and the stream agree even for an item written before the rule changed.
  searchText: searchTextOf(p),
  createdAt: p.createdAt,
});

/** A Product stream record → the card's product side (or nothing for a record without a product). */
export const productCardWrite = (before: Product | undefined, after: Product | undefined): CardWrite[] => {
  const product = after ?? before;
  if (!product?.sku || !product.updatedAt) return [];
  return [
    {
      kind: 'product',
      sku: product.sku,
      version: product.updatedAt,
      listing: after?.active ? listingOf(after) : undefined,
      deleted: !after,
    },
  ];
};

/** A Stock stream record → the card's stock side: only whether anything can be sold. */
export const stockCardWrite = (before: StockItem | undefined, after: StockItem | undefined): CardWrite[] => {
  const item = after ?? before;
  if (!item?.sku || !item.updatedAt) return [];
  return [
    { kind: 'stock', sku: item.sku, version: item.updatedAt, inStock: (after?.available ?? 0) > 0, deleted: !after },
  ];
};
