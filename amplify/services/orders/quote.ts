import type { AppSyncResolverEvent } from 'aws-lambda';
import { ProductTableCatalog } from './catalog-port';
import { quoteCart } from './orders';
import { observe } from '../shared/observability';

const catalog = new ProductTableCatalog(process.env.PRODUCTS_TABLE!);

/** `quote(lines, country)`: the cart priced from the catalog by the order's rules; open to guests. */
export const handler = observe((event: AppSyncResolverEvent<Record<string, unknown>>) =>
  quoteCart(catalog, event.arguments),
);
