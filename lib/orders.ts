/**
 * What the order pages make of orders, apart from fetching them: pages of the history joined,
 * a line summary, whether an order may be cancelled and what to say when cancelling fails. Pure,
 * for server and client.
 */
import type { GraphQLErrorLike } from './graphql';
import type { OrderStatus, OrderSummary } from './types';

/** Orders per page of the history. */
export const ORDER_HISTORY_PAGE_SIZE = 10;

/** `more` after `current`, without an order twice (a page may repeat one that moved between reads). */
export function appendOrders(current: readonly OrderSummary[], more: readonly OrderSummary[]): OrderSummary[] {
  const seen = new Set(current.map((order) => order.orderId));
  const added: OrderSummary[] = [];
  for (const order of more) {
    if (seen.has(order.orderId)) continue;
    seen.add(order.orderId);
    added.push(order);
  }
  return [...current, ...added];
}

/** `2 × Mug, 1 × Teapot`, and `and N more` past `max` lines or where the summary has fewer than `lineCount`. */
export function lineSummary(order: Pick<OrderSummary, 'lines' | 'lineCount'>, max = 3): string {
  const shown = order.lines.slice(0, max).map((line) => `${line.quantity} × ${line.name}`);
  const more = Math.max(order.lineCount, order.lines.length) - shown.length;
  if (shown.length === 0) return more === 1 ? '1 item' : `${more} items`;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** Only a confirmed order that has not shipped can be cancelled. */
export const canCancel = (status: OrderStatus | null | undefined): boolean => status === 'CONFIRMED';

/**
 * What to tell the shopper when `cancelOrder` failed: the server's own refusal ("This order has
 * shipped and can no longer be cancelled.") when it refused, else a generic sentence.
 */
export function cancelFailureMessage(
  errors: readonly GraphQLErrorLike[],
  { network = false, notFound = false, accessDenied = false } = {},
): string {
  if (network)
    return 'We couldn’t reach the store, so your order may not be cancelled. Check its status and try again.';
  if (notFound) return 'We couldn’t find this order in your account.';
  if (accessDenied) return 'Your session has expired. Sign in again to cancel your order.';
  const refusal = errors.map((e) => e.message?.trim()).find((message) => message && !isTechnical(message));
  return refusal ?? 'We couldn’t cancel your order. Try again in a moment.';
}

/** Messages that are the platform's, not the order service's words to a shopper. */
const isTechnical = (message: string) =>
  /^(Request failed|Unknown error|No data in the response)$/i.test(message) ||
  /lambda|exception|timed? ?out|internal|stack|errorType|\bat \w+ \(/i.test(message);
