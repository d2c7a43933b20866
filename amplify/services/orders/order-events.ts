import { eventIdOf, type OutgoingEvent } from '../../events/publish';
import type { Order } from './order';

/**
 * The events an order's change announces, read from its before and after images (the orders
 * table's stream is the outbox: an event leaves only from a committed write). Becoming CONFIRMED
 * announces OrderConfirmed, becoming CANCELLED OrderCancelled; other changes announce nothing here
 * (SHIPPED is shipping's own news). The event id is the order's id and version, so a redelivered
 * record publishes the same event again, which consumers recognise.
 */
export const eventsOfChange = (before: Order | undefined, after: Order | undefined): OutgoingEvent[] => {
  if (!after || before?.status === after.status) return [];
  const metadata = {
    eventId: eventIdOf('order', after.orderId, after.version),
    correlationId: after.orderId,
    occurredAt: after.updatedAt,
  };
  const order = {
    orderId: after.orderId,
    userId: after.userId,
    ...(after.email ? { email: after.email } : {}),
    currency: after.currency,
    total: after.total,
    lines: after.lines.map(({ sku, name, unitPrice, quantity }) => ({ sku, name, unitPrice, quantity })),
  };
  if (after.status === 'CONFIRMED')
    return [
      {
        name: 'OrderConfirmed',
        detail: {
          metadata,
          data: { ...order, shippingAddress: after.shippingAddress, confirmedAt: after.updatedAt },
        },
      },
    ];
  if (after.status === 'CANCELLED') {
    const reason = after.statusHistory.findLast((c) => c.status === 'CANCELLED')?.reason;
    return [
      {
        name: 'OrderCancelled',
        detail: { metadata, data: { ...order, cancelledAt: after.updatedAt, ...(reason ? { reason } : {}) } },
      },
    ];
  }
  return [];
};
