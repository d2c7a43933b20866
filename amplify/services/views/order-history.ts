import type { Order, OrderStatus, StatusChange } from '../orders/order';
import type { OrderRefund } from '../orders/refund';

/** One order in its owner's history: enough for the list, with the whole status timeline. */
export interface OrderHistoryEntry {
  userId: string;
  /** `createdAt#orderId`: newest last, unique. */
  sk: string;
  orderId: string;
  status: OrderStatus;
  total: number;
  currency: string;
  lineCount: number;
  lines: { sku: string; name: string; quantity: number }[];
  timeline: StatusChange[];
  /** What went back to the shopper's card, once payments refunded the order. */
  refund?: OrderRefund;
  createdAt: string;
  version: number;
}

export type OrderHistoryWrite =
  { kind: 'put'; entry: OrderHistoryEntry } | { kind: 'delete'; userId: string; sk: string; version: number };

export const historyKeyOf = (order: Pick<Order, 'createdAt' | 'orderId'>) => `${order.createdAt}#${order.orderId}`;

/** An Orders stream record → the owner's history entry (put while the order exists). */
export const orderHistoryWrite = (before: Order | undefined, after: Order | undefined): OrderHistoryWrite[] => {
  if (!after) {
    return before?.userId
      ? [{ kind: 'delete', userId: before.userId, sk: historyKeyOf(before), version: before.version }]
      : [];
  }
  if (!after.userId || typeof after.version !== 'number') return [];
  return [
    {
      kind: 'put',
      entry: {
        userId: after.userId,
        sk: historyKeyOf(after),
        orderId: after.orderId,
        status: after.status,
        total: after.total,
        currency: after.currency,
        lineCount: after.lines.length,
        lines: after.lines.map(({ sku, name, quantity }) => ({ sku, name, quantity })),
        timeline: after.statusHistory.map(({ status, at, reason }) => ({ status, at, ...(reason ? { reason } : {}) })),
        ...(after.refund ? { refund: after.refund } : {}),
        createdAt: after.createdAt,
        version: after.version,
      },
    },
  ];
};
