import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Payments } from './payments';
import type { AttemptLedger, PaymentProvider } from './provider';
import { DynamoPaymentRepository } from './repository';
import { TestPaymentProvider } from './test-provider';

/** The providers `PAYMENT_PROVIDER` may name. Only the deterministic test provider, for now. */
const PROVIDERS: Record<string, (ledger: AttemptLedger, env: Env) => PaymentProvider> = {
  test: (ledger, env) => {
    const timeoutMs = env.PAYMENT_TEST_TIMEOUT_MS?.trim();
    if (timeoutMs && !/^\d+$/.test(timeoutMs))
      throw new Error(`PAYMENT_TEST_TIMEOUT_MS must be a whole number of ms, got ${JSON.stringify(timeoutMs)}`);
    return new TestPaymentProvider(ledger, { timeoutMs: timeoutMs ? Number(timeoutMs) : undefined });
  },
};

type Env = Record<string, string | undefined>;

/**
 * The payments use cases as the environment configures them (`PAYMENTS_TABLE`, `PAYMENT_PROVIDER`,
 * default `test`). Called once per container: a missing table or an unknown provider fails the
 * cold start with a message saying which, instead of failing every payment later.
 */
export const paymentsFromEnv = (env: Env, client?: DynamoDBClient): Payments => {
  const table = env.PAYMENTS_TABLE?.trim();
  if (!table) throw new Error('payments: missing environment PAYMENTS_TABLE');
  const name = env.PAYMENT_PROVIDER?.trim() || 'test';
  if (!Object.hasOwn(PROVIDERS, name))
    throw new Error(
      `payments: unknown PAYMENT_PROVIDER ${JSON.stringify(name)}; known: ${Object.keys(PROVIDERS).join(', ')}`,
    );
  const repository = new DynamoPaymentRepository(table, client);
  return new Payments(PROVIDERS[name](repository, env), repository);
};
