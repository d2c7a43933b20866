import type { AppSyncResolverEvent } from 'aws-lambda';
import { Catalog } from './catalog';
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
  searchProducts: (args) => catalog.searchProducts(args),
  productBySlug: (args) => catalog.productBySlug(args),
  adminCreateProduct: (args) => catalog.adminCreateProduct(args),
  adminUpdateProduct: (args) => catalog.adminUpdateProduct(args),
  adminSetProductActive: (args) => catalog.adminSetProductActive(args),
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Amplify's function resolver sends `fieldName` beside AppSync's usual event. */
type FieldEvent = AppSyncResolverEvent<Record<string, unknown>> & { fieldName: string };

/** One function serves every catalog field; which runs is the GraphQL field asked for. */
export const handler = async (event: FieldEvent) => {
  const serve = Object.hasOwn(fields, event.fieldName) ? fields[event.fieldName] : undefined;
  if (!serve) throw new Error(`the catalog does not serve ${event.fieldName}`);
  return serve(event.arguments);
};
