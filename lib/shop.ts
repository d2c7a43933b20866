/**
 * The shopper's API calls from the browser: the cart's quote as a guest (the same for
 * everyone), placing and reading orders with the signed-in customer's ID token. Client-only (see
 * lib/api.ts). Every failure is an ApiError.
 */
import { request } from './api';
import { GUEST_TOKEN } from './constants';
import { CANCEL_ORDER, MY_ORDERS, ORDER_BY_ID, PLACE_ORDER, QUOTE } from './graphql';
import { ORDER_HISTORY_PAGE_SIZE } from './orders';
import type { CartLine, Order, OrderHistoryPage, PlaceOrderInput, Quote } from './types';

/** The cart priced by the server; with a country, tax too. */
export async function quoteCart(lines: readonly CartLine[], country?: string | null): Promise<Quote> {
  const data = await request<{ quote: Quote }>(
    QUOTE,
    { lines: lines.map(({ sku, quantity }) => ({ sku, quantity })), country: country || null },
    GUEST_TOKEN,
  );
  return data.quote;
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

/** A page of the signed-in customer's own orders, newest first. */
export async function myOrders(idToken: string, nextToken?: string | null): Promise<OrderHistoryPage> {
  const data = await request<{ myOrders: OrderHistoryPage | null }>(
    MY_ORDERS,
    { limit: ORDER_HISTORY_PAGE_SIZE, nextToken: nextToken ?? null },
    idToken,
  );
  return { items: data.myOrders?.items ?? [], nextToken: data.myOrders?.nextToken ?? null };
}

/** Cancels the customer's CONFIRMED order; any other status rejects with the server's reason. */
export async function cancelOrder(idToken: string, orderId: string): Promise<Order> {
  const data = await request<{ cancelOrder: Order }>(CANCEL_ORDER, { orderId }, idToken);
  return data.cancelOrder;
}
