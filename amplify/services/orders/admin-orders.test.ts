import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, UserInputError } from '../shared/errors';
import { AdminOrders, parseAdminOrders, type OrdersByStatus } from './admin-orders';
import type { Order, OrderStatus } from './order';

/** The byStatus index in memory: newest first, pages continuing after the key a page ended on. */
class FakeOrders implements OrdersByStatus {
  orders: Order[] = [];
  async get(orderId: string) {
    return this.orders.find((o) => o.orderId === orderId);
  }
  async byStatus(status: OrderStatus, limit: number, startKey?: Record<string, string>) {
    const all = this.orders
      .filter((o) => o.status === status)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.orderId.localeCompare(a.orderId));
    const from = startKey ? all.findIndex((o) => o.orderId === startKey.orderId) + 1 : 0;
    const page = all.slice(from, from + limit);
    const last = page.at(-1);
    const more = from + limit < all.length;
    return {
      orders: page,
      lastKey: more && last ? { orderId: last.orderId, status: last.status, createdAt: last.createdAt } : undefined,
    };
  }
}

const order = (orderId: string, status: OrderStatus, createdAt: string, extra: Partial<Order> = {}): Order => ({
  orderId,
  userId: `user-of-${orderId}`,
  email: `${orderId}@example.com`,
  status,
  lines: [{ sku: 'MUG-1', name: 'Mug', unitPrice: 1250, quantity: 2, lineTotal: 2500 }],
  currency: 'USD',
  subtotal: 2500,
  shipping: 500,
  tax: 240,
  total: 3240,
  shippingAddress: { name: 'Ada', line1: '1 Street', city: 'Springfield', postalCode: '12345', country: 'US' },
  paymentToken: 'tok_visa',
  idempotencyKey: `key-${orderId}`,
  statusHistory: [{ status: 'PENDING', at: createdAt }],
  createdAt,
  updatedAt: createdAt,
  version: 1,
  ...extra,
});

let store: FakeOrders;
let admin: AdminOrders;

beforeEach(() => {
  store = new FakeOrders();
  admin = new AdminOrders(store);
  store.orders.push(
    order('o1', 'CONFIRMED', '2026-03-01T10:00:00.000Z'),
    order('o2', 'CONFIRMED', '2026-03-02T10:00:00.000Z'),
    order('o3', 'FAILED', '2026-03-02T11:00:00.000Z', {
      statusHistory: [
        { status: 'PENDING', at: '2026-03-02T11:00:00.000Z' },
        { status: 'FAILED', at: '2026-03-02T11:00:05.000Z', reason: 'The card was declined.' },
      ],
    }),
    order('o4', 'CONFIRMED', '2026-03-03T10:00:00.000Z'),
  );
});

describe('adminOrders', () => {
  it('lists one status newest first, a page at a time, to the end', async () => {
    const first = await admin.list({ status: 'CONFIRMED', limit: 2 });
    expect(first.items.map((i) => i.order.orderId)).toEqual(['o4', 'o2']);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await admin.list({ status: 'CONFIRMED', limit: 2, nextToken: first.nextToken });
    expect(second.items.map((i) => i.order.orderId)).toEqual(['o1']);
    expect(second.nextToken).toBeNull();
  });

  it('shows whose each order is, and never the payment token', async () => {
    const { items } = await admin.list({ status: 'FAILED' });
    expect(items).toEqual([
      {
        customerId: 'user-of-o3',
        customerEmail: 'o3@example.com',
        order: expect.objectContaining({ orderId: 'o3', failureReason: 'The card was declined.' }),
      },
    ]);
    expect(JSON.stringify(items)).not.toContain('tok_visa');
  });

  it('answers an empty page for a status no order is in', async () => {
    expect(await admin.list({ status: 'SHIPPED' })).toEqual({ items: [], nextToken: null });
  });

  it('defaults the page size and bounds it', () => {
    expect(parseAdminOrders({ status: 'PENDING', limit: null, nextToken: null })).toEqual({
      status: 'PENDING',
      limit: 25,
      nextToken: undefined,
    });
    expect(() => parseAdminOrders({ status: 'PENDING', limit: 101 })).toThrow('limit must be at most 100');
    expect(() => parseAdminOrders({ status: 'PENDING', limit: 0 })).toThrow('limit must be at least 1');
  });

  it.each([
    [{}, 'status is required'],
    [{ status: 'LOST' }, 'status must be one of PENDING, CONFIRMED, FAILED, SHIPPED, CANCELLED'],
    [{ status: 'PENDING', userId: 'u' }, "Unrecognized key(s) in object: 'userId'"],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseAdminOrders(args)).toThrow(UserInputError);
    expect(() => parseAdminOrders(args)).toThrow(message);
  });

  it('refuses a token it did not give, or one from another status', async () => {
    await expect(admin.list({ status: 'CONFIRMED', nextToken: 'made-up' })).rejects.toThrow(
      'nextToken is not one this API gave',
    );
    const { nextToken } = await admin.list({ status: 'CONFIRMED', limit: 1 });
    await expect(admin.list({ status: 'FAILED', nextToken })).rejects.toThrow(
      'nextToken belongs to the CONFIRMED list, not FAILED',
    );
  });
});

describe('adminOrder', () => {
  it("answers any customer's order with their email and its status history", async () => {
    const found = await admin.get({ orderId: 'o3' });
    expect(found.customerEmail).toBe('o3@example.com');
    expect(found.order.statusHistory.map((c) => c.status)).toEqual(['PENDING', 'FAILED']);
    expect(found.order).not.toHaveProperty('paymentToken');
  });

  it('says which order does not exist, and that an id is needed', async () => {
    await expect(admin.get({ orderId: 'nope' })).rejects.toThrow(NotFoundError);
    await expect(admin.get({ orderId: 'nope' })).rejects.toThrow('no order with id nope');
    await expect(admin.get({ orderId: '  ' })).rejects.toThrow('orderId must not be empty');
    await expect(admin.get({})).rejects.toThrow('orderId is required');
  });
});
