/**
 * The shopper's API calls from the browser: the cart's quote and stock as a guest (the same for
 * everyone), placing and reading orders with the signed-in customer's ID token. Client-only (see
 * lib/api.ts). Every failure is an ApiError.
 */
import { request } from './api';
import { GUEST_TOKEN } from './constants';
import { ORDER_BY_ID, PLACE_ORDER, QUOTE, STOCK_LEVELS } from './graphql';
import type { CartLine, Order, PlaceOrderInput, Quote, StockLevel } from './types';

/** The cart priced by the server; with a country, tax too. */
export async function quoteCart(lines: readonly CartLine[], country?: string | null): Promise<Quote> {
  const data = await request<{ quote: Quote }>(
    QUOTE,
    { lines: lines.map(({ sku, quantity }) => ({ sku, quantity })), country: country || null },
    GUEST_TOKEN,
  );
  return data.quote;
}

export async function stockLevels(skus: readonly string[]): Promise<StockLevel[]> {
  const data = await request<{ stockLevels: StockLevel[] }>(STOCK_LEVELS, { skus }, GUEST_TOKEN);
  return data.stockLevels;
}

/** Places the order (PENDING); the same idempotency key and request answer the same order. */
export async function placeOrder(idToken: string, input: PlaceOrderInput): Promise<Order> {
  const data = await request<{ placeOrder: Order }>(PLACE_ORDER, { ...input }, idToken);
  return data.placeOrder;
}

/** The signed-in customer's order; another user's or a missing one rejects with `notFound`. */
export async function getOrder(idToken: string, orderId: string): Promise<Order> {
  const data = await request<{ order: Order }>(ORDER_BY_ID, { orderId }, idToken);
  return data.order;
}
