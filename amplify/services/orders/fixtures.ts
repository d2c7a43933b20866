/** Sources for tests of what an order's change causes (its events, its live updates). */
import type { Order, OrderStatus } from './order';

/** Ada's one-line order in `status` at `version` (its `updatedAt` moves with the version). */
export const orderAtVersion = (status: OrderStatus, version: number, extra: Partial<Order> = {}): Order => ({
  orderId: 'o-1',
  userId: 'u-1',
  email: 'ada@example.com',
  status,
  lines: [{ sku: 'MUG-1', name: 'Mug', unitPrice: 1200, quantity: 2, lineTotal: 2400 }],
  currency: 'USD',
  subtotal: 2400,
  shipping: 500,
  tax: 232,
  total: 3132,
  shippingAddress: { name: 'Ada', line1: '1 St', city: 'Town', postalCode: '1', country: 'US' },
  paymentToken: 'tok_visa',
  idempotencyKey: 'key-00000001',
  statusHistory: [{ status: 'PENDING', at: '2026-01-01T00:00:00.000Z' }],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: `2026-01-01T00:00:0${version}.000Z`,
  version,
  ...extra,
});
