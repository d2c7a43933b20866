import { describe, expect, it } from 'vitest';
import { appendOrders, canCancel, cancelFailureMessage, lineSummary } from './orders';
import type { OrderSummary } from './types';

const order = (orderId: string, over: Partial<OrderSummary> = {}): OrderSummary => ({
  orderId,
  status: 'CONFIRMED',
  total: 1250,
  currency: 'USD',
  lineCount: 1,
  lines: [{ sku: 'S', name: 'Mug', quantity: 2 }],
  timeline: [],
  createdAt: '2026-11-26T00:00:00.000Z',
  ...over,
});

describe('order history', () => {
  it('appends the next page in order, without an order twice', () => {
    const joined = appendOrders([order('a'), order('b')], [order('b', { status: 'SHIPPED' }), order('c'), order('c')]);
    expect(joined.map((o) => o.orderId)).toEqual(['a', 'b', 'c']);
    expect(joined[1].status).toBe('CONFIRMED');
  });

  it('summarises the lines, saying how many more there are', () => {
    expect(lineSummary(order('a'))).toBe('2 × Mug');
    const lines = ['A', 'B', 'C', 'D'].map((name) => ({ sku: name, name, quantity: 1 }));
    expect(lineSummary({ lines, lineCount: 4 })).toBe('1 × A, 1 × B, 1 × C and 1 more');
    expect(lineSummary({ lines: lines.slice(0, 2), lineCount: 5 })).toBe('1 × A, 1 × B and 3 more');
    expect(lineSummary({ lines: [], lineCount: 2 })).toBe('2 items');
    expect(lineSummary({ lines: [], lineCount: 1 })).toBe('1 item');
  });

  it('offers cancelling a confirmed order only', () => {
    expect(canCancel('CONFIRMED')).toBe(true);
    for (const status of ['PENDING', 'FAILED', 'SHIPPED', 'CANCELLED', null] as const) {
      expect(canCancel(status)).toBe(false);
    }
  });
});

describe('cancel failures', () => {
  it('shows the server’s refusal in its own words', () => {
    const refusal = 'This order has shipped and can no longer be cancelled.';
    expect(cancelFailureMessage([{ message: refusal, errorType: 'Lambda:Unhandled' }])).toBe(refusal);
    expect(cancelFailureMessage([{ message: 'This order is still being placed; try again in a moment.' }])).toBe(
      'This order is still being placed; try again in a moment.',
    );
  });

  it('says something a shopper can act on for everything else', () => {
    expect(cancelFailureMessage([{ message: 'A network error has occurred.' }], { network: true })).toMatch(
      /couldn’t reach the store/,
    );
    expect(cancelFailureMessage([{ message: 'no order with id x' }], { notFound: true })).toMatch(/couldn’t find/);
    expect(cancelFailureMessage([{ message: 'Not Authorized' }], { accessDenied: true })).toMatch(/Sign in again/);
    expect(cancelFailureMessage([{ message: 'Lambda invocation timed out' }])).toBe(
      'We couldn’t cancel your order. Try again in a moment.',
    );
    expect(cancelFailureMessage([])).toBe('We couldn’t cancel your order. Try again in a moment.');
  });
});
