import type { Schema } from '@/amplify/data/resource';

/** A product as shoppers see it (active only, no bookkeeping). */
export type CatalogProduct = Schema['CatalogProduct']['type'];

/** One page of catalog products; `nextToken` is set when there are more. */
export interface ProductPage {
  items: CatalogProduct[];
  nextToken: string | null;
}

export type Category = Pick<Schema['Category']['type'], 'slug' | 'name' | 'description' | 'position'>;

/** A product as the admin sees it. */
export type AdminProduct = Pick<
  Schema['Product']['type'],
  'sku' | 'slug' | 'name' | 'description' | 'category' | 'price' | 'currency' | 'images' | 'active'
>;

export type AdminCreateProductInput = Schema['adminCreateProduct']['args'];

/** Where a product grid's items come from, so "Load more" can ask for the next page of the same list. */
export type ProductSource = { kind: 'all' } | { kind: 'category'; category: string } | { kind: 'search'; text: string };
