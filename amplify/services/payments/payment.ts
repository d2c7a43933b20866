import { z } from 'zod';
import { parseInput } from '../shared/errors';

/**
 * A payment as the payments table stores it, one per order (partition key `orderId`). Amounts are
 * integer minor units (cents for USD) of an ISO 4217 currency. `token` is a provider token, never a
 * card number: the service and its provider port only ever see tokens.
 */
export interface PaymentRecord {
  orderId: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  token: string;
  /** The provider's id of the authorization (absent while none was made). */
  providerRef?: string;
  /** Provider calls per action (`{ authorize: 3 }`), counted under the call's idempotency key. */
  attempts?: Partial<Record<PaymentAction, number>>;
  /** Why the last provider call failed, as the error name and the message the caller got. */
  failure?: { error: string; message: string };
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

/**
 * AUTHORIZED, CAPTURED, VOIDED and REFUNDED follow each other; DECLINED is final (the issuer said
 * no); FAILED means the last authorization attempt ended in a provider error, so nothing is held as
 * far as we know and authorize may be tried again with the same key.
 */
export const PAYMENT_STATUSES = ['AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'DECLINED', 'FAILED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export type PaymentAction = 'authorize' | 'capture' | 'void' | 'refund';

/** One provider call and how it ended: the past tense of the action, or the error's name. */
export interface HistoryEntry {
  at: string;
  action: PaymentAction;
  outcome: string;
  /** The reference the provider answered with, when it succeeded. */
  providerRef?: string;
}

/** What a payment step returns to the state machine; `NONE` when the order has no payment. */
export interface PaymentSummary {
  orderId: string;
  status: PaymentStatus | 'NONE';
  amount?: number;
  currency?: string;
  providerRef?: string;
}

export const summaryOf = (orderId: string, record?: PaymentRecord): PaymentSummary =>
  record
    ? {
        orderId,
        status: record.status,
        amount: record.amount,
        currency: record.currency,
        ...(record.providerRef ? { providerRef: record.providerRef } : {}),
      }
    : { orderId, status: 'NONE' };

/**
 * One key per order and action, so a retried or repeated step is the same call to the provider
 * (which de-duplicates by it) and to our table.
 */
export const idempotencyKey = (orderId: string, action: PaymentAction) => `${orderId}:${action}`;

/** The order and action of a key made by `idempotencyKey` (an order id may itself contain `:`). */
export const parseIdempotencyKey = (key: string): { orderId: string; action: PaymentAction } => {
  const cut = key.lastIndexOf(':');
  const action = key.slice(cut + 1);
  if (cut <= 0 || !['authorize', 'capture', 'void', 'refund'].includes(action))
    throw new Error(`${JSON.stringify(key)} is not a payments idempotency key (orderId:action)`);
  return { orderId: key.slice(0, cut), action: action as PaymentAction };
};

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** The largest amount accepted, in minor units: far above any real order, far below float trouble. */
export const MAX_AMOUNT = 1_000_000_000;

const orderId = z
  .string({ required_error: 'orderId is required', invalid_type_error: 'orderId must be a string' })
  .trim()
  .min(1, 'orderId must not be empty')
  .max(128, 'orderId must be at most 128 characters');

const authorizeRequest = z.object({
  orderId,
  amount: z
    .number({ required_error: 'amount is required', invalid_type_error: 'amount must be a number' })
    .int('amount must be a whole number of minor units (cents for USD)')
    .positive('amount must be a positive number of minor units')
    .max(MAX_AMOUNT, `amount must be at most ${MAX_AMOUNT} minor units`),
  currency: z
    .string({ required_error: 'currency is required' })
    .trim()
    .toUpperCase()
    .refine((c) => currencies.has(c), 'currency must be a known ISO 4217 code such as USD or EUR'),
  // The message never echoes the value: a mistaken card number must not reach a log.
  paymentToken: z
    .string({ required_error: 'paymentToken is required' })
    .trim()
    .regex(/^(tok|pm)_[A-Za-z0-9_]{1,100}$/, 'paymentToken must be a provider token (tok_...), never a card number'),
});

const orderRequest = z.object({ orderId });

export type AuthorizeRequest = z.infer<typeof authorizeRequest>;
export type OrderRequest = z.infer<typeof orderRequest>;

/** Unknown fields are dropped: a saga task may pass its whole state. */
export const parseAuthorizeRequest = (input: unknown): AuthorizeRequest => parseInput(authorizeRequest, input);
export const parseOrderRequest = (input: unknown): OrderRequest => parseInput(orderRequest, input);
