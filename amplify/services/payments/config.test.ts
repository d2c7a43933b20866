import { describe, expect, it } from 'vitest';
import { paymentsFromEnv } from './config';
import { Payments } from './payments';

describe('paymentsFromEnv', () => {
  it('uses the test provider by default and when named', () => {
    expect(paymentsFromEnv({ PAYMENTS_TABLE: 'payments' })).toBeInstanceOf(Payments);
    expect(paymentsFromEnv({ PAYMENTS_TABLE: 'payments', PAYMENT_PROVIDER: 'test' })).toBeInstanceOf(Payments);
  });

  it('fails the cold start on an unknown provider, naming it and the known ones', () => {
    expect(() => paymentsFromEnv({ PAYMENTS_TABLE: 'payments', PAYMENT_PROVIDER: 'stripe' })).toThrow(
      'payments: unknown PAYMENT_PROVIDER "stripe"; known: test',
    );
  });

  it('fails the cold start without a table', () => {
    expect(() => paymentsFromEnv({ PAYMENT_PROVIDER: 'test' })).toThrow('missing environment PAYMENTS_TABLE');
  });

  it('refuses a malformed test timeout', () => {
    expect(() => paymentsFromEnv({ PAYMENTS_TABLE: 'payments', PAYMENT_TEST_TIMEOUT_MS: 'soon' })).toThrow(
      'PAYMENT_TEST_TIMEOUT_MS',
    );
  });
});
