import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, UserInputError } from '../shared/errors';
import { InvalidTransitionError, type Order, type OrderStatus, type PricedProduct, type StatusChange } from './order';
import {
  Orders,
  quoteCart,
  type CatalogPort,
  type CheckoutPort,
  type CreateResult,
  type IdempotencyRecord,
  type OrdersRepository,
} from './orders';

const ALICE = 'user-alice';
const BOB = 'user-bob';

class FakeCatalog implements CatalogPort {
  products = new Map<string, PricedProduct>();
  reads = 0;
  add(sku: string, price: number, extra: Partial<PricedProduct> = {}) {
    this.products.set(sku, { sku, name: `Product ${sku}`, price, currency: 'USD', active: true, ...extra });
  }
  async productsBySku(skus: string[]) {
    this.reads++;
    return skus.flatMap((s) => (this.products.has(s) ? [this.products.get(s)!] : []));
  }
}

/** Keeps the same invariants as the DynamoDB adapter: the key and the order are written together. */
class FakeRepository implements OrdersRepository {
  orders = new Map<string, Order>();
  records = new Map<string, IdempotencyRecord>();
  writes = 0;
  async idempotencyRecord(key: string) {
    return this.records.get(key);
  }
  async create(order: Order, record: IdempotencyRecord): Promise<CreateResult> {
    const existing = this.records.get(record.key);
    if (existing) return { created: false, existing };
    this.writes++;
    this.records.set(record.key, structuredClone(record));
    this.orders.set(order.orderId, structuredClone(order));
    return { created: true };
  }
  async get(orderId: string) {
    const order = this.orders.get(orderId);
    return order && structuredClone(order);
  }
  async transition(orderId: string, from: OrderStatus, change: StatusChange) {
    const order = this.orders.get(orderId);
    if (!order || order.status !== from) return undefined;
    this.writes++;
    Object.assign(order, {
      status: change.status,
      updatedAt: change.at,
      statusHistory: [...order.statusHistory, change],
      version: order.version + 1,
    });
    return structuredClone(order);
  }
}

/** Records every start, as Step Functions would see them: one execution per order id. */
class FakeCheckout implements CheckoutPort {
  starts: string[] = [];
  failNext = false;
  async start(order: Order) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('Step Functions is unreachable');
    }
    this.starts.push(order.orderId);
  }
  get executions() {
    return new Set(this.starts).size;
  }
}

let catalog: FakeCatalog;
let checkout: FakeCheckout;
let repository: FakeRepository;
let orders: Orders;
let ids: number;

beforeEach(() => {
  catalog = new FakeCatalog();
  catalog.add('MUG-1', 1200);
  catalog.add('PLATE-2', 2500);
  catalog.add('BOWL-3', 1899);
  catalog.add('OLD-4', 900, { active: false });
  catalog.add('EUR-5', 1000, { currency: 'EUR' });
  catalog.add('BIG-6', 100_000_000);
  repository = new FakeRepository();
  ids = 0;
  checkout = new FakeCheckout();
  orders = new Orders(
    catalog,
    repository,
    checkout,
    () => '2025-01-02T03:04:05.000Z',
    () => `order-${++ids}`,
  );
});

const address = {
  name: 'Alice Example',
  line1: '1 Main St',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

const request = (overrides: Record<string, unknown> = {}) => ({
  lines: [{ sku: 'MUG-1', quantity: 2 }],
  shippingAddress: address,
  paymentToken: 'tok_test_visa',
  idempotencyKey: 'key-0001',
  ...overrides,
});

/** A refused request: the message, exactly, and nothing written. */
const refused = async (args: unknown, message: string, userId = ALICE) => {
  const error = await orders.placeOrder(userId, args).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserInputError);
  expect((error as Error).message).toBe(message);
  expect(repository.writes).toBe(0);
  expect(repository.orders.size).toBe(0);
  expect(repository.records.size).toBe(0);
};

describe('placeOrder refuses, naming the problem, and writes nothing', () => {
  it.each([
    [{ lines: [] }, 'lines must hold at least one line'],
    [
      { lines: Array.from({ length: 51 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 })) },
      'lines must hold at most 50 lines',
    ],
    [{ lines: [{ sku: 'MUG-1', quantity: 0 }] }, 'lines[0].quantity must be a whole number from 1 to 99'],
    [{ lines: [{ sku: 'MUG-1', quantity: -1 }] }, 'lines[0].quantity must be a whole number from 1 to 99'],
    [{ lines: [{ sku: 'MUG-1', quantity: 1.5 }] }, 'lines[0].quantity must be a whole number from 1 to 99'],
    [{ lines: [{ sku: 'MUG-1', quantity: 100 }] }, 'lines[0].quantity must be a whole number from 1 to 99'],
    [{ lines: [{ sku: 'MUG-1', quantity: 10 ** 9 }] }, 'lines[0].quantity must be a whole number from 1 to 99'],
    [{ lines: [{ sku: 'MUG-1', quantity: '2' }] }, 'lines[0].quantity must be a number'],
    [{ lines: [{ sku: 'MUG-1' }] }, 'lines[0].quantity is required'],
    [{ lines: [{ sku: 'mug 1', quantity: 1 }] }, 'lines[0].sku must be 2 to 40 upper-case letters, digits or dashes'],
    [
      {
        lines: [
          { sku: 'MUG-1', quantity: 1 },
          { sku: 'PLATE-2', quantity: 1 },
          { sku: 'MUG-1', quantity: 3 },
        ],
      },
      'lines hold MUG-1 more than once; put its whole quantity on one line',
    ],
    [{ paymentToken: '' }, 'paymentToken must not be empty'],
    [{ paymentToken: '   ' }, 'paymentToken must not be empty'],
    [{ paymentToken: undefined }, 'paymentToken is required'],
    [{ idempotencyKey: 'short' }, 'idempotencyKey must be 8 to 64 letters, digits, underscores or dashes'],
    [{ idempotencyKey: 'x'.repeat(65) }, 'idempotencyKey must be 8 to 64 letters, digits, underscores or dashes'],
    [{ idempotencyKey: 'has space 123' }, 'idempotencyKey must be 8 to 64 letters, digits, underscores or dashes'],
    [{ idempotencyKey: null }, 'idempotencyKey is required'],
    [{ shippingAddress: undefined }, 'shippingAddress is required'],
    [{ shippingAddress: { ...address, name: ' ' } }, 'shippingAddress.name must not be empty'],
    [{ shippingAddress: { ...address, line1: undefined } }, 'shippingAddress.line1 is required'],
    [{ shippingAddress: { ...address, city: 'x'.repeat(101) } }, 'shippingAddress.city must be at most 100 characters'],
    [
      { shippingAddress: { ...address, line2: 'x'.repeat(101) } },
      'shippingAddress.line2 must be at most 100 characters',
    ],
    [
      { shippingAddress: { ...address, postalCode: '' } },
      'shippingAddress.postalCode must be 1 to 16 letters, digits, spaces or dashes',
    ],
    [
      { shippingAddress: { ...address, country: 'USA' } },
      'shippingAddress.country must be an ISO 3166-1 alpha-2 country code such as US or DE',
    ],
    [
      { shippingAddress: { ...address, country: 'EU' } },
      'shippingAddress.country must be an ISO 3166-1 alpha-2 country code such as US or DE',
    ],
    [{ shippingAddress: { ...address, phone: '555' } }, 'shippingAddress has unknown field phone'],
    [
      { shippingAddress: { ...address, city: 'Spring\u0000field' } },
      'shippingAddress.city must not contain control characters, unpaired surrogates or bidirectional overrides',
    ],
    [
      { shippingAddress: { ...address, name: 'Ada \ud800 Shopper' } },
      'shippingAddress.name must not contain control characters, unpaired surrogates or bidirectional overrides',
    ],
    [
      { shippingAddress: { ...address, line2: '1 Test \u202Eteerts' } },
      'shippingAddress.line2 must not contain control characters, unpaired surrogates or bidirectional overrides',
    ],
  ])('%j → %s', async (overrides, message) => {
    await refused(request(overrides), message);
  });

  it('names every problem at once', async () => {
    await refused(
      request({ lines: [{ sku: 'MUG-1', quantity: 0 }], paymentToken: '' }),
      'lines[0].quantity must be a whole number from 1 to 99; paymentToken must not be empty',
    );
  });

  it('refuses a price or total sent by the client, never reading it', async () => {
    await refused(
      request({ lines: [{ sku: 'MUG-1', quantity: 1, price: 1 }] }),
      'lines[0] has unknown field price: prices and totals come from the catalog',
    );
    await refused(request({ total: 1 }), 'the order has unknown field total: prices and totals come from the catalog');
    await refused(
      request({ subtotal: 0, tax: 0 }),
      'the order has unknown fields subtotal, tax: prices and totals come from the catalog',
    );
    expect(catalog.reads).toBe(0);
  });

  it('refuses a SKU the catalog does not know', async () => {
    await refused(request({ lines: [{ sku: 'SKU-X', quantity: 1 }] }), 'unknown product SKU-X');
  });

  it('refuses a product no longer for sale', async () => {
    await refused(request({ lines: [{ sku: 'OLD-4', quantity: 1 }] }), 'OLD-4 is no longer for sale');
  });

  it('names every unknown or inactive SKU', async () => {
    await refused(
      request({
        lines: [
          { sku: 'MUG-1', quantity: 1 },
          { sku: 'SKU-X', quantity: 1 },
          { sku: 'OLD-4', quantity: 1 },
        ],
      }),
      'unknown product SKU-X; OLD-4 is no longer for sale',
    );
  });

  it('refuses products priced in different currencies', async () => {
    await refused(
      request({
        lines: [
          { sku: 'MUG-1', quantity: 1 },
          { sku: 'EUR-5', quantity: 1 },
        ],
      }),
      'all products of an order must share one currency; this one mixes USD and EUR',
    );
  });
});

describe('placeOrder', () => {
  it('creates a PENDING order priced from the catalog', async () => {
    const order = await orders.placeOrder(
      ALICE,
      request({
        shippingAddress: { ...address, line2: null, region: '', country: ' us ', name: '  Alice Example ' },
      }),
    );
    expect(order).toEqual({
      orderId: 'order-1',
      userId: ALICE,
      status: 'PENDING',
      lines: [{ sku: 'MUG-1', name: 'Product MUG-1', unitPrice: 1200, quantity: 2, lineTotal: 2400 }],
      currency: 'USD',
      subtotal: 2400,
      shipping: 500,
      tax: 232,
      total: 3132,
      shippingAddress: {
        name: 'Alice Example',
        line1: '1 Main St',
        city: 'Springfield',
        postalCode: '12345',
        country: 'US',
      },
      idempotencyKey: 'key-0001',
      statusHistory: [{ status: 'PENDING', at: '2025-01-02T03:04:05.000Z' }],
      createdAt: '2025-01-02T03:04:05.000Z',
      updatedAt: '2025-01-02T03:04:05.000Z',
      version: 1,
    });
    expect(order).not.toHaveProperty('paymentToken');
    expect(repository.orders.get('order-1')!.paymentToken).toBe('tok_test_visa');
    expect(repository.records.get(`${ALICE}#key-0001`)).toMatchObject({ orderId: 'order-1' });
  });
});

describe('pricing (the examples of docs/pricing.md)', () => {
  const priced = async (lines: { sku: string; quantity: number }[], country = 'US') => {
    const { subtotal, shipping, tax, total } = await orders.placeOrder(
      ALICE,
      request({ lines, shippingAddress: { ...address, country }, idempotencyKey: `key-${++ids}-pricing` }),
    );
    return { subtotal, shipping, tax, total };
  };

  it('charges shipping below 5000 and none from 5000 on', async () => {
    catalog.add('P-4999', 4999);
    catalog.add('P-5000', 5000);
    expect(await priced([{ sku: 'P-4999', quantity: 1 }])).toEqual({
      subtotal: 4999,
      shipping: 500,
      tax: 440, // 5499 × 8 % = 439.92
      total: 5939,
    });
    expect(await priced([{ sku: 'P-5000', quantity: 1 }])).toEqual({
      subtotal: 5000,
      shipping: 0,
      tax: 400,
      total: 5400,
    });
  });

  it('rounds the tax half up, once per order', async () => {
    catalog.add('P-1', 1);
    // 1 + 500 = 501; × 10 % (the default, IT is not in the table) = 50.1 → 50.
    expect(await priced([{ sku: 'P-1', quantity: 1 }], 'IT')).toEqual({
      subtotal: 1,
      shipping: 500,
      tax: 50,
      total: 551,
    });
    // 3 × 2 + 500 = 506; × 19 % = 96.14 → 96.
    catalog.add('P-2', 2);
    expect(await priced([{ sku: 'P-2', quantity: 3 }], 'DE')).toEqual({
      subtotal: 6,
      shipping: 500,
      tax: 96,
      total: 602,
    });
    // 10 + 500 = 510; × 5 % = 25.5 → 26 (half up).
    catalog.add('P-10', 10);
    expect(await priced([{ sku: 'P-10', quantity: 1 }], 'CA')).toEqual({
      subtotal: 10,
      shipping: 500,
      tax: 26,
      total: 536,
    });
  });

  it('prices a multi-line order', async () => {
    expect(
      await priced(
        [
          { sku: 'MUG-1', quantity: 2 },
          { sku: 'PLATE-2', quantity: 1 },
          { sku: 'BOWL-3', quantity: 3 },
        ],
        'GB',
      ),
    ).toEqual({ subtotal: 10597, shipping: 0, tax: 2119, total: 12716 }); // 10597 × 20 % = 2119.4
  });

  it('stays exact for the largest order', async () => {
    const lines = [{ sku: 'BIG-6', quantity: 99 }];
    expect(await priced(lines, 'NL')).toEqual({
      subtotal: 9_900_000_000,
      shipping: 0,
      tax: 2_079_000_000,
      total: 11_979_000_000,
    });
  });
});

describe('idempotency', () => {
  it('answers the same order for the same key and body, writing once', async () => {
    const first = await orders.placeOrder(ALICE, request());
    // The same cart, lines in another order, fields trimmed: the same request.
    const again = await orders.placeOrder(ALICE, request({ paymentToken: ' tok_test_visa ' }));
    expect(again).toEqual(first);
    expect(repository.writes).toBe(1);
    expect(repository.orders.size).toBe(1);
  });

  it('treats the lines in any order as the same request', async () => {
    const lines = [
      { sku: 'MUG-1', quantity: 1 },
      { sku: 'PLATE-2', quantity: 2 },
    ];
    const first = await orders.placeOrder(ALICE, request({ lines }));
    const again = await orders.placeOrder(ALICE, request({ lines: [...lines].reverse() }));
    expect(again.orderId).toBe(first.orderId);
    expect(repository.writes).toBe(1);
  });

  it('answers a retry even after the catalog changed', async () => {
    const first = await orders.placeOrder(ALICE, request());
    catalog.add('MUG-1', 9999, { active: false });
    expect(await orders.placeOrder(ALICE, request())).toEqual(first);
  });

  it('refuses the same key with a different body, writing nothing more', async () => {
    await orders.placeOrder(ALICE, request());
    for (const different of [
      request({ lines: [{ sku: 'MUG-1', quantity: 3 }] }),
      request({ shippingAddress: { ...address, city: 'Shelbyville' } }),
      request({ paymentToken: 'tok_test_other' }),
    ]) {
      await expect(orders.placeOrder(ALICE, different)).rejects.toThrow(
        new UserInputError('this idempotency key was used for a different order'),
      );
    }
    expect(repository.writes).toBe(1);
  });

  it('answers the twin that won a race for the key', async () => {
    // Both read "no record" before either writes: the second write finds the key taken.
    const [a, b] = await Promise.all([orders.placeOrder(ALICE, request()), orders.placeOrder(ALICE, request())]);
    expect(a.orderId).toBe(b.orderId);
    expect(repository.orders.size).toBe(1);
  });

  it('says which request created the order (what OrdersPlaced counts), however the others arrive', async () => {
    const [a, b] = await Promise.all([orders.place(ALICE, request()), orders.place(ALICE, request())]);
    const retry = await orders.place(ALICE, request());
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(retry).toEqual({ order: a.order, created: false });
  });

  it('starts one checkout saga per order, however often the request is retried', async () => {
    const first = await orders.placeOrder(ALICE, request());
    await orders.placeOrder(ALICE, request());
    expect(checkout.starts[0]).toBe(first.orderId);
    expect(checkout.executions).toBe(1);
  });

  it('starts the saga on a retry when the first request died before starting it', async () => {
    checkout.failNext = true;
    await expect(orders.placeOrder(ALICE, request())).rejects.toThrow('Step Functions is unreachable');
    expect(checkout.executions).toBe(0);
    const retried = await orders.placeOrder(ALICE, request());
    expect(checkout.starts).toEqual([retried.orderId]);
    expect(repository.orders.size).toBe(1);
  });

  it('starts nothing for a retry of an order that is already final', async () => {
    const placed = await orders.placeOrder(ALICE, request());
    await orders.markConfirmed(placed.orderId);
    checkout.starts = [];
    expect((await orders.placeOrder(ALICE, request())).status).toBe('CONFIRMED');
    expect(checkout.starts).toEqual([]);
  });

  it('starts no saga for a refused order', async () => {
    await expect(orders.placeOrder(ALICE, request({ lines: [{ sku: 'OLD-4', quantity: 1 }] }))).rejects.toThrow(
      UserInputError,
    );
    expect(checkout.starts).toEqual([]);
  });

  it('keeps each user their own keys', async () => {
    const alices = await orders.placeOrder(ALICE, request());
    const bobs = await orders.placeOrder(BOB, request());
    expect(bobs.orderId).not.toBe(alices.orderId);
    expect(bobs.userId).toBe(BOB);
  });
});

describe('cancel', () => {
  const confirmed = async () => {
    const placed = await orders.placeOrder(ALICE, request(), 'alice@example.com');
    await orders.markConfirmed(placed.orderId);
    return placed.orderId;
  };

  it('cancels the owner’s confirmed order, once, with the reason in its history', async () => {
    const orderId = await confirmed();
    const cancelled = await orders.cancel(ALICE, { orderId });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', email: 'alice@example.com', version: 3 });
    expect(cancelled.statusHistory.at(-1)).toMatchObject({ status: 'CANCELLED', reason: 'Cancelled by you.' });
    expect(await orders.cancel(ALICE, { orderId })).toMatchObject({ status: 'CANCELLED', version: 3 });
  });

  it('refuses what cannot be cancelled, saying why, and another user’s order as not found', async () => {
    const pending = await orders.placeOrder(ALICE, request({ idempotencyKey: 'key-pending' }));
    await expect(orders.cancel(ALICE, pending)).rejects.toThrow('This order is still being placed');
    const shipped = await confirmed();
    await orders.markShipped(shipped);
    await expect(orders.cancel(ALICE, { orderId: shipped })).rejects.toThrow('has shipped');
    await expect(orders.cancel(BOB, pending)).rejects.toThrow(new NotFoundError(`no order with id ${pending.orderId}`));
  });
});

describe('quote', () => {
  const lines = [
    { sku: 'MUG-1', quantity: 2 },
    { sku: 'OLD-4', quantity: 1 },
    { sku: 'NOPE-9', quantity: 1 },
  ];

  it('prices the sellable lines and lists the others with the reason', async () => {
    expect(await quoteCart(catalog, { lines, country: 'DE' })).toEqual({
      lines: [{ sku: 'MUG-1', name: 'Product MUG-1', unitPrice: 1200, quantity: 2, lineTotal: 2400 }],
      unavailable: [
        { sku: 'OLD-4', reason: 'This product is no longer for sale.' },
        { sku: 'NOPE-9', reason: 'This product does not exist.' },
      ],
      currency: 'USD',
      subtotal: 2400,
      shipping: 500,
      tax: 551, // (2400 + 500) × 19 %
      total: 3451,
    });
  });

  it('leaves tax out until the country is known', async () => {
    const quote = await quoteCart(catalog, { lines: [{ sku: 'PLATE-2', quantity: 2 }] });
    expect(quote).toMatchObject({ subtotal: 5000, shipping: 0, total: 5000 });
    expect(quote.tax).toBeUndefined();
  });

  it('answers an empty quote when nothing can be sold', async () => {
    expect(await quoteCart(catalog, { lines: [{ sku: 'OLD-4', quantity: 1 }], country: 'US' })).toMatchObject({
      lines: [],
      subtotal: 0,
      total: 0,
    });
  });

  it('refuses what an order would refuse, naming the field', async () => {
    await expect(quoteCart(catalog, { lines: [{ sku: 'MUG-1', quantity: 0 }] })).rejects.toThrow(
      'lines[0].quantity must be a whole number from 1 to 99',
    );
    await expect(quoteCart(catalog, { lines: [] })).rejects.toThrow('lines must hold at least one line');
    await expect(quoteCart(catalog, { lines, country: 'XX' })).rejects.toThrow(
      'country must be an ISO 3166-1 alpha-2 country code',
    );
    await expect(quoteCart(catalog, { lines: [{ sku: 'MUG-1', quantity: 1, price: 1 }] })).rejects.toThrow(
      'prices and totals come from the catalog',
    );
  });
});

describe('order', () => {
  it('tells the shopper why a failed order failed', async () => {
    const placed = await orders.placeOrder(ALICE, request());
    await orders.markFailed(placed.orderId, 'Your card was declined.');
    expect(await orders.order(ALICE, { orderId: placed.orderId })).toMatchObject({
      status: 'FAILED',
      failureReason: 'Your card was declined.',
    });
  });

  it("answers the caller's own order", async () => {
    const placed = await orders.placeOrder(ALICE, request());
    expect(await orders.order(ALICE, { orderId: placed.orderId })).toEqual(placed);
  });

  it("reports another user's order as not found, as a missing one", async () => {
    const placed = await orders.placeOrder(ALICE, request());
    await expect(orders.order(BOB, { orderId: placed.orderId })).rejects.toThrow(
      new NotFoundError(`no order with id ${placed.orderId}`),
    );
    await expect(orders.order(BOB, { orderId: 'nope' })).rejects.toThrow(new NotFoundError('no order with id nope'));
  });
});

describe('status transitions', () => {
  let orderId: string;
  beforeEach(async () => {
    orderId = (await orders.placeOrder(ALICE, request())).orderId;
    repository.writes = 0;
  });

  it('confirms a PENDING order, appending to its history', async () => {
    const order = await orders.markConfirmed(orderId);
    expect(order.status).toBe('CONFIRMED');
    expect(order.statusHistory.map((s) => s.status)).toEqual(['PENDING', 'CONFIRMED']);
  });

  it('fails a PENDING order with its reason', async () => {
    const order = await orders.markFailed(orderId, ' payment declined ');
    expect(order.status).toBe('FAILED');
    expect(order.statusHistory.at(-1)).toEqual({
      status: 'FAILED',
      at: '2025-01-02T03:04:05.000Z',
      reason: 'payment declined',
    });
  });

  it('treats repeating a transition as a no-op', async () => {
    await orders.markConfirmed(orderId);
    const again = await orders.markConfirmed(orderId);
    expect(again.statusHistory).toHaveLength(2);
    expect(repository.writes).toBe(1);

    const other = (await orders.placeOrder(ALICE, request({ idempotencyKey: 'key-0002' }))).orderId;
    await orders.markFailed(other, 'out of stock');
    const failedAgain = await orders.markFailed(other, 'another reason');
    expect(failedAgain.statusHistory.at(-1)!.reason).toBe('out of stock');
    expect(failedAgain.statusHistory).toHaveLength(2);
  });

  it('refuses failing a confirmed order and confirming a failed one', async () => {
    await orders.markConfirmed(orderId);
    await expect(orders.markFailed(orderId, 'too late')).rejects.toThrow(
      new InvalidTransitionError(`order ${orderId} is CONFIRMED; it cannot become FAILED`),
    );
    const other = (await orders.placeOrder(ALICE, request({ idempotencyKey: 'key-0002' }))).orderId;
    await orders.markFailed(other, 'declined');
    await expect(orders.markConfirmed(other)).rejects.toThrow(
      new InvalidTransitionError(`order ${other} is FAILED; it cannot become CONFIRMED`),
    );
    expect((await repository.get(orderId))!.status).toBe('CONFIRMED');
    expect((await repository.get(other))!.status).toBe('FAILED');
  });

  it('lets exactly one of two racing transitions win', async () => {
    const results = await Promise.allSettled([orders.markConfirmed(orderId), orders.markFailed(orderId, 'declined')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(repository.writes).toBe(1);
  });

  it('needs a reason to fail an order, and an existing order', async () => {
    await expect(orders.markFailed(orderId, '  ')).rejects.toThrow(new UserInputError('a failed order needs a reason'));
    await expect(orders.markConfirmed('nope')).rejects.toThrow(new NotFoundError('no order with id nope'));
    expect(repository.writes).toBe(0);
  });
});
