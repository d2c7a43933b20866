import { describe, expect, it } from 'vitest';
import { detailSchema } from '../../events/contracts';
import { orderAtVersion as order } from './fixtures';
import { eventsOfChange } from './order-events';

describe('the events an order change announces', () => {
  it('announces OrderConfirmed when an order becomes CONFIRMED, by contract, never the payment token', () => {
    const [event, ...more] = eventsOfChange(order('PENDING', 1), order('CONFIRMED', 2));
    expect(more).toEqual([]);
    expect(event.name).toBe('OrderConfirmed');
    expect(detailSchema('OrderConfirmed').parse(event.detail)).toEqual(event.detail);
    expect(event.detail.metadata).toMatchObject({ correlationId: 'o-1', occurredAt: '2026-01-01T00:00:02.000Z' });
    expect(JSON.stringify(event)).not.toContain('tok_visa');
  });

  it('announces OrderCancelled with the reason', () => {
    const cancelled = order('CANCELLED', 3, {
      statusHistory: [{ status: 'CANCELLED', at: '2026-01-01T00:00:03.000Z', reason: 'Cancelled by you.' }],
    });
    const [event] = eventsOfChange(order('CONFIRMED', 2), cancelled);
    expect(event).toMatchObject({ name: 'OrderCancelled', detail: { data: { reason: 'Cancelled by you.' } } });
  });

  it('gives a redelivered record the same event id, and another version another', () => {
    const first = eventsOfChange(order('PENDING', 1), order('CONFIRMED', 2))[0].detail.metadata.eventId;
    expect(eventsOfChange(order('PENDING', 1), order('CONFIRMED', 2))[0].detail.metadata.eventId).toBe(first);
    expect(eventsOfChange(order('PENDING', 1), order('CONFIRMED', 3))[0].detail.metadata.eventId).not.toBe(first);
  });

  it('announces nothing for a new order, a failed one, a shipped one or an unchanged status', () => {
    expect(eventsOfChange(undefined, order('PENDING', 1))).toEqual([]);
    expect(eventsOfChange(order('PENDING', 1), order('FAILED', 2))).toEqual([]);
    expect(eventsOfChange(order('CONFIRMED', 2), order('SHIPPED', 3))).toEqual([]);
    expect(eventsOfChange(order('CONFIRMED', 2), order('CONFIRMED', 2))).toEqual([]);
    expect(eventsOfChange(order('CONFIRMED', 2), undefined)).toEqual([]);
  });
});
