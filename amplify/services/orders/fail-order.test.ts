import { describe, expect, it, vi } from 'vitest';

vi.stubEnv('ORDERS_TABLE', 'orders');
vi.stubEnv('ORDER_IDEMPOTENCY_TABLE', 'idempotency');
const { reasonOf } = await import('./fail-order');

describe('the reason a failed order shows', () => {
  it("is the failing function's message", () => {
    const cause = JSON.stringify({ errorType: 'PaymentDeclined', errorMessage: 'Your card was declined.', trace: [] });
    expect(reasonOf({ Error: 'PaymentDeclined', Cause: cause })).toBe('Your card was declined.');
  });

  it('says so plainly when the step timed out or left no message', () => {
    expect(reasonOf({ Error: 'States.Timeout', Cause: '' })).toBe('Checkout took too long; nothing was charged.');
    expect(reasonOf({ Error: 'Lambda.Unknown' })).toBe('Checkout failed.');
    expect(reasonOf()).toBe('Checkout failed.');
  });

  it('keeps a cause that is plain text', () => {
    expect(reasonOf({ Error: 'X', Cause: 'out of stock: MUG-1' })).toBe('out of stock: MUG-1');
  });
});
