'use server';

import { CatalogUnavailableError, getProductPage } from './catalog';
import type { GridPage, ProductSource } from './types';

/** The next page of a product grid, for its "Load more" button. Reads the public catalog only. */
export async function loadMoreProducts(
  source: ProductSource,
  nextToken: string,
): Promise<{ ok: true; page: GridPage } | { ok: false }> {
  if (typeof nextToken !== 'string' || nextToken.length === 0 || !isProductSource(source)) return { ok: false };
  try {
    return { ok: true, page: await getProductPage(source, nextToken) };
  } catch (error) {
    if (!(error instanceof CatalogUnavailableError)) throw error;
    console.error('[catalog] load more failed:', error.message);
    return { ok: false };
  }
}

/** Server actions take any JSON from the network: check the shape before using it. */
function isProductSource(value: unknown): value is ProductSource {
  if (!value || typeof value !== 'object') return false;
  const source = value as Record<string, unknown>;
  switch (source.kind) {
    case 'all':
      return true;
    case 'category':
      return typeof source.category === 'string';
    case 'search':
      return typeof source.text === 'string';
    default:
      return false;
  }
}
