import { rememberedBrowserOutputs } from './amplify-config';
import { GUEST_TOKEN } from './constants';
import { STOCK_LEVELS } from './graphql';
import type { StockLevel } from './types';

/** "Only N left" from this many units down. */
export const LOW_STOCK = 5;

/** What a shopper is told about a product's stock. */
export function stockMessage(available: number): { state: 'in-stock' | 'low' | 'out'; text: string } {
  if (available <= 0) return { state: 'out', text: 'Out of stock' };
  if (available <= LOW_STOCK) return { state: 'low', text: `Only ${available} left` };
  return { state: 'in-stock', text: 'In stock' };
}

/** How often an open product page reads its stock again. */
export const STOCK_REFRESH_MS = 15_000;

/**
 * The stock of `skus`, read in the browser as the guest with a plain `fetch` rather than through
 * aws-amplify's API client (lib/shop.ts): the product page is a catalog page, and loading Amplify's
 * client (about 65 KB of gzip JavaScript) for this one public query was its longest task on a
 * phone. Rejects, naming the problem, when the store has no API configured or the API refuses.
 */
export async function readStockLevels(skus: readonly string[]): Promise<StockLevel[]> {
  const url = (rememberedBrowserOutputs() as { data?: { url?: unknown } } | null)?.data?.url;
  if (typeof url !== 'string')
    throw new Error('stock: the store has no API configured (amplify_outputs.json data.url)');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: GUEST_TOKEN },
    body: JSON.stringify({ query: STOCK_LEVELS, variables: { skus } }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: { stockLevels?: StockLevel[] | null } | null;
    errors?: { message?: string }[];
  };
  const levels = body.data?.stockLevels;
  if (!response.ok || !levels) {
    const errors = (body.errors ?? []).map((e) => e.message).join('; ');
    throw new Error(
      `stock: ${url} answered HTTP ${response.status}${errors ? `: ${errors}` : ' without stock levels'}`,
    );
  }
  return levels;
}
