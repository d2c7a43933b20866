/**
 * The admins' reads through the whole local cloud: orders by status from the byStatus index, one
 * order with its customer's email and timeline, and every SKU's stock with the low-stock filter;
 * customers and guests are refused all three by the authorizer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../local/testing/cloud-env';
import { finalOrder, newKey, ok, placeOrder, productWithStock, type PlacedOrder } from '../../../local/testing/shop';
import { signInAdmin, signUpCustomer, type Customer } from '../../../local/testing/users';

const GUEST = 'guest';
let admin: string;
let shopper: Customer;

const ADMIN_ORDERS = `query ($status: OrderStatus!, $limit: Int, $nextToken: String) {
  adminOrders(status: $status, limit: $limit, nextToken: $nextToken) {
    items { customerId customerEmail order { orderId status total createdAt } }
    nextToken
  }
}`;
const ADMIN_ORDER = `query ($orderId: ID!) {
  adminOrder(orderId: $orderId) {
    customerId customerEmail
    order { orderId status total currency lines { sku quantity } shippingAddress { name country } statusHistory { status at reason } }
  }
}`;
const ADMIN_STOCK = `query ($lowStock: Boolean, $limit: Int, $nextToken: String) {
  adminStock(lowStock: $lowStock, limit: $limit, nextToken: $nextToken) {
    items { sku available reserved updatedAt }
    nextToken
    lowStockThreshold
  }
}`;

interface Listed {
  customerId: string;
  customerEmail: string | null;
  order: { orderId: string; status: string; total: number; createdAt: string };
}
interface Page<T> {
  items: T[];
  nextToken: string | null;
}
interface Stocked {
  sku: string;
  available: number;
  reserved: number;
}

/** Every page of a list, following nextToken. */
const allPages = async <T>(read: (nextToken: string | null) => Promise<Page<T>>) => {
  const items: T[] = [];
  let nextToken: string | null = null;
  do {
    const page = await read(nextToken);
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
};

const listOrders = (status: string, limit: number) =>
  allPages(
    async (nextToken) =>
      ((await ok(admin, ADMIN_ORDERS, { status, limit, nextToken })) as { adminOrders: Page<Listed> }).adminOrders,
  );

const stockPage = async (variables: Record<string, unknown>) =>
  ((await ok(admin, ADMIN_STOCK, variables)) as { adminStock: Page<Stocked> & { lowStockThreshold: number } })
    .adminStock;

let confirmed: PlacedOrder[];
let lowSku: string;
let plentySku: string;

beforeAll(async () => {
  admin = (await signInAdmin()).idToken;
  shopper = await signUpCustomer();
  plentySku = await productWithStock(admin, 50);
  lowSku = await productWithStock(admin, 4);
  confirmed = [];
  for (let i = 0; i < 3; i++) {
    const placed = await placeOrder(shopper.idToken, {
      lines: [{ sku: plentySku, quantity: i + 1 }],
      idempotencyKey: newKey(),
    });
    const { orderId } = (placed.data as { placeOrder: PlacedOrder }).placeOrder;
    confirmed.push(await finalOrder(shopper.idToken, orderId));
  }
  expect(confirmed.map((o) => o.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
}, 120_000);

describe('adminOrders', () => {
  it("lists the store's confirmed orders newest first, across pages, with whose they are", async () => {
    const listed = await listOrders('CONFIRMED', 2);
    const ours = listed.filter((l) => confirmed.some((c) => c.orderId === l.order.orderId));
    // Orders may ship while the test runs (the demo warehouse is quick): those leave the list.
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.map((l) => l.order.orderId)).toEqual(
      [...confirmed]
        .reverse()
        .map((c) => c.orderId)
        .filter((id) => ours.some((l) => l.order.orderId === id)),
    );
    for (const l of ours) expect(l).toMatchObject({ customerId: shopper.sub, customerEmail: shopper.email });
    const times = listed.map((l) => l.order.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(listed.map((l) => l.order.orderId)).size).toBe(listed.length);
  });

  it('lists only the status asked for', async () => {
    const failed = await listOrders('FAILED', 50);
    expect(failed.every((l) => l.order.status === 'FAILED')).toBe(true);
    expect(failed.some((l) => confirmed.some((c) => c.orderId === l.order.orderId))).toBe(false);
  });

  it('says what is wrong with a bad request', async () => {
    const badStatus = await graphql(admin, ADMIN_ORDERS, { status: 'LOST' });
    expect(badStatus.errors?.[0].message).toMatch(/LOST/);
    const badLimit = await graphql(admin, ADMIN_ORDERS, { status: 'CONFIRMED', limit: 500 });
    expect(badLimit.errors?.[0].message).toMatch(/limit must be at most 100/);
    const badToken = await graphql(admin, ADMIN_ORDERS, { status: 'CONFIRMED', nextToken: 'made-up' });
    expect(badToken.errors?.[0].message).toMatch(/nextToken is not one this API gave/);
  });
});

describe('adminOrder', () => {
  it("answers any customer's order with their email, lines, address and timeline", async () => {
    const [first] = confirmed;
    const { adminOrder } = (await ok(admin, ADMIN_ORDER, { orderId: first.orderId })) as {
      adminOrder: { customerEmail: string; order: { statusHistory: { status: string }[] } };
    };
    expect(adminOrder.customerEmail).toBe(shopper.email);
    expect(adminOrder.order).toMatchObject({
      orderId: first.orderId,
      total: first.total,
      lines: [{ sku: plentySku, quantity: 1 }],
      shippingAddress: { country: 'US' },
    });
    expect(adminOrder.order.statusHistory.map((c) => c.status).slice(0, 2)).toEqual(['PENDING', 'CONFIRMED']);
  });

  it('says which order does not exist', async () => {
    const result = await graphql(admin, ADMIN_ORDER, { orderId: 'no-such-order' });
    expect(result.errors?.[0].message).toMatch(/no order with id no-such-order/);
  });
});

describe('adminStock', () => {
  it("lists every SKU's available and reserved units, across pages", async () => {
    const items = await allPages((nextToken) => stockPage({ limit: 20, nextToken }));
    expect(items.find((i) => i.sku === plentySku)).toEqual({
      sku: plentySku,
      available: 50 - 6,
      reserved: 0,
      updatedAt: expect.any(String),
    });
    expect(items.find((i) => i.sku === lowSku)).toMatchObject({ available: 4, reserved: 0 });
    expect(new Set(items.map((i) => i.sku)).size).toBe(items.length);
  });

  it('with lowStock, lists only SKUs below the StockLow threshold of 5', async () => {
    const first = await stockPage({ lowStock: true, limit: 100 });
    expect(first.lowStockThreshold).toBe(5);
    const low = await allPages((nextToken) => stockPage({ lowStock: true, limit: 10, nextToken }));
    expect(low.some((i) => i.sku === lowSku)).toBe(true);
    expect(low.some((i) => i.sku === plentySku)).toBe(false);
    expect(low.every((i) => i.available < 5)).toBe(true);
  });
});

describe('the admin reads', () => {
  it('are refused to customers and guests', async () => {
    const reads: [string, Record<string, unknown>][] = [
      [ADMIN_ORDERS, { status: 'CONFIRMED' }],
      [ADMIN_ORDER, { orderId: 'anything' }],
      [ADMIN_STOCK, {}],
    ];
    for (const token of [shopper.idToken, GUEST]) {
      for (const [query, variables] of reads) {
        const result = await graphql(token, query, variables);
        expect(result.data ?? null).toBeNull();
        expect(result.errors?.[0].message).toMatch(/Not Authorized/i);
      }
    }
  });

  it('are refused to a customer even for their own order', async () => {
    const result = await graphql(shopper.idToken, ADMIN_ORDER, { orderId: confirmed[0].orderId });
    expect(result.errors?.[0].message).toMatch(/Not Authorized/i);
  });
});
