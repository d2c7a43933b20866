/**
 * The checkout saga through the whole local cloud, as a shopper meets it: `placeOrder` on the API,
 * the state machine running the inventory, payments and orders functions, and the order page
 * following the order to its end. What each service wrote is then read from its own tables.
 *
 * Faults are injected into one function at a time (local/lambda/faults.ts) and hit the next
 * matching invocation, so the tests of this file run one after another, and the cloud project runs
 * its files one at a time (vitest.config.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../local/testing/cloud-env';
import {
  executionsOf,
  finalOrder,
  injectFault,
  newKey,
  ok,
  ordersOfUser,
  paymentOf,
  placeOrder,
  productWithStock,
  reservationsOf,
  stockOf,
  type PlacedOrder,
} from '../../../local/testing/shop';
import { signInAdmin, signUpCustomer, type Customer } from '../../../local/testing/users';

let admin: string;
let shopper: Customer;
beforeAll(async () => {
  admin = (await signInAdmin()).idToken;
  shopper = await signUpCustomer();
});

/** Places an order that must be accepted, and follows it to its end. */
const checkout = async (lines: { sku: string; quantity: number }[], paymentToken = 'tok_visa', who = shopper) => {
  const placed = await placeOrder(who.idToken, { lines, paymentToken, idempotencyKey: newKey() });
  expect(placed.errors, JSON.stringify(placed.errors)).toBeUndefined();
  const order = (placed.data as { placeOrder: PlacedOrder }).placeOrder;
  expect(order.status).toBe('PENDING');
  return finalOrder(who.idToken, order.orderId);
};

/** After a failure: nothing held, nothing taken, the stock as it was. */
const expectUndone = async (order: PlacedOrder, sku: string, stockBefore: number) => {
  expect(order.status).toBe('FAILED');
  const reservations = await reservationsOf(order.orderId);
  expect(reservations.filter((r) => r.status === 'HELD')).toEqual([]);
  expect(reservations.filter((r) => r.status === 'COMMITTED')).toEqual([]);
  expect(await stockOf(sku)).toMatchObject({ available: stockBefore, reserved: 0 });
  expect(['CAPTURED'].includes((await paymentOf(order.orderId))?.status ?? 'NONE')).toBe(false);
};

describe('the happy path', () => {
  it('confirms the order, reduces the stock and captures the payment', async () => {
    const mug = await productWithStock(admin, 5, 1200);
    const plate = await productWithStock(admin, 3, 2500);
    const order = await checkout([
      { sku: mug, quantity: 2 },
      { sku: plate, quantity: 1 },
    ]);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: 4900 + 500 + 432 });
    expect(order.statusHistory.map((c) => c.status)).toEqual(['PENDING', 'CONFIRMED']);
    expect(await stockOf(mug)).toMatchObject({ available: 3, reserved: 0 });
    expect(await stockOf(plate)).toMatchObject({ available: 2, reserved: 0 });
    expect(await paymentOf(order.orderId)).toMatchObject({ status: 'CAPTURED', amount: order.total });
    expect((await reservationsOf(order.orderId)).map((r) => r.status)).toEqual(['COMMITTED', 'COMMITTED']);

    const { stockLevels } = (await ok(
      'guest',
      `query ($skus: [String!]!) { stockLevels(skus: $skus) { sku available } }`,
      {
        skus: [mug, plate],
      },
    )) as { stockLevels: { sku: string; available: number }[] };
    expect(stockLevels).toEqual([
      { sku: mug, available: 3 },
      { sku: plate, available: 2 },
    ]);
  });
});

describe('a step failing for good', () => {
  it('reserve: too little stock fails the order with the reason, nothing held or charged', async () => {
    const sku = await productWithStock(admin, 1);
    const order = await checkout([{ sku, quantity: 2 }]);
    expect(order.failureReason).toBe(`out of stock: ${sku}`);
    await expectUndone(order, sku, 1);
    expect(await paymentOf(order.orderId)).toBeUndefined(); // payment was never asked
  });

  it('authorize: a declined card fails the order with the bank’s words, the stock released', async () => {
    const sku = await productWithStock(admin, 4);
    const order = await checkout([{ sku, quantity: 2 }], 'tok_declined');
    expect(order.failureReason).toBe('Your card was declined.');
    await expectUndone(order, sku, 4);
    expect(await paymentOf(order.orderId)).toMatchObject({ status: 'DECLINED' });
  });

  it('authorize: a provider that keeps timing out fails the order after the retries', async () => {
    const sku = await productWithStock(admin, 4);
    const order = await checkout([{ sku, quantity: 1 }], 'tok_timeout');
    expect(order.failureReason).toMatch(/timed out|did not answer/i);
    await expectUndone(order, sku, 4);
  }, 60_000);

  it('capture: the authorization is voided and the stock released', async () => {
    const sku = await productWithStock(admin, 4);
    await injectFault({
      function: 'payments-capture',
      errorType: 'CaptureDeclined',
      errorMessage: 'The bank refused to capture the payment.',
      times: 1,
    });
    const order = await checkout([{ sku, quantity: 3 }]);
    expect(order.failureReason).toBe('The bank refused to capture the payment.');
    await expectUndone(order, sku, 4);
    expect(await paymentOf(order.orderId)).toMatchObject({ status: 'VOIDED' });
  });

  it('commit: the captured payment is refunded and the stock released', async () => {
    const sku = await productWithStock(admin, 4);
    await injectFault({
      function: 'inventory-commit',
      errorType: 'ReservationReleased',
      errorMessage: 'Your reservation expired before the order was complete.',
      times: 1,
    });
    const order = await checkout([{ sku, quantity: 4 }]);
    expect(order.failureReason).toBe('Your reservation expired before the order was complete.');
    await expectUndone(order, sku, 4);
    expect(await paymentOf(order.orderId)).toMatchObject({ status: 'REFUNDED' });
  });
});

describe('transient failures', () => {
  it('are retried by the state machine and the order still confirms', async () => {
    const sku = await productWithStock(admin, 2);
    await injectFault({ function: 'inventory-reserve', errorType: 'InventoryBusy', errorMessage: 'busy', times: 2 });
    const order = await checkout([{ sku, quantity: 1 }], 'tok_transient_2'); // authorize and capture fail twice each
    expect(order.status).toBe('CONFIRMED');
    expect(await paymentOf(order.orderId)).toMatchObject({ status: 'CAPTURED' });
    expect(await stockOf(sku)).toMatchObject({ available: 1, reserved: 0 });
  }, 60_000);
});

describe('idempotency', () => {
  it('gives one order, one execution and one charge for the same placeOrder sent twice', async () => {
    const sku = await productWithStock(admin, 5);
    const request = { lines: [{ sku, quantity: 2 }], idempotencyKey: newKey() };
    const [first, second] = await Promise.all([
      placeOrder(shopper.idToken, request),
      placeOrder(shopper.idToken, request),
    ]);
    const a = (first.data as { placeOrder: PlacedOrder }).placeOrder;
    const b = (second.data as { placeOrder: PlacedOrder }).placeOrder;
    expect(b.orderId).toBe(a.orderId);
    const done = await finalOrder(shopper.idToken, a.orderId);
    const third = (await placeOrder(shopper.idToken, request)).data as { placeOrder: PlacedOrder };
    expect(third.placeOrder).toMatchObject({ orderId: a.orderId, status: 'CONFIRMED' });
    expect(done.status).toBe('CONFIRMED');
    expect(await executionsOf(a.orderId)).toHaveLength(1);
    expect(await stockOf(sku)).toMatchObject({ available: 3, reserved: 0 });
    expect(await paymentOf(a.orderId)).toMatchObject({ status: 'CAPTURED', amount: done.total });
  });
});

describe('40 shoppers racing for the last 10 units', () => {
  it('confirms exactly 10, fails 30 as out of stock, and never sells below zero', async () => {
    const sku = await productWithStock(admin, 10);
    const shoppers: Customer[] = [];
    for (let i = 0; i < 40; i += 10)
      shoppers.push(...(await Promise.all(Array.from({ length: 10 }, () => signUpCustomer()))));

    let lowest = 10;
    let racing = true;
    const watcher = (async () => {
      while (racing) {
        const item = await stockOf(sku);
        lowest = Math.min(lowest, item!.available, item!.reserved < 0 ? -1 : lowest);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const orders = await Promise.all(shoppers.map((s) => checkout([{ sku, quantity: 1 }], 'tok_visa', s)));
    racing = false;
    await watcher;

    const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
    const failed = orders.filter((o) => o.status === 'FAILED');
    expect(confirmed).toHaveLength(10);
    expect(failed).toHaveLength(30);
    expect(new Set(failed.map((o) => o.failureReason))).toEqual(new Set([`out of stock: ${sku}`]));
    expect(await stockOf(sku)).toMatchObject({ available: 0, reserved: 0 });
    expect(lowest).toBeGreaterThanOrEqual(0);
    const payments = await Promise.all(orders.map((o) => paymentOf(o.orderId)));
    const captured = payments.filter((p) => p?.status === 'CAPTURED');
    expect(captured).toHaveLength(10);
    expect(captured.reduce((sum, p) => sum + p!.amount, 0)).toBe(confirmed.reduce((sum, o) => sum + o.total, 0));
  }, 120_000);
});

describe('bad input', () => {
  let sku: string;
  let inactive: string;
  let refusedShopper: Customer;
  beforeAll(async () => {
    sku = await productWithStock(admin, 5);
    inactive = await productWithStock(admin, 5);
    await ok(admin, `mutation ($sku: String!) { adminSetProductActive(sku: $sku, active: false) { sku } }`, {
      sku: inactive,
    });
    refusedShopper = await signUpCustomer();
  });

  /** Sends a raw placeOrder document, so that malformed arguments reach the API as a client sends them. */
  const raw = (
    lines: string,
    address = 'name: "A", line1: "1 St", city: "C", postalCode: "1", country: "US"',
    extra = '',
  ) =>
    graphql(
      refusedShopper.idToken,
      `mutation { placeOrder(lines: ${lines}, shippingAddress: { ${address} }, paymentToken: "tok_visa", idempotencyKey: "${newKey()}"${extra}) { orderId } }`,
    );

  const cases: [string, () => Promise<Awaited<ReturnType<typeof graphql>>>, RegExp][] = [
    [
      'quantity 0',
      () => raw(`[{ sku: "${sku}", quantity: 0 }]`),
      /lines\[0\]\.quantity must be a whole number from 1 to 99/,
    ],
    [
      'quantity -1',
      () => raw(`[{ sku: "${sku}", quantity: -1 }]`),
      /lines\[0\]\.quantity must be a whole number from 1 to 99/,
    ],
    ['quantity 1.5', () => raw(`[{ sku: "${sku}", quantity: 1.5 }]`), /quantity|Int/],
    [
      'quantity 10^9',
      () => raw(`[{ sku: "${sku}", quantity: 1000000000 }]`),
      /lines\[0\]\.quantity must be a whole number from 1 to 99/,
    ],
    ['an unknown SKU', () => raw(`[{ sku: "NO-SUCH-SKU", quantity: 1 }]`), /unknown product NO-SUCH-SKU/],
    ['an inactive SKU', () => raw(`[{ sku: "${inactive}", quantity: 1 }]`), /CO-[0-9A-F]+ is no longer for sale/],
    [
      '51 lines',
      () => raw(`[${Array.from({ length: 51 }, (_, i) => `{ sku: "SKU-${i}", quantity: 1 }`).join(', ')}]`),
      /lines must hold at most 50 lines/,
    ],
    ['an empty cart', () => raw('[]'), /lines must hold at least one line/],
    [
      'a missing address field',
      () => raw(`[{ sku: "${sku}", quantity: 1 }]`, 'name: "A", line1: "1 St", postalCode: "1", country: "US"'),
      /city/,
    ],
    [
      'an empty address field',
      () =>
        raw(`[{ sku: "${sku}", quantity: 1 }]`, 'name: "A", line1: "1 St", city: " ", postalCode: "1", country: "US"'),
      /shippingAddress\.city must not be empty/,
    ],
    ['a client-sent price', () => raw(`[{ sku: "${sku}", quantity: 1, price: 1 }]`), /price/],
    ['a client-sent total', () => raw(`[{ sku: "${sku}", quantity: 1 }]`, undefined, ', total: 1'), /total/],
  ];

  it.each(cases)('refuses %s with an error naming the problem, and writes nothing', async (_, send, message) => {
    const result = await send();
    expect(result.data?.placeOrder ?? null).toBeNull();
    expect(result.errors?.map((e) => e.message).join('\n')).toMatch(message);
    expect(await ordersOfUser(refusedShopper.sub)).toEqual([]);
    expect(await stockOf(sku)).toMatchObject({ available: 5, reserved: 0 });
  });

  it("refuses another user's order id as not found, and tells nothing about it", async () => {
    const order = await checkout([{ sku, quantity: 1 }]);
    const theirs = await graphql(
      refusedShopper.idToken,
      `
        query ($orderId: ID!) {
          order(orderId: $orderId) {
            orderId
            total
          }
        }
      `,
      {
        orderId: order.orderId,
      },
    );
    expect(theirs.data?.order ?? null).toBeNull();
    expect(theirs.errors?.[0]).toMatchObject({
      message: `no order with id ${order.orderId}`,
    });
    const missing = await graphql(
      refusedShopper.idToken,
      `
        query {
          order(orderId: "no-such-order") {
            orderId
          }
        }
      `,
    );
    expect(missing.errors?.[0]).toMatchObject({
      message: 'no order with id no-such-order',
    });
  });

  it('refuses placeOrder to guests, and stock changes to customers', async () => {
    const guest = await placeOrder('guest', { lines: [{ sku, quantity: 1 }], idempotencyKey: newKey() });
    expect(guest.errors?.[0].message).toMatch(/not authorized|Unauthorized/i);
    const customer = await graphql(
      refusedShopper.idToken,
      `
        mutation ($sku: String!) {
          adminSetStock(sku: $sku, available: 999, reason: "mine") {
            sku
          }
        }
      `,
      { sku },
    );
    expect(customer.errors?.[0].message).toMatch(/not authorized|Unauthorized/i);
    expect(await stockOf(sku)).toMatchObject({ available: 4 }); // the one order above, nothing else
  });
});

describe('admin stock changes', () => {
  it('sets and adjusts stock, never below zero, with a clear refusal', async () => {
    const sku = await productWithStock(admin, 3);
    const adjust = (delta: number) =>
      graphql(
        admin,
        `
          mutation ($sku: String!, $delta: Int!) {
            adminAdjustStock(sku: $sku, delta: $delta, reason: "count") {
              sku
              available
              reserved
            }
          }
        `,
        {
          sku,
          delta,
        },
      );
    expect((await adjust(4)).data?.adminAdjustStock).toEqual({ sku, available: 7, reserved: 0 });
    const refused = await adjust(-8);
    expect(refused.errors?.[0].message).toBe(`sku ${sku} has 7 available; removing 8 would take it below zero`);
    expect(await stockOf(sku)).toMatchObject({ available: 7 });
  });
});
