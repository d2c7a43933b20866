import { cache } from 'react';
import { GUEST_TOKEN, PAGE_SIZE } from './constants';
import {
  LIST_CATEGORIES,
  PRODUCT_BY_SLUG,
  PRODUCT_CARDS,
  SEARCH_PRODUCTS,
  STOCK_LEVELS,
  type GraphQLErrorLike,
} from './graphql';
import { readAmplifyOutputs } from './outputs';
import { cardOfProduct, cardOfView } from './grid';
import type { CatalogProduct, Category, GridPage, ProductCard, ProductPage, ProductSource, StockLevel } from './types';

/**
 * Server-side catalog reads. A plain `fetch` POST to the GraphQL endpoint with the guest token:
 * catalog pages are the same for every visitor, so they never need the visitor's session (no
 * cookies, no Amplify server context) and stay cacheable. Every failure (no configuration,
 * endpoint down, GraphQL errors) becomes a CatalogUnavailableError that pages turn into a notice.
 */

export type UnavailableReason = 'not-configured' | 'unreachable' | 'error';

export class CatalogUnavailableError extends Error {
  constructor(
    readonly reason: UnavailableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CatalogUnavailableError';
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

async function guestQuery<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const url = (await readAmplifyOutputs())?.data?.url;
  if (!url) {
    throw new CatalogUnavailableError('not-configured', 'amplify_outputs.json is missing or has no data.url');
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: GUEST_TOKEN },
      body: JSON.stringify({ query, variables }),
      cache: 'no-store', // catalog edits must show at once until edge caching with revalidation exists
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new CatalogUnavailableError('unreachable', `GraphQL endpoint ${url} unreachable`, { cause });
  }
  let body: { data?: T | null; errors?: GraphQLErrorLike[] };
  try {
    body = await response.json();
  } catch (cause) {
    throw new CatalogUnavailableError('error', `GraphQL endpoint answered HTTP ${response.status} without JSON`, {
      cause,
    });
  }
  if (body.errors?.length || !response.ok || !body.data) {
    const detail = body.errors?.map((e) => `${e.errorType ?? 'Error'}: ${e.message}`).join('; ');
    throw new CatalogUnavailableError('error', `GraphQL HTTP ${response.status}: ${detail ?? 'no data'}`);
  }
  return body.data;
}

/** All categories, in their display order. */
export const getCategories = cache(async (): Promise<Category[]> => {
  const categories: Category[] = [];
  let nextToken: string | null = null;
  do {
    const data: { listCategories: { items: (Category | null)[]; nextToken: string | null } | null } = await guestQuery(
      LIST_CATEGORIES,
      { limit: 100, nextToken },
    );
    categories.push(...(data.listCategories?.items ?? []).filter((c): c is Category => c !== null));
    nextToken = data.listCategories?.nextToken ?? null;
  } while (nextToken);
  return categories.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
});

/**
 * One page of a product grid: the whole catalog or a category from the ProductCards view (with
 * whether each product is in stock), or a search from the catalog's search (stock not known).
 */
export async function getProductPage(source: ProductSource, nextToken?: string | null): Promise<GridPage> {
  const paging = { limit: PAGE_SIZE, nextToken: nextToken ?? null };
  if (source.kind === 'search') {
    const data = await guestQuery<{ searchProducts: ProductPage | null }>(SEARCH_PRODUCTS, {
      text: source.text,
      ...paging,
    });
    return {
      items: (data.searchProducts?.items ?? []).map(cardOfProduct),
      nextToken: data.searchProducts?.nextToken ?? null,
    };
  }
  const category = source.kind === 'category' ? source.category : null;
  const data = await guestQuery<{ productCards: { items: ProductCard[]; nextToken?: string | null } | null }>(
    PRODUCT_CARDS,
    { category, ...paging },
  );
  return { items: (data.productCards?.items ?? []).map(cardOfView), nextToken: data.productCards?.nextToken ?? null };
}

/** The active product at `slug`, or null (unknown and inactive products look the same to shoppers). */
export const getProduct = cache(async (slug: string): Promise<CatalogProduct | null> => {
  const data = await guestQuery<{ productBySlug: CatalogProduct | null }>(PRODUCT_BY_SLUG, { slug });
  return data.productBySlug;
});

/**
 * Units of `sku` for sale now. Read per request and never cached: stock changes with every order,
 * and a product page must not show yesterday's.
 */
export async function getStockLevel(sku: string): Promise<number> {
  const data = await guestQuery<{ stockLevels: StockLevel[] }>(STOCK_LEVELS, { skus: [sku] });
  return data.stockLevels.find((level) => level.sku === sku)?.available ?? 0;
}

/**
 * Runs catalog reads for a page; a CatalogUnavailableError becomes `{ ok: false }` (logged here) so
 * the page can show its notice. Any other error is a bug and propagates to the error boundary.
 */
export async function loadCatalog<T>(
  load: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: UnavailableReason }> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    if (!(error instanceof CatalogUnavailableError)) throw error;
    console.error(`[catalog] unavailable (${error.reason}): ${error.message}`, error.cause ?? '');
    return { ok: false, reason: error.reason };
  }
}
