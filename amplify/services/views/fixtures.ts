/** Sources for the views' tests: a product, a stock item and an order through its lifecycle. */
import type { Product } from '../catalog/product';
import type { StockItem } from '../inventory/stock';
import type { Order, OrderStatus } from '../orders/order';

export const product = (overrides: Partial<Product> = {}): Product => ({
  sku: 'MUG-1',
  slug: 'mug-1',
  name: 'Mug',
  description: 'A mug.',
  category: 'kitchen',
  price: 1250,
  currency: 'USD',
  images: ['/mug.jpg', '/mug-2.jpg'],
  active: true,
  searchText: 'mug',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

export const stockItem = (available: number, updatedAt: string, sku = 'MUG-1'): StockItem => ({
  sku,
  available,
  reserved: 0,
  updatedAt,
});

const AT: Record<OrderStatus, string> = {
  PENDING: '2026-03-01T23:59:58.000Z',
  CONFIRMED: '2026-03-01T23:59:59.000Z',
  FAILED: '2026-03-02T00:00:01.000Z',
  SHIPPED: '2026-03-02T00:00:10.000Z',
  CANCELLED: '2026-03-02T00:00:05.000Z',
};

/** The order after walking `path` (the first status is PENDING at version 1). */
export const orderAt = (path: OrderStatus[], overrides: Partial<Order> = {}): Order => ({
  orderId: 'order-1',
  userId: 'user-1',
  status: path[path.length - 1],
  lines: [
    { sku: 'MUG-1', name: 'Mug', unitPrice: 1250, quantity: 2, lineTotal: 2500 },
    { sku: 'CUP-1', name: 'Cup', unitPrice: 500, quantity: 1, lineTotal: 500 },
  ],
  currency: 'USD',
  subtotal: 3000,
  shipping: 500,
  tax: 280,
  total: 3780,
  shippingAddress: { name: 'Ada', line1: '1 St', city: 'X', postalCode: '1', country: 'US' },
  paymentToken: 'tok_visa',
  idempotencyKey: 'key-12345678',
  statusHistory: path.map((status) => ({
    status,
    at: AT[status],
    ...(status === 'CANCELLED' ? { reason: 'changed my mind' } : {}),
  })),
  createdAt: AT.PENDING,
  updatedAt: AT[path[path.length - 1]],
  version: path.length,
  ...overrides,
});

/** The stream records (before, after) of an order's lifecycle. */
export const lifecycle = (path: OrderStatus[], overrides: Partial<Order> = {}): [Order | undefined, Order][] =>
  path.map((_, i) => [i ? orderAt(path.slice(0, i), overrides) : undefined, orderAt(path.slice(0, i + 1), overrides)]);
