import { describe, expect, it } from 'vitest';
import { refundEntry } from '../orders/refund';
import { orderAt } from './fixtures';
import { orderHistoryWrite } from './order-history';

describe('a refunded order in its owner’s history', () => {
  it('carries the refund and its timeline note, as a newer version than the cancellation', () => {
    const cancelled = orderAt(['PENDING', 'CONFIRMED', 'CANCELLED']);
    const refund = { amount: 3780, currency: 'USD', at: '2026-01-01T01:00:00.000Z' };
    const refunded = {
      ...cancelled,
      refund,
      statusHistory: [...cancelled.statusHistory, refundEntry('CANCELLED', refund)],
      version: cancelled.version + 1,
    };
    const [write] = orderHistoryWrite(cancelled, refunded);
    expect(write.kind === 'put' && write.entry).toMatchObject({
      status: 'CANCELLED',
      refund,
      version: 4,
      timeline: expect.arrayContaining([{ status: 'CANCELLED', at: refund.at, reason: 'Refunded $37.80' }]),
    });
  });

  it('has no refund while none was made', () => {
    const [write] = orderHistoryWrite(undefined, orderAt(['PENDING', 'CONFIRMED', 'CANCELLED']));
    expect(write.kind === 'put' && write.entry).not.toHaveProperty('refund');
  });
});
