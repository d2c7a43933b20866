import { InsufficientFunds, InvalidPaymentState, PaymentDeclined, PaymentInProgress, paymentErrorOf } from './errors';
import {
  idempotencyKey,
  parseAuthorizeRequest,
  parseOrderRequest,
  summaryOf,
  type AuthorizeRequest,
  type HistoryEntry,
  type PaymentAction,
  type PaymentRecord,
  type PaymentStatus,
  type PaymentSummary,
} from './payment';
import type { AttemptLedger, PaymentProvider, ProviderResult } from './provider';

/** The right to make one provider call for an order: held by whoever wrote it, until settled. */
export interface Claim {
  action: PaymentAction;
  /** When it was taken (ISO 8601); also what identifies it when settling. */
  at: string;
}

/** What a provider call changed: a new status (absent: unchanged), fields, the failure, a history entry. */
export interface Settlement {
  status?: PaymentStatus;
  set?: Partial<Pick<PaymentRecord, 'amount' | 'currency' | 'token' | 'providerRef'>>;
  /** The failure to keep, or `null` to clear one left by an earlier attempt. */
  failure: PaymentRecord['failure'] | null;
  entry: HistoryEntry;
}

/**
 * The payments table as the use cases need it. `claim` and `settle` are conditional writes, so two
 * executions racing on one order cannot both call the provider, nor both move the status.
 */
export interface PaymentRepository extends AttemptLedger {
  /** The order's payment, read consistently; undefined while it has no status. */
  get(orderId: string): Promise<PaymentRecord | undefined>;
  /**
   * Takes the claim if the status is one of `from` (`null`: no payment yet) and no other claim was
   * taken after `staleBefore`. False when someone else holds it or the status moved.
   */
  claim(orderId: string, claim: Claim, from: readonly (PaymentStatus | null)[], staleBefore: string): Promise<boolean>;
  /** Releases `claim`, applying `settlement`; returns the record as written. */
  settle(orderId: string, claim: Claim, settlement: Settlement): Promise<PaymentRecord>;
}

/**
 * How long a claim blocks other executions. Longer than the functions' timeout (resource.ts), so
 * a claim is only ever taken over from a Lambda that is certainly gone.
 */
export const CLAIM_LEASE_MS = 60_000;

export type Clock = () => Date;

/** What a step does with the payment as found. */
type Plan =
  | { kind: 'done'; summary: PaymentSummary }
  | { kind: 'refuse'; error: Error }
  | {
      kind: 'call';
      from: readonly (PaymentStatus | null)[];
      /** The provider's answer; none when the step only closes the payment (a void with nothing held). */
      call: () => Promise<ProviderResult | { outcome: 'closed'; providerRef?: undefined }>;
      succeeded: (result: { providerRef?: string }) => Pick<Settlement, 'status' | 'set'>;
      failed: (error: Error) => Pick<Settlement, 'status' | 'set'>;
    };

const done = (orderId: string, record?: PaymentRecord): Plan => ({ kind: 'done', summary: summaryOf(orderId, record) });
const refuse = (error: Error): Plan => ({ kind: 'refuse', error });

const isDecline = (error: Error) => error instanceof PaymentDeclined || error instanceof InsufficientFunds;

/**
 * The checkout saga's payment steps. Each is idempotent by `${orderId}:${action}`: a repeat finds
 * the step done in the table and returns its result (or its decline) without calling the provider,
 * and the provider gets the same key on every retry. Void and refund are compensations, so they
 * succeed as no-ops when there is nothing to undo.
 */
export class Payments {
  constructor(
    private readonly provider: PaymentProvider,
    private readonly repository: PaymentRepository,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async authorize(input: unknown): Promise<PaymentSummary> {
    const request = parseAuthorizeRequest(input);
    const { orderId, amount, currency, paymentToken: token } = request;
    return this.step(orderId, 'authorize', (record) => {
      if (record?.status === 'VOIDED' && record.amount === undefined)
        return refuse(
          new InvalidPaymentState(
            `order ${orderId}'s checkout was undone before this authorization ran: the order failed, nothing is authorized`,
          ),
        );
      if (record && !sameRequest(record, request))
        return refuse(
          new InvalidPaymentState(
            `order ${orderId} already has a payment (${record.status}) of another amount, currency or card; a new payment needs a new order`,
          ),
        );
      if (record?.status === 'DECLINED')
        return refuse(
          paymentErrorOf(record.failure ?? { error: 'PaymentDeclined', message: 'Your card was declined.' }),
        );
      if (record && record.status !== 'FAILED') return done(orderId, record);
      return {
        kind: 'call',
        from: [null, 'FAILED'],
        call: () =>
          this.provider.authorize({ idempotencyKey: idempotencyKey(orderId, 'authorize'), amount, currency, token }),
        succeeded: ({ providerRef }) => ({ status: 'AUTHORIZED', set: { amount, currency, token, providerRef } }),
        // A decline is final; any other failure leaves the authorization to be tried again.
        failed: (error) => ({ status: isDecline(error) ? 'DECLINED' : 'FAILED', set: { amount, currency, token } }),
      };
    });
  }

  async capture(input: unknown): Promise<PaymentSummary> {
    const { orderId } = parseOrderRequest(input);
    return this.step(orderId, 'capture', (record) => {
      switch (record?.status) {
        case 'AUTHORIZED':
          return this.callOn(record, 'capture', 'CAPTURED', (key, { providerRef, amount, currency }) =>
            this.provider.capture({ idempotencyKey: key, providerRef, amount, currency }),
          );
        case 'CAPTURED':
        case 'REFUNDED':
          return done(orderId, record);
        default:
          return refuse(
            new InvalidPaymentState(
              `order ${orderId} has no authorized payment to capture (${record?.status ?? 'none'})`,
            ),
          );
      }
    });
  }

  /**
   * Releases an authorization. When nothing is held (the authorize step never ran, or failed), no
   * provider is called, but the payment is closed: an authorization still under way (a step the
   * state machine gave up on while its Lambda ran on) then finds it closed and authorizes nothing.
   */
  async voidAuthorization(input: unknown): Promise<PaymentSummary> {
    const { orderId } = parseOrderRequest(input);
    return this.step(orderId, 'void', (record) => {
      switch (record?.status) {
        case undefined:
        case 'FAILED':
          return {
            kind: 'call',
            from: [null, 'FAILED'],
            call: async () => ({ outcome: 'closed' }),
            succeeded: () => ({ status: 'VOIDED' }),
            failed: () => ({}),
          };
        case 'AUTHORIZED':
          return this.callOn(record, 'void', 'VOIDED', (key, { providerRef }) =>
            this.provider.void({ idempotencyKey: key, providerRef }),
          );
        case 'CAPTURED':
        case 'REFUNDED':
          return refuse(
            new InvalidPaymentState(`the payment for order ${orderId} was captured: refund it instead of voiding`),
          );
        default:
          return done(orderId, record);
      }
    });
  }

  /** Returns a captured payment; a no-op when no money was ever taken. */
  async refund(input: unknown): Promise<PaymentSummary> {
    const { orderId } = parseOrderRequest(input);
    return this.step(orderId, 'refund', (record) => {
      switch (record?.status) {
        case 'CAPTURED':
          return this.callOn(record, 'refund', 'REFUNDED', (key, { providerRef, amount, currency }) =>
            this.provider.refund({ idempotencyKey: key, providerRef, amount, currency }),
          );
        case 'AUTHORIZED':
          return refuse(
            new InvalidPaymentState(`the payment for order ${orderId} was not captured: void it instead of refunding`),
          );
        default:
          return done(orderId, record);
      }
    });
  }

  /** A provider call on an authorization: moves `record.status` to `to`, leaves it as it was on failure. */
  private callOn(
    record: PaymentRecord,
    action: PaymentAction,
    to: PaymentStatus,
    call: (key: string, authorization: PaymentRecord & { providerRef: string }) => Promise<ProviderResult>,
  ): Plan {
    return {
      kind: 'call',
      from: [record.status],
      call: () => call(idempotencyKey(record.orderId, action), record as PaymentRecord & { providerRef: string }),
      succeeded: () => ({ status: to }),
      failed: () => ({}),
    };
  }

  /**
   * Runs one step: plans from the stored payment; to call the provider, claims the payment first
   * (so a concurrent execution cannot call too), then records the outcome. Whoever loses the claim
   * plans again from what the winner wrote: done, refused, or still under way (retry).
   */
  private async step(
    orderId: string,
    action: PaymentAction,
    plan: (record?: PaymentRecord) => Plan,
  ): Promise<PaymentSummary> {
    let next = plan(await this.repository.get(orderId));
    if (next.kind === 'call') {
      const now = this.clock();
      const claim: Claim = { action, at: now.toISOString() };
      const staleBefore = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
      if (await this.repository.claim(orderId, claim, next.from, staleBefore))
        return this.perform(orderId, claim, next);
      next = plan(await this.repository.get(orderId));
      if (next.kind === 'call')
        throw new PaymentInProgress(
          `another ${action} of the payment for order ${orderId} is under way; retry shortly`,
        );
    }
    if (next.kind === 'refuse') throw next.error;
    return next.summary;
  }

  private async perform(orderId: string, claim: Claim, plan: Extract<Plan, { kind: 'call' }>) {
    let result: Awaited<ReturnType<typeof plan.call>>;
    try {
      result = await plan.call();
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      await this.repository.settle(orderId, claim, {
        ...plan.failed(error),
        failure: { error: error.name, message: error.message },
        entry: { at: this.clock().toISOString(), action: claim.action, outcome: error.name },
      });
      throw error;
    }
    const record = await this.repository.settle(orderId, claim, {
      ...plan.succeeded(result),
      failure: null,
      entry: {
        at: this.clock().toISOString(),
        action: claim.action,
        outcome: result.outcome,
        ...(result.providerRef ? { providerRef: result.providerRef } : {}),
      },
    });
    return summaryOf(orderId, record);
  }
}

const sameRequest = (record: PaymentRecord, request: AuthorizeRequest) =>
  record.amount === request.amount && record.currency === request.currency && record.token === request.paymentToken;
