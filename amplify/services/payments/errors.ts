/**
 * The failures a payment step reports. Step Functions matches a Task's `Retry` and `Catch` on the
 * Lambda `errorType`, which is the error's `name`, so each name below is a contract with the saga:
 * rename one and the state machine silently stops matching it.
 */

/** A failure the payments service knows: `retryable` says whether the same call may later succeed. */
export abstract class PaymentError extends Error {
  abstract override readonly name: PaymentErrorName;
  abstract readonly retryable: boolean;
}

/** The issuer refused the card. The message is written for the shopper and is shown as is. */
export class PaymentDeclined extends PaymentError {
  override readonly name = 'PaymentDeclined';
  readonly retryable = false;
}

/** The issuer refused for lack of funds; the shopper can use another card. Shown as is. */
export class InsufficientFunds extends PaymentError {
  override readonly name = 'InsufficientFunds';
  readonly retryable = false;
}

/** The provider answered with an error of its own (5xx, throttling); retrying with the same key is safe. */
export class PaymentProviderUnavailable extends PaymentError {
  override readonly name = 'PaymentProviderUnavailable';
  readonly retryable = true;
}

/**
 * The provider did not answer in time, so the outcome is unknown: it may have acted. Retrying with
 * the same idempotency key is safe (the provider replays its first answer), so it is retryable.
 */
export class ProviderTimeout extends PaymentError {
  override readonly name = 'ProviderTimeout';
  readonly retryable = true;
}

/** The asked-for step is not possible from the payment's state (capture of a void, void of a capture). */
export class InvalidPaymentState extends PaymentError {
  override readonly name = 'InvalidPaymentState';
  readonly retryable = false;
}

/**
 * Another execution is calling the provider for this order right now. Retry: the next attempt finds
 * the step done (and returns its result) or the claim expired.
 */
export class PaymentInProgress extends PaymentError {
  override readonly name = 'PaymentInProgress';
  readonly retryable = true;
}

export type PaymentErrorName =
  | 'PaymentDeclined'
  | 'InsufficientFunds'
  | 'PaymentProviderUnavailable'
  | 'ProviderTimeout'
  | 'InvalidPaymentState'
  | 'PaymentInProgress';

const byName = {
  PaymentDeclined,
  InsufficientFunds,
  PaymentProviderUnavailable,
  ProviderTimeout,
  InvalidPaymentState,
  PaymentInProgress,
} satisfies Record<PaymentErrorName, new (message: string) => PaymentError>;

/** The error a stored failure stands for, so a repeated call fails exactly as the first did. */
export const paymentErrorOf = (failure: { error: string; message: string }): Error =>
  Object.hasOwn(byName, failure.error)
    ? new byName[failure.error as PaymentErrorName](failure.message)
    : new Error(failure.message);
