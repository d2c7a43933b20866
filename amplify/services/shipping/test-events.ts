import type { EventBridgeEvent } from 'aws-lambda';
import { EVENTS, type EventData, type EventName } from '../../events/contracts';
import { eventIdOf } from '../../events/publish';

/** An order as the orders service announces it. */
export const confirmedOrder = (orderId = 'order-1', extra: Partial<EventData<'OrderConfirmed'>> = {}) =>
  ({
    orderId,
    userId: 'user-alice',
    email: 'alice@example.com',
    currency: 'EUR',
    total: 4350,
    lines: [
      { sku: 'MUG-1', name: 'Blue mug', unitPrice: 1200, quantity: 2 },
      { sku: 'PEN-2', name: 'Fountain pen', unitPrice: 1950, quantity: 1 },
    ],
    shippingAddress: {
      name: 'Alice Liddell',
      line1: '1 Rabbit Hole',
      city: 'Oxford',
      postalCode: 'OX1 1AA',
      country: 'GB',
    },
    confirmedAt: '2030-01-01T10:00:00.000Z',
    ...extra,
  }) satisfies EventData<'OrderConfirmed'>;

export const cancelledOrder = (orderId = 'order-1'): EventData<'OrderCancelled'> => {
  const { shippingAddress: _address, confirmedAt: _at, ...order } = confirmedOrder(orderId);
  return { ...order, cancelledAt: '2030-01-01T10:05:00.000Z', reason: 'changed my mind' };
};

/** The EventBridge event a rule delivers to a Lambda target. */
export const eventBridgeEvent = <N extends EventName>(
  name: N,
  data: EventData<N>,
  eventId = eventIdOf(name, JSON.stringify(data)),
): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: `eb-${eventId}`,
  'detail-type': EVENTS[name].detailType,
  source: EVENTS[name].source,
  account: '123456789012',
  time: '2030-01-01T10:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: {
    metadata: {
      eventId,
      correlationId: (data as { orderId?: string }).orderId ?? 'none',
      occurredAt: '2030-01-01T10:00:00.000Z',
    },
    data,
  },
});
