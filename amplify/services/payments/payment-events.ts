import { eventIdOf, type OutgoingEvent } from '../../events/publish';
import type { PaymentRecord } from './payment';

/**
 * The events a payment's change announces, read from its before and after images (the payments
 * table's stream is the outbox, decision 7). Becoming REFUNDED announces PaymentRefunded, so the
 * order can show the shopper their money went back; claims, attempts and every other move announce
 * nothing. A payment is refunded at most once, so the order id alone makes the event id stable: a
 * redelivered record publishes the same event again, which the order recognises.
 */
export const paymentEventsOfChange = (
  before: PaymentRecord | undefined,
  after: PaymentRecord | undefined,
): OutgoingEvent[] => {
  if (after?.status !== 'REFUNDED' || before?.status === 'REFUNDED') return [];
  const refundedAt = after.history?.findLast((entry) => entry.action === 'refund')?.at ?? after.updatedAt;
  return [
    {
      name: 'PaymentRefunded',
      detail: {
        metadata: {
          eventId: eventIdOf('payment', after.orderId, 'refunded'),
          correlationId: after.orderId,
          occurredAt: refundedAt,
        },
        data: { orderId: after.orderId, amount: after.amount, currency: after.currency, refundedAt },
      },
    },
  ];
};
