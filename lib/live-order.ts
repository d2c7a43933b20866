/**
 * An order's status changes as they are committed, through AppSync's realtime subscription
 * `onOrderUpdated` (aws-amplify's client over `wss://`, Lambda-authorizer token as for every call).
 * Client-only: uses the Amplify configuration lib/auth.ts ensures before it hands out a token.
 */
import { generateClient } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { ensureAmplifyConfigured } from './amplify-client';
import { REFUND, STATUS_CHANGE } from './graphql';
import type { Order } from './types';

export const ON_ORDER_UPDATED = /* GraphQL */ `
  subscription OnOrderUpdated($orderId: ID!) {
    onOrderUpdated(orderId: $orderId) {
      orderId
      status
      statusHistory { ${STATUS_CHANGE} }
      failureReason
      refund { ${REFUND} }
      updatedAt
      version
    }
  }
`;

/** What the subscription delivers: what the order page redraws. */
export type OrderUpdate = Pick<
  Order,
  'orderId' | 'status' | 'statusHistory' | 'failureReason' | 'refund' | 'updatedAt'
> & {
  version: number;
};

export interface LiveOrderHandlers {
  onUpdate(update: OrderUpdate): void;
  /** AppSync acknowledged the subscription: from now on, changes arrive by themselves. */
  onLive(): void;
  /** The socket could not be opened, no acknowledgement came in time, or the subscription ended in error. */
  onUnavailable(reason: string): void;
}

/** How long to wait for the acknowledgement before falling back (Amplify itself waits 15 s). */
export const LIVE_ACK_TIMEOUT_MS = 5000;

/** What aws-amplify announces on the `api` Hub channel when AppSync acknowledges a subscription. */
const SUBSCRIPTION_ACK = 'Subscription ack';

type UntypedSubscribe = (
  this: unknown,
  options: { query: string; variables: Record<string, unknown>; authMode: 'lambda'; authToken: string },
) => {
  subscribe(observer: {
    next(value: { data?: { onOrderUpdated?: OrderUpdate | null } }): void;
    error(error: unknown): void;
  }): { unsubscribe(): void };
};

const createClient = () => generateClient();
let client: ReturnType<typeof createClient> | undefined;

/** Applies an update to the order it is about, unless the order already shows a later state. */
export function applyUpdate(order: Order, update: OrderUpdate): Order {
  if (update.orderId !== order.orderId || update.updatedAt < order.updatedAt) return order;
  const { status, statusHistory, failureReason, refund, updatedAt } = update;
  return { ...order, status, statusHistory, failureReason, refund: refund ?? order.refund, updatedAt };
}

/**
 * Subscribes to one order's updates. Calls `onLive` once the subscription is acknowledged, or
 * `onUnavailable` once (and stops) if that does not happen within `ackTimeoutMs` or the
 * subscription fails later. Returns `stop`.
 */
export function followOrder(
  orderId: string,
  authToken: string,
  handlers: LiveOrderHandlers,
  { ackTimeoutMs = LIVE_ACK_TIMEOUT_MS }: { ackTimeoutMs?: number } = {},
): () => void {
  ensureAmplifyConfigured();
  client ??= createClient();
  let acknowledged = false;
  let stopped = false;
  const stopListening = Hub.listen('api', ({ payload }) => {
    const variables = (payload.data as { variables?: { orderId?: unknown } } | undefined)?.variables;
    if (payload.event !== SUBSCRIPTION_ACK || variables?.orderId !== orderId || acknowledged || stopped) return;
    acknowledged = true;
    clearTimeout(timer);
    handlers.onLive();
  });
  const subscribe = client.graphql as unknown as UntypedSubscribe;
  const subscription = subscribe
    .call(client, { query: ON_ORDER_UPDATED, variables: { orderId }, authMode: 'lambda', authToken })
    .subscribe({
      next: ({ data }) => {
        if (!stopped && data?.onOrderUpdated) handlers.onUpdate(data.onOrderUpdated);
      },
      error: (error) => fail(`the subscription failed: ${describe(error)}`),
    });
  const timer = setTimeout(() => {
    if (!acknowledged) fail(`no acknowledgement within ${ackTimeoutMs} ms`);
  }, ackTimeoutMs);

  function stop() {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    stopListening();
    subscription.unsubscribe();
  }
  function fail(reason: string) {
    if (stopped) return;
    stop();
    handlers.onUnavailable(reason);
  }
  return stop;
}

const describe = (error: unknown) => {
  const errors = (error as { errors?: { message?: string }[] } | undefined)?.errors;
  return errors?.map((e) => e.message).join('; ') || (error as Error)?.message || String(error);
};
