import { Catalog } from './catalog';
import { fieldHandler } from '../shared/fields';
import { observe } from '../shared/observability';
import { CatalogRepository } from './repository';

const catalog = new Catalog(
  new CatalogRepository({
    products: process.env.PRODUCTS_TABLE!,
    productSlugs: process.env.PRODUCT_SLUGS_TABLE!,
    categories: process.env.CATEGORIES_TABLE!,
  }),
);

/* eslint-disable @typescript-eslint/no-explicit-any -- arguments are checked by the schema and by Catalog */
const fields: Record<string, (args: any) => Promise<unknown>> = {
  products: (args) => catalog.products(args),
  productBySlug: (args) => catalog.productBySlug(args),
  adminCreateProduct: (args) => catalog.adminCreateProduct(args),
  adminUpdateProduct: (args) => catalog.adminUpdateProduct(args),
  adminSetProductActive: (args) => catalog.adminSetProductActive(args),
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** One function serves every catalog field; which runs is the GraphQL field asked for. */
export const handler = observe(fieldHandler('the catalog does not serve', fields));
