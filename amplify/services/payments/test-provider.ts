import { createHash } from 'node:crypto';
import { InsufficientFunds, PaymentDeclined, PaymentProviderUnavailable, ProviderTimeout } from './errors';
import type {
  AttemptLedger,
  AuthorizeCall,
  PaymentProvider,
  ProviderResult,
  ReferenceCall,
  SettleCall,
} from './provider';

/** The test cards (docs/payments.md lists them for shoppers and testers). */
export const TEST_TOKENS = {
  success: ['tok_visa', 'tok_mastercard', 'tok_amex', 'tok_success'],
  declined: 'tok_declined',
  insufficientFunds: 'tok_insufficient_funds',
  /** `tok_transient_<N>`, N from 1 to 9: each call's first N attempts fail, then it succeeds. */
  transient: /^tok_transient_([1-9])$/,
  timeout: 'tok_timeout',
} as const;

export const DECLINED_MESSAGE = 'Your card was declined.';
export const INSUFFICIENT_FUNDS_MESSAGE = 'Your card has insufficient funds. Please use another card.';
export const UNKNOWN_TOKEN_MESSAGE = 'This card cannot be used. Please use another card.';

export interface TestProviderOptions {
  /**
   * How long `tok_timeout` waits before failing with `ProviderTimeout`, in ms: a stand-in for a
   * real client's HTTP timeout, kept well below the function's timeout so the saga sees the name.
   */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 2000;

/**
 * A deterministic provider driven by the token: the same token, key and attempt number always give
 * the same answer, and references are derived from the key. Declines, insufficient funds and
 * timeouts happen on authorize (where an issuer decides); a transient token fails every action's
 * first N attempts. Attempts are counted in the `AttemptLedger` (the payments table), so the count
 * survives a new Lambda container as a real provider's retries would.
 */
export class TestPaymentProvider implements PaymentProvider {
  private readonly timeoutMs: number;

  constructor(
    private readonly ledger: AttemptLedger,
    options: TestProviderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async authorize({ idempotencyKey, token }: AuthorizeCall): Promise<ProviderResult> {
    await this.transient(idempotencyKey, token);
    if (token === TEST_TOKENS.declined) throw new PaymentDeclined(DECLINED_MESSAGE);
    if (token === TEST_TOKENS.insufficientFunds) throw new InsufficientFunds(INSUFFICIENT_FUNDS_MESSAGE);
    if (token === TEST_TOKENS.timeout) {
      await new Promise((resolve) => setTimeout(resolve, this.timeoutMs));
      throw new ProviderTimeout(`the payment provider did not answer within ${this.timeoutMs} ms`);
    }
    if (!isKnown(token)) throw new PaymentDeclined(UNKNOWN_TOKEN_MESSAGE);
    return { providerRef: `tp.${token}.${digest(idempotencyKey)}`, outcome: 'authorized' };
  }

  async capture({ idempotencyKey, providerRef }: SettleCall): Promise<ProviderResult> {
    await this.transient(idempotencyKey, tokenOf(providerRef));
    return { providerRef, outcome: 'captured' };
  }

  async void({ idempotencyKey, providerRef }: ReferenceCall): Promise<ProviderResult> {
    await this.transient(idempotencyKey, tokenOf(providerRef));
    return { providerRef, outcome: 'voided' };
  }

  async refund({ idempotencyKey, providerRef }: SettleCall): Promise<ProviderResult> {
    await this.transient(idempotencyKey, tokenOf(providerRef));
    return { providerRef: `tp.refund.${digest(idempotencyKey)}`, outcome: 'refunded' };
  }

  /** Counts the call, and fails it while a transient token's N failures are not used up. */
  private async transient(idempotencyKey: string, token: string) {
    const attempt = await this.ledger.recordAttempt(idempotencyKey);
    const failures = Number(TEST_TOKENS.transient.exec(token)?.[1] ?? 0);
    if (attempt <= failures)
      throw new PaymentProviderUnavailable(
        `the payment provider is temporarily unavailable (attempt ${attempt} of ${failures} failing)`,
      );
  }
}

const isKnown = (token: string) =>
  (TEST_TOKENS.success as readonly string[]).includes(token) || TEST_TOKENS.transient.test(token);

const digest = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** The token an authorization was made with: test references carry it (`tp.<token>.<digest>`). */
const tokenOf = (providerRef: string) => providerRef.split('.')[1] ?? '';
