import { describe, expect, it } from 'vitest';
import { UserInputError } from '../shared/errors';
import { CLAIM_LEASE_MS, Payments } from './payments';
import { countingProvider, manualClock, memoryRepository } from './test-fakes';
import { TestPaymentProvider } from './test-provider';

const setup = () => {
  const repository = memoryRepository();
  const provider = countingProvider(new TestPaymentProvider(repository, { timeoutMs: 0 }));
  const clock = manualClock();
  return { repository, provider, clock, payments: new Payments(provider, repository, clock) };
};

const order = (orderId = 'order-1', paymentToken = 'tok_visa') => ({
  orderId,
  amount: 4999,
  currency: 'usd',
  paymentToken,
});

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: Error) => e,
  );
  if (!error) throw new Error('expected the call to fail');
  return error;
};

describe('authorize', () => {
  it('authorizes once: a repeat returns the same authorization without calling the provider', async () => {
    const { payments, provider, repository } = setup();
    const first = await payments.authorize(order());
    expect(first).toEqual({
      orderId: 'order-1',
      status: 'AUTHORIZED',
      amount: 4999,
      currency: 'USD',
      providerRef: expect.any(String),
    });
    expect(await payments.authorize(order())).toEqual(first);
    expect(provider.calls.authorize).toBe(1);

    const record = await repository.get('order-1');
    expect(record).toMatchObject({ status: 'AUTHORIZED', token: 'tok_visa', attempts: { authorize: 1 } });
    expect(record?.history).toEqual([
      { at: '2025-01-01T00:00:00.000Z', action: 'authorize', outcome: 'authorized', providerRef: first.providerRef },
    ]);
    expect(record?.createdAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('ignores what else the saga state carries', async () => {
    const { payments } = setup();
    expect((await payments.authorize({ ...order(), cart: [{ sku: 'KIT-001' }] })).status).toBe('AUTHORIZED');
  });

  it('refuses a second authorization of the same order with other terms', async () => {
    const { payments, provider } = setup();
    await payments.authorize(order());
    const error = await failure(payments.authorize({ ...order(), amount: 1 }));
    expect(error.name).toBe('InvalidPaymentState');
    expect(provider.calls.authorize).toBe(1);
  });

  it('records a decline as DECLINED, never AUTHORIZED, and repeats it without calling again', async () => {
    const { payments, provider, repository } = setup();
    const error = await failure(payments.authorize(order('order-1', 'tok_declined')));
    expect(error).toMatchObject({ name: 'PaymentDeclined', message: 'Your card was declined.' });
    expect(await repository.get('order-1')).toMatchObject({
      status: 'DECLINED',
      failure: { error: 'PaymentDeclined', message: 'Your card was declined.' },
      history: [{ action: 'authorize', outcome: 'PaymentDeclined' }],
    });

    expect(await failure(payments.authorize(order('order-1', 'tok_declined')))).toMatchObject({
      name: 'PaymentDeclined',
      message: 'Your card was declined.',
    });
    expect(provider.calls.authorize).toBe(1);
    // Nothing to capture; nothing to void.
    expect((await failure(payments.capture({ orderId: 'order-1' }))).name).toBe('InvalidPaymentState');
    expect(await payments.voidAuthorization({ orderId: 'order-1' })).toMatchObject({ status: 'DECLINED' });
    expect(provider.calls.void).toBe(0);
  });

  it('records insufficient funds as DECLINED, with its own error name', async () => {
    const { payments, repository } = setup();
    expect((await failure(payments.authorize(order('order-1', 'tok_insufficient_funds')))).name).toBe(
      'InsufficientFunds',
    );
    expect((await repository.get('order-1'))?.status).toBe('DECLINED');
    expect((await failure(payments.authorize(order('order-1', 'tok_insufficient_funds')))).name).toBe(
      'InsufficientFunds',
    );
  });

  it('leaves a transient failure FAILED and authorizes on the retry that clears it', async () => {
    const { payments, provider, repository } = setup();
    const input = order('order-1', 'tok_transient_2');
    expect((await failure(payments.authorize(input))).name).toBe('PaymentProviderUnavailable');
    expect((await repository.get('order-1'))?.status).toBe('FAILED');
    expect((await failure(payments.authorize(input))).name).toBe('PaymentProviderUnavailable');
    expect((await payments.authorize(input)).status).toBe('AUTHORIZED');
    expect(await payments.authorize(input)).toMatchObject({ status: 'AUTHORIZED' });

    expect(provider.calls.authorize).toBe(3);
    const record = await repository.get('order-1');
    expect(record?.attempts).toEqual({ authorize: 3 });
    expect(record?.failure).toBeUndefined();
    expect(record?.history.map((h) => h.outcome)).toEqual([
      'PaymentProviderUnavailable',
      'PaymentProviderUnavailable',
      'authorized',
    ]);
  });

  it('reports a provider timeout as a retryable ProviderTimeout, holding nothing', async () => {
    const { payments, repository } = setup();
    expect(await failure(payments.authorize(order('order-1', 'tok_timeout')))).toMatchObject({
      name: 'ProviderTimeout',
      retryable: true,
    });
    expect((await repository.get('order-1'))?.status).toBe('FAILED');
    // The saga gives up and voids: nothing was held, and the payment is closed.
    expect(await payments.voidAuthorization({ orderId: 'order-1' })).toMatchObject({ status: 'VOIDED' });
  });

  it.each([
    [{ amount: 0 }, 'amount must be a positive number of minor units'],
    [{ amount: 12.5 }, 'amount must be a whole number of minor units'],
    [{ currency: 'XYZ' }, 'currency must be a known ISO 4217 code'],
    [{ orderId: '' }, 'orderId must not be empty'],
    [{ paymentToken: '4242424242424242' }, 'paymentToken must be a provider token'],
  ])('refuses %o before calling anyone', async (change, message) => {
    const { payments, provider } = setup();
    const error = await failure(payments.authorize({ ...order(), ...change }));
    expect(error).toBeInstanceOf(UserInputError);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('4242');
    expect(provider.calls.authorize).toBe(0);
  });
});

describe('capture', () => {
  it('captures once: capture after capture is a no-op', async () => {
    const { payments, provider } = setup();
    const { providerRef } = await payments.authorize(order());
    expect(await payments.capture({ orderId: 'order-1' })).toMatchObject({ status: 'CAPTURED', providerRef });
    expect(await payments.capture({ orderId: 'order-1' })).toMatchObject({ status: 'CAPTURED', providerRef });
    expect(provider.calls.capture).toBe(1);
  });

  it('refuses without an authorization', async () => {
    const { payments, provider } = setup();
    expect((await failure(payments.capture({ orderId: 'order-1' }))).name).toBe('InvalidPaymentState');
    expect(provider.calls.capture).toBe(0);
  });

  it('keeps the authorization when a capture fails transiently, and captures on the retry', async () => {
    const { payments, repository } = setup();
    const input = order('order-1', 'tok_transient_1');
    await failure(payments.authorize(input));
    await payments.authorize(input);
    expect((await failure(payments.capture({ orderId: 'order-1' }))).name).toBe('PaymentProviderUnavailable');
    expect(await repository.get('order-1')).toMatchObject({
      status: 'AUTHORIZED',
      failure: { error: 'PaymentProviderUnavailable' },
    });
    expect((await payments.capture({ orderId: 'order-1' })).status).toBe('CAPTURED');
    expect((await repository.get('order-1'))?.attempts).toEqual({ authorize: 2, capture: 2 });
  });

  it('lets only one of two concurrent captures call the provider', async () => {
    const { payments, provider, repository } = setup();
    await payments.authorize(order());
    const results = await Promise.allSettled([
      payments.capture({ orderId: 'order-1' }),
      payments.capture({ orderId: 'order-1' }),
    ]);
    expect(provider.calls.capture).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).not.toHaveLength(0);
    for (const result of results)
      if (result.status === 'rejected') expect((result.reason as Error).name).toBe('PaymentInProgress');
    expect((await repository.get('order-1'))?.status).toBe('CAPTURED');
    // The loser's retry finds the capture done.
    expect((await payments.capture({ orderId: 'order-1' })).status).toBe('CAPTURED');
    expect(provider.calls.capture).toBe(1);
  });

  it('takes over a claim left by a Lambda that died, once the lease has passed', async () => {
    const { payments, repository, clock } = setup();
    await payments.authorize(order());
    // A capture claimed the payment and its Lambda timed out before writing the outcome.
    await repository.claim('order-1', { action: 'capture', at: clock().toISOString() }, ['AUTHORIZED'], '');
    expect((await failure(payments.capture({ orderId: 'order-1' }))).name).toBe('PaymentInProgress');
    clock.advance(CLAIM_LEASE_MS + 1);
    expect((await payments.capture({ orderId: 'order-1' })).status).toBe('CAPTURED');
  });
});

describe('compensations', () => {
  it('void without an authorization calls no provider, and closes the payment to a late authorization', async () => {
    const { payments, provider } = setup();
    expect(await payments.voidAuthorization({ orderId: 'order-1' })).toMatchObject({
      orderId: 'order-1',
      status: 'VOIDED',
    });
    expect(await payments.voidAuthorization({ orderId: 'order-1' })).toMatchObject({ status: 'VOIDED' });
    expect(provider.calls.void).toBe(0);
    // An authorize step the state machine gave up on, running on after the compensation.
    const late = await failure(payments.authorize(order('order-1', 'tok_visa')));
    expect(late).toMatchObject({ name: 'InvalidPaymentState' });
    expect(late.message).toMatch(/undone before this authorization ran/);
    expect(provider.calls.authorize).toBe(0);
  });

  it('voids an authorization once', async () => {
    const { payments, provider } = setup();
    await payments.authorize(order());
    expect((await payments.voidAuthorization({ orderId: 'order-1' })).status).toBe('VOIDED');
    expect((await payments.voidAuthorization({ orderId: 'order-1' })).status).toBe('VOIDED');
    expect(provider.calls.void).toBe(1);
    expect((await failure(payments.capture({ orderId: 'order-1' }))).name).toBe('InvalidPaymentState');
  });

  it('refuses to void a captured payment: it must be refunded', async () => {
    const { payments, provider, repository } = setup();
    await payments.authorize(order());
    await payments.capture({ orderId: 'order-1' });
    const error = await failure(payments.voidAuthorization({ orderId: 'order-1' }));
    expect(error).toMatchObject({ name: 'InvalidPaymentState', message: expect.stringContaining('refund it') });
    expect(provider.calls.void).toBe(0);
    expect((await repository.get('order-1'))?.status).toBe('CAPTURED');
  });

  it('refunds a captured payment once', async () => {
    const { payments, provider, repository } = setup();
    await payments.authorize(order());
    await payments.capture({ orderId: 'order-1' });
    expect((await payments.refund({ orderId: 'order-1' })).status).toBe('REFUNDED');
    expect((await payments.refund({ orderId: 'order-1' })).status).toBe('REFUNDED');
    expect(provider.calls.refund).toBe(1);
    // A capture repeated after the refund changes nothing.
    expect((await payments.capture({ orderId: 'order-1' })).status).toBe('REFUNDED');
    expect(provider.calls.capture).toBe(1);
    expect((await repository.get('order-1'))?.history.map((h) => `${h.action}:${h.outcome}`)).toEqual([
      'authorize:authorized',
      'capture:captured',
      'refund:refunded',
    ]);
  });

  it('refuses to refund an authorization that was not captured: it must be voided', async () => {
    const { payments, provider } = setup();
    await payments.authorize(order());
    expect((await failure(payments.refund({ orderId: 'order-1' }))).name).toBe('InvalidPaymentState');
    expect(provider.calls.refund).toBe(0);
  });

  it('refund when no money was taken is a no-op success', async () => {
    const { payments, provider } = setup();
    expect(await payments.refund({ orderId: 'order-1' })).toEqual({ orderId: 'order-1', status: 'NONE' });
    await failure(payments.authorize(order('order-2', 'tok_declined')));
    expect((await payments.refund({ orderId: 'order-2' })).status).toBe('DECLINED');
    expect(provider.calls.refund).toBe(0);
  });
});
