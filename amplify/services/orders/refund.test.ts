import { describe, expect, it } from 'vitest';
import { NotFoundError, UserInputError } from '../shared/errors';
import { toCustomerOrder, type Order, type OrderStatus, type StatusChange } from './order';
import { recordRefund, refundEntry, type OrderRefund, type RefundLedger } from './refund';

const order = (status: OrderStatus, extra: Partial<Order> = {}): Order => ({
  orderId: 'o-1',
  userId: 'u-1',
  status,
  lines: [{ sku: 'MUG-1', name: 'Mug', unitPrice: 1200, quantity: 1, lineTotal: 1200 }],
  currency: 'USD',
  subtotal: 1200,
  shipping: 0,
  tax: 34,
  total: 1234,
  shippingAddress: { name: 'Ada', line1: '1 St', city: 'Town', postalCode: '1', country: 'US' },
  paymentToken: 'tok_visa',
  idempotencyKey: 'key-00000001',
  statusHistory: [
    { status: 'PENDING', at: '2026-01-01T00:00:00.000Z' },
    { status: 'CONFIRMED', at: '2026-01-01T00:00:01.000Z' },
    { status: 'CANCELLED', at: '2026-01-01T00:01:00.000Z', reason: 'Cancelled by you.' },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:01:00.000Z',
  version: 3,
  ...extra,
});

const REFUND: OrderRefund = { amount: 1234, currency: 'USD', at: '2026-01-01T00:01:05.000Z' };

/** Keeps the DynamoDB adapter's conditions: no refund yet, and the status read. */
const memoryLedger = (initial: Order | undefined) => {
  let stored = initial && structuredClone(initial);
  const ledger: RefundLedger & { writes: number; set(o: Order): void } = {
    writes: 0,
    set: (o) => (stored = structuredClone(o)),
    async get() {
      return stored && structuredClone(stored);
    },
    async recordRefund(_orderId, status, refund, entry: StatusChange) {
      if (!stored || stored.refund || stored.status !== status) return undefined;
      ledger.writes++;
      stored = {
        ...stored,
        refund,
        updatedAt: entry.at,
        statusHistory: [...stored.statusHistory, entry],
        version: stored.version + 1,
      };
      return structuredClone(stored);
    },
  };
  return ledger;
};

describe('recording a refund on the order', () => {
  it('keeps the refund and notes it in the timeline in the shopper’s words, as a new version', async () => {
    const ledger = memoryLedger(order('CANCELLED'));
    const recorded = await recordRefund(ledger, 'o-1', REFUND);
    expect(recorded.refund).toEqual(REFUND);
    expect(recorded.status).toBe('CANCELLED');
    expect(recorded.version).toBe(4);
    expect(recorded.statusHistory.at(-1)).toEqual({
      status: 'CANCELLED',
      at: '2026-01-01T00:01:05.000Z',
      reason: 'Refunded $12.34',
    });
  });

  it('changes nothing when the same refund is reported again', async () => {
    const ledger = memoryLedger(order('CANCELLED'));
    const first = await recordRefund(ledger, 'o-1', REFUND);
    const again = await recordRefund(ledger, 'o-1', REFUND);
    expect(again).toEqual(first);
    expect(ledger.writes).toBe(1);
    expect(again.statusHistory.filter((c) => c.reason?.startsWith('Refunded'))).toHaveLength(1);
  });

  it('reads again when the status moved under it, so the note names the status the order has', async () => {
    const ledger = memoryLedger(order('CONFIRMED'));
    const { recordRefund: write } = ledger;
    let raced = false;
    ledger.recordRefund = async (...args) => {
      if (!raced) {
        raced = true;
        ledger.set(order('CANCELLED'));
        return undefined;
      }
      return write(...args);
    };
    const recorded = await recordRefund(ledger, 'o-1', REFUND);
    expect(recorded.statusHistory.at(-1)).toMatchObject({ status: 'CANCELLED', reason: 'Refunded $12.34' });
  });

  it('refuses a refund for an unknown order or in another currency, writing nothing', async () => {
    await expect(recordRefund(memoryLedger(undefined), 'o-1', REFUND)).rejects.toThrow(NotFoundError);
    const ledger = memoryLedger(order('CANCELLED'));
    const euros = recordRefund(ledger, 'o-1', { ...REFUND, currency: 'EUR' });
    await expect(euros).rejects.toThrow(UserInputError);
    await expect(euros).rejects.toThrow('the refund of order o-1 is in EUR, but the order was paid in USD');
    expect(ledger.writes).toBe(0);
  });

  it('formats the amount in the order’s currency', () => {
    expect(refundEntry('FAILED', { amount: 1500, currency: 'JPY', at: REFUND.at }).reason).toBe('Refunded ¥1,500');
  });

  it('leaves a failed order’s reason the failure, not the refund note after it', () => {
    const failed = order('FAILED', {
      statusHistory: [
        { status: 'PENDING', at: '2026-01-01T00:00:00.000Z' },
        { status: 'FAILED', at: '2026-01-01T00:00:02.000Z', reason: 'Your card was declined.' },
        refundEntry('FAILED', REFUND),
      ],
    });
    expect(toCustomerOrder(failed).failureReason).toBe('Your card was declined.');
  });
});
