import { orderLedgerFromEnvironment } from './environment';

const orders = orderLedgerFromEnvironment();

/**
 * Saga task: every step succeeded; the order is CONFIRMED (again, harmlessly, on a retry). Answers
 * what the saga's `OrderConfirmed` event carries, the same on every retry.
 */
export const handler = async ({ orderId }: { orderId: string }) => {
  const order = await orders.markConfirmed(orderId);
  return {
    orderId,
    userId: order.userId,
    status: order.status,
    total: order.total,
    currency: order.currency,
    lines: order.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    confirmedAt: order.statusHistory.find((c) => c.status === 'CONFIRMED')?.at ?? order.updatedAt,
  };
};
