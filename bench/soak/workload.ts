/**
 * The soak's traffic: simulated shoppers who browse and search most, quote carts, check out with
 * the test cards and follow their orders to a final status, cancel some, and sign up; an admin who
 * changes stock. Every choice comes from a seeded generator, so a run can be repeated.
 */
import { performance } from 'node:perf_hooks';
import { graphql } from '../../local/testing/cloud-env';
import { ADDRESS, newKey, type PlacedOrder } from '../../local/testing/shop';
import { signUpCustomer, type Customer } from '../../local/testing/users';
import type { Rng } from './rng';
import type { Sample } from './stats';

/** The test cards (docs/payments.md) and how often shoppers use each. */
export const CARDS = {
  tok_visa: 70,
  tok_mastercard: 10,
  tok_declined: 6,
  tok_insufficient_funds: 4,
  tok_transient_1: 6,
  tok_timeout: 0, // set by --fault payment-timeout
} as const;
export type Card = keyof typeof CARDS;

/** What a shopper does next, in proportion. */
export const MIX = {
  browse: 30,
  search: 20,
  product: 10,
  quote: 12,
  checkout: 15,
  history: 5,
  cancel: 4,
  signup: 1,
  adminStock: 3,
} as const;
export type Action = keyof typeof MIX;

const SEARCH_WORDS = ['mug', 'soak', 'kitchen', 'lamp', 'chair', 'blue', 'tea', 'pan', 'zz-no-match'];

export interface SoakProduct {
  sku: string;
  price: number;
}

export interface Shopper extends Customer {
  rng: Rng;
  /** Orders this shopper has seen CONFIRMED (cancel candidates). */
  confirmed: string[];
}

export interface PlacedRecord {
  orderId: string;
  userId: string;
  card: Card;
  /** ms from placeOrder to the final status the shopper saw; undefined when it was not followed to the end. */
  toFinalMs?: number;
  status?: string;
}

export interface WorkloadState {
  startedAt: number;
  samples: Sample[];
  placed: PlacedRecord[];
  products: SoakProduct[];
  /** The lowest stock any shopper saw, per SKU. */
  lowestSeen: Map<string, number>;
  cards: Record<Card, number>;
  mix: Record<Action, number>;
  stopping: boolean;
  adminToken: () => string;
  /** The shoppers in the run, those who signed up during it included. */
  shoppers: Shopper[];
  /** How many shoppers the run may grow to through sign-ups. */
  maxShoppers: number;
}

/** What kind of failure an answer was, for "errors by kind". */
export const errorKind = (result: {
  status: number;
  errors?: { message: string; errorType?: string }[];
}): string | undefined => {
  if (result.status >= 400 && !result.errors?.length) return `HTTP ${result.status}`;
  const first = result.errors?.[0];
  if (!first) return undefined;
  return first.errorType ?? first.message.replace(/[0-9a-f-]{8,}/gi, '…').slice(0, 60);
};

/** Runs `work`, recording its latency and outcome as `op`. */
export const timed = async <T>(
  state: WorkloadState,
  op: string,
  work: () => Promise<{ result: T; error?: string }>,
): Promise<T | undefined> => {
  const begun = performance.now();
  const at = begun - state.startedAt;
  try {
    const { result, error } = await work();
    state.samples.push({ op, at, ms: performance.now() - begun, ...(error ? { error: `${op}: ${error}` } : {}) });
    return error ? undefined : result;
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    state.samples.push({ op, at, ms: performance.now() - begun, error: `${op}: ${err.cause?.code ?? err.name}` });
    return undefined;
  }
};

const gql = async (token: string, query: string, variables?: Record<string, unknown>) => {
  const result = await graphql(token, query, variables);
  return { result: result.data ?? undefined, error: errorKind(result) };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A cart of 1-3 of the soak's products, 1-3 of each. */
const cartOf = (rng: Rng, products: readonly SoakProduct[]) => {
  const skus = new Set<string>();
  const count = rng.int(1, Math.min(3, products.length));
  while (skus.size < count) skus.add(rng.pick(products).sku);
  return [...skus].map((sku) => ({ sku, quantity: rng.int(1, 3) }));
};

/** How long a shopper follows an order before leaving it (the invariants judge it later anyway). */
const followMs = 60_000;

/** Places an order and follows it (every 150 ms) to a final status, as the order page would. */
export const checkout = async (
  state: WorkloadState,
  shopper: Shopper,
  card?: Card,
): Promise<PlacedRecord | undefined> => {
  const lines = cartOf(shopper.rng, state.products);
  const chosen = card ?? shopper.rng.weighted(state.cards);
  const started = performance.now();
  const placed = await timed(state, 'placeOrder', () =>
    gql(
      shopper.idToken,
      `mutation ($lines: [CartLineInput!]!, $shippingAddress: ShippingAddressInput!, $paymentToken: String!, $idempotencyKey: String!) {
        placeOrder(lines: $lines, shippingAddress: $shippingAddress, paymentToken: $paymentToken, idempotencyKey: $idempotencyKey) { orderId status }
      }`,
      { lines, shippingAddress: ADDRESS, paymentToken: chosen, idempotencyKey: newKey() },
    ),
  );
  const orderId = (placed as { placeOrder?: PlacedOrder } | undefined)?.placeOrder?.orderId;
  if (!orderId) return undefined;
  const record: PlacedRecord = { orderId, userId: shopper.sub, card: chosen };
  state.placed.push(record);
  const deadline = Date.now() + followMs;
  while (Date.now() < deadline) {
    const seen = await timed(state, 'order', () =>
      gql(shopper.idToken, `query ($orderId: ID!) { order(orderId: $orderId) { orderId status } }`, { orderId }),
    );
    const status = (seen as { order?: PlacedOrder } | undefined)?.order?.status;
    if (status && status !== 'PENDING') {
      record.status = status;
      record.toFinalMs = performance.now() - started;
      state.samples.push({
        op: 'checkout to final status',
        at: started - state.startedAt,
        ms: record.toFinalMs,
      });
      if (status === 'CONFIRMED') shopper.confirmed.push(orderId);
      return record;
    }
    await sleep(150);
  }
  return record;
};

/** One step of a shopper's session. */
export const act = async (state: WorkloadState, shopper: Shopper, action: Action): Promise<void> => {
  const { rng } = shopper;
  const token = shopper.idToken;
  switch (action) {
    case 'browse':
      await timed(state, 'browse', () =>
        gql(token, `query ($limit: Int) { productCards(limit: $limit) { total items { sku name price } } }`, {
          limit: rng.pick([12, 24]),
        }),
      );
      return;
    case 'search':
      await timed(state, 'search', () =>
        gql(token, `query ($text: String) { productCards(text: $text, limit: 12) { total items { sku name } } }`, {
          text: rng.pick(SEARCH_WORDS),
        }),
      );
      return;
    case 'product': {
      const skus = state.products.map((p) => p.sku);
      const levels = await timed(state, 'stockLevels', () =>
        gql(token, `query ($skus: [String!]!) { stockLevels(skus: $skus) { sku available } }`, { skus }),
      );
      for (const { sku, available } of (levels as { stockLevels?: { sku: string; available: number }[] } | undefined)
        ?.stockLevels ?? [])
        state.lowestSeen.set(sku, Math.min(state.lowestSeen.get(sku) ?? available, available));
      return;
    }
    case 'quote':
      await timed(state, 'quote', () =>
        gql(token, `query ($lines: [CartLineInput!]!) { quote(lines: $lines, country: "US") { total } }`, {
          lines: cartOf(rng, state.products),
        }),
      );
      return;
    case 'checkout':
      await checkout(state, shopper);
      return;
    case 'history':
      await timed(state, 'myOrders', () =>
        gql(token, `query { myOrders(limit: 10) { items { orderId status total } } }`),
      );
      return;
    case 'cancel': {
      const orderId = shopper.confirmed.shift();
      if (!orderId) return;
      // SHIPPED is a fair refusal (the shipment left first): counted, but not as an error.
      await timed(state, 'cancelOrder', async () => {
        const r = await graphql(
          token,
          `
            mutation ($orderId: ID!) {
              cancelOrder(orderId: $orderId) {
                orderId
                status
              }
            }
          `,
          {
            orderId,
          },
        );
        const shipped = r.errors?.some((e) => /shipped/i.test(e.message));
        return { result: r.data, error: shipped ? undefined : errorKind(r) };
      });
      return;
    }
    case 'signup': {
      const joined = await timed(state, 'signUp', async () => ({ result: await signUpCustomer() }));
      // New shoppers join the run up to twice its starting size: sign-ups that each start a session
      // would compound (every shopper signs up another every ~35 s) until the machine is the limit.
      if (joined && state.shoppers.length < state.maxShoppers)
        state.shoppers.push({ ...joined, rng: rng.fork(joined.sub), confirmed: [] });
      return;
    }
    case 'adminStock': {
      const { sku } = rng.pick(state.products);
      const delta = rng.pick([5, 10, 20, -2, -3]);
      await timed(state, 'adminAdjustStock', async () => {
        const r = await graphql(
          state.adminToken(),
          `
            mutation ($sku: String!, $delta: Int!) {
              adminAdjustStock(sku: $sku, delta: $delta, reason: "soak admin") {
                sku
                available
              }
            }
          `,
          { sku, delta },
        );
        // Taking away more than is left is refused, as it should be: not an error of the system.
        const short = r.errors?.some((e) => /below zero|not enough|only \d+|negative/i.test(e.message));
        return { result: r.data, error: short ? undefined : errorKind(r) };
      });
      return;
    }
  }
};

/** A shopper's session until the run stops: act, think 100-600 ms, act again. */
export const session = async (state: WorkloadState, shopper: Shopper) => {
  while (!state.stopping) {
    await act(state, shopper, shopper.rng.weighted(state.mix));
    await sleep(shopper.rng.int(100, 600));
  }
};
