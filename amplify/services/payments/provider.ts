/**
 * The port to a payment provider (Stripe, Adyen, the test provider). Every call carries an
 * idempotency key: the provider performs a key's call once and replays its answer to every repeat,
 * which is what makes a retried saga step safe even when the first answer never arrived.
 *
 * A call that succeeds resolves with the provider's reference and the outcome; one that fails
 * rejects with a `PaymentError` (`PaymentDeclined`, `InsufficientFunds`,
 * `PaymentProviderUnavailable`, `ProviderTimeout`). Only tokens cross this port, never card numbers.
 */
export interface PaymentProvider {
  authorize(request: AuthorizeCall): Promise<ProviderResult>;
  capture(request: SettleCall): Promise<ProviderResult>;
  void(request: ReferenceCall): Promise<ProviderResult>;
  refund(request: SettleCall): Promise<ProviderResult>;
}

export interface AuthorizeCall {
  idempotencyKey: string;
  amount: number;
  currency: string;
  token: string;
}

/** A call on an existing authorization. */
export interface ReferenceCall {
  idempotencyKey: string;
  providerRef: string;
}

/** Capture and refund move money: the full amount of the authorization. */
export interface SettleCall extends ReferenceCall {
  amount: number;
  currency: string;
}

export interface ProviderResult {
  providerRef: string;
  outcome: 'authorized' | 'captured' | 'voided' | 'refunded';
}

/**
 * Counts the calls made under an idempotency key, where they outlive one Lambda container (the
 * payments table). The test provider needs it to fail a key's first N calls and then succeed.
 */
export interface AttemptLedger {
  /** Records one more call under `idempotencyKey` and returns how many there have been, this one included. */
  recordAttempt(idempotencyKey: string): Promise<number>;
}
