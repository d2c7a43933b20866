'use server';

import { CatalogUnavailableError, getProductPage } from './catalog';
import { SORT_OPTIONS } from './search-query';
import type { CatalogQuery, GridPage } from './types';

/** The next page of a product grid, for its "Load more" button. Reads the public catalog only. */
export async function loadMoreProducts(
  query: CatalogQuery,
  nextToken: string,
): Promise<{ ok: true; page: GridPage } | { ok: false }> {
  if (typeof nextToken !== 'string' || nextToken.length === 0 || !isCatalogQuery(query)) return { ok: false };
  try {
    return { ok: true, page: await getProductPage(query, { nextToken }) };
  } catch (error) {
    if (!(error instanceof CatalogUnavailableError)) throw error;
    console.error('[catalog] load more failed:', error.message);
    return { ok: false };
  }
}

/** Server actions take any JSON from the network: check the shape before using it (the API checks the values). */
function isCatalogQuery(value: unknown): value is CatalogQuery {
  if (!value || typeof value !== 'object') return false;
  const { text, category, minPrice, maxPrice, sort, ...rest } = value as Record<string, unknown>;
  const optional = (v: unknown, type: 'string' | 'number') => v === undefined || typeof v === type;
  return (
    Object.keys(rest).length === 0 &&
    SORT_OPTIONS.some((o) => o.sort === sort) &&
    optional(text, 'string') &&
    optional(category, 'string') &&
    optional(minPrice, 'number') &&
    optional(maxPrice, 'number')
  );
}
