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
