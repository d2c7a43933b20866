import { describe, expect, it } from 'vitest';
import { memoryRepository } from './test-fakes';
import { DECLINED_MESSAGE, INSUFFICIENT_FUNDS_MESSAGE, TestPaymentProvider } from './test-provider';

const provider = (timeoutMs = 0) => {
  const ledger = memoryRepository();
  return { ledger, provider: new TestPaymentProvider(ledger, { timeoutMs }) };
};

const authorize = (p: TestPaymentProvider, token: string, idempotencyKey = 'order-1:authorize') =>
  p.authorize({ idempotencyKey, amount: 1999, currency: 'USD', token });

/** The error a promise rejects with, to check its name (what Step Functions matches on). */
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: Error) => e,
  );
  if (!error) throw new Error('expected the call to fail');
  return error as Error & { retryable: boolean };
};

describe('the test provider', () => {
  it.each(['tok_visa', 'tok_mastercard', 'tok_amex', 'tok_success'])('authorizes %s', async (token) => {
    const { provider: p } = provider();
    expect(await authorize(p, token)).toEqual({ providerRef: expect.stringMatching(/^tp\./), outcome: 'authorized' });
  });

  it('answers the same key with the same reference, another key with another', async () => {
    const { provider: p } = provider();
    const first = await authorize(p, 'tok_visa');
    expect(await authorize(p, 'tok_visa')).toEqual(first);
    expect(await authorize(new TestPaymentProvider(memoryRepository()), 'tok_visa')).toEqual(first);
    expect((await authorize(p, 'tok_visa', 'order-2:authorize')).providerRef).not.toBe(first.providerRef);
  });

  it('declines tok_declined with a message for the shopper, not retryable', async () => {
    const error = await failure(authorize(provider().provider, 'tok_declined'));
    expect(error).toMatchObject({ name: 'PaymentDeclined', message: 'Your card was declined.', retryable: false });
    expect(DECLINED_MESSAGE).toBe('Your card was declined.');
  });

  it('refuses tok_insufficient_funds as InsufficientFunds, not retryable', async () => {
    const error = await failure(authorize(provider().provider, 'tok_insufficient_funds'));
    expect(error).toMatchObject({ name: 'InsufficientFunds', message: INSUFFICIENT_FUNDS_MESSAGE, retryable: false });
  });

  it('declines a token it does not know', async () => {
    expect(await failure(authorize(provider().provider, 'tok_unheard_of'))).toMatchObject({ name: 'PaymentDeclined' });
  });

  it('fails tok_transient_2 twice per idempotency key, then succeeds, counting in the ledger', async () => {
    const { provider: p, ledger } = provider();
    for (const attempt of [1, 2]) {
      const error = await failure(authorize(p, 'tok_transient_2'));
      expect(error, `attempt ${attempt}`).toMatchObject({ name: 'PaymentProviderUnavailable', retryable: true });
    }
    const authorized = await authorize(p, 'tok_transient_2');
    expect(authorized.outcome).toBe('authorized');
    expect(ledger.items.get('order-1')?.attempts).toEqual({ authorize: 3 });

    // Another order's key starts its own count; so does the capture of this one.
    expect((await failure(authorize(p, 'tok_transient_2', 'order-2:authorize'))).name).toBe(
      'PaymentProviderUnavailable',
    );
    const capture = {
      idempotencyKey: 'order-1:capture',
      providerRef: authorized.providerRef,
      amount: 1999,
      currency: 'USD',
    };
    expect((await failure(p.capture(capture))).name).toBe('PaymentProviderUnavailable');
    expect((await failure(p.capture(capture))).name).toBe('PaymentProviderUnavailable');
    expect(await p.capture(capture)).toEqual({ providerRef: authorized.providerRef, outcome: 'captured' });
  });

  it('keeps the transient count in the ledger, not in the provider: a new provider continues it', async () => {
    const ledger = memoryRepository();
    await failure(authorize(new TestPaymentProvider(ledger), 'tok_transient_1'));
    expect((await authorize(new TestPaymentProvider(ledger), 'tok_transient_1')).outcome).toBe('authorized');
  });

  it('times out tok_timeout after its timeout with a retryable ProviderTimeout, every time', async () => {
    const { provider: p } = provider(50);
    const started = Date.now();
    const error = await failure(authorize(p, 'tok_timeout'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(error).toMatchObject({ name: 'ProviderTimeout', retryable: true });
    expect((await failure(authorize(p, 'tok_timeout'))).name).toBe('ProviderTimeout');
  });

  it('captures, voids and refunds an authorization of a successful card', async () => {
    const { provider: p } = provider();
    const { providerRef } = await authorize(p, 'tok_visa');
    const money = { providerRef, amount: 1999, currency: 'USD' };
    expect(await p.capture({ idempotencyKey: 'order-1:capture', ...money })).toEqual({
      providerRef,
      outcome: 'captured',
    });
    expect(await p.void({ idempotencyKey: 'order-1:void', providerRef })).toEqual({ providerRef, outcome: 'voided' });
    expect(await p.refund({ idempotencyKey: 'order-1:refund', ...money })).toMatchObject({ outcome: 'refunded' });
  });
});
