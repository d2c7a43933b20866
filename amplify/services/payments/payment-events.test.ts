import { describe, expect, it } from 'vitest';
import { detailSchema } from '../../events/contracts';
import type { PaymentRecord, PaymentStatus } from './payment';
import { paymentEventsOfChange } from './payment-events';

const payment = (status: PaymentStatus, extra: Partial<PaymentRecord> = {}): PaymentRecord => ({
  orderId: 'o-1',
  status,
  amount: 3132,
  currency: 'USD',
  token: 'tok_visa',
  providerRef: 'tp.ref',
  history: [
    { at: '2026-01-01T00:00:01.000Z', action: 'authorize', outcome: 'authorized' },
    { at: '2026-01-01T00:00:02.000Z', action: 'capture', outcome: 'captured' },
  ],
  createdAt: '2026-01-01T00:00:01.000Z',
  updatedAt: '2026-01-01T00:00:02.000Z',
  ...extra,
});

const refunded = () =>
  payment('REFUNDED', {
    history: [
      ...payment('CAPTURED').history,
      { at: '2026-01-01T00:05:00.000Z', action: 'refund', outcome: 'refunded', providerRef: 'tp.refund' },
    ],
    updatedAt: '2026-01-01T00:05:00.000Z',
  });

describe('the events a payment change announces', () => {
  it('announces PaymentRefunded when a captured payment is refunded: amount, currency and when, by contract', () => {
    const [event, ...more] = paymentEventsOfChange(payment('CAPTURED'), refunded());
    expect(more).toEqual([]);
    expect(event.name).toBe('PaymentRefunded');
    expect(detailSchema('PaymentRefunded').parse(event.detail)).toEqual(event.detail);
    expect(event.detail.data).toEqual({
      orderId: 'o-1',
      amount: 3132,
      currency: 'USD',
      refundedAt: '2026-01-01T00:05:00.000Z',
    });
    expect(event.detail.metadata).toMatchObject({ correlationId: 'o-1', occurredAt: '2026-01-01T00:05:00.000Z' });
    expect(JSON.stringify(event)).not.toContain('tok_visa');
  });

  it('gives a redelivered record the same event id, and another order another', () => {
    const id = paymentEventsOfChange(payment('CAPTURED'), refunded())[0].detail.metadata.eventId;
    expect(paymentEventsOfChange(payment('CAPTURED'), refunded())[0].detail.metadata.eventId).toBe(id);
    const other = { ...refunded(), orderId: 'o-2' };
    expect(
      paymentEventsOfChange({ ...payment('CAPTURED'), orderId: 'o-2' }, other)[0].detail.metadata.eventId,
    ).not.toBe(id);
  });

  it('announces nothing for other moves, a claim on a refunded payment, or a deletion', () => {
    expect(paymentEventsOfChange(undefined, payment('AUTHORIZED'))).toEqual([]);
    expect(paymentEventsOfChange(payment('AUTHORIZED'), payment('CAPTURED'))).toEqual([]);
    expect(paymentEventsOfChange(payment('AUTHORIZED'), payment('VOIDED'))).toEqual([]);
    expect(paymentEventsOfChange(refunded(), { ...refunded(), updatedAt: '2026-01-02T00:00:00.000Z' })).toEqual([]);
    expect(paymentEventsOfChange(refunded(), undefined)).toEqual([]);
  });
});
