import { describe, expect, it } from 'vitest';
import { contributionOf, deltaOf } from './daily-sales';
import { lifecycle, orderAt, product, stockItem } from './fixtures';
import { orderHistoryWrite } from './order-history';
import { productCardWrite, stockCardWrite } from './product-cards';

describe('productCardWrite', () => {
  it('lists an active product with its first image, versioned by updatedAt', () => {
    expect(productCardWrite(undefined, product())).toEqual([
      {
        kind: 'product',
        sku: 'MUG-1',
        version: '2026-01-01T00:00:00.000Z',
        deleted: false,
        listing: {
          sku: 'MUG-1',
          slug: 'mug-1',
          name: 'Mug',
          price: 1250,
          currency: 'USD',
          image: '/mug.jpg',
          category: 'kitchen',
          searchText: 'mug a mug. kitchen mug-1',
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      },
    ]);
  });

  it('delists a deactivated product, and a deleted one at its last version', () => {
    const off = product({ active: false, updatedAt: '2026-01-02T00:00:00.000Z' });
    expect(productCardWrite(product(), off)).toEqual([
      { kind: 'product', sku: 'MUG-1', version: off.updatedAt, deleted: false, listing: undefined },
    ]);
    expect(productCardWrite(off, undefined)).toEqual([
      { kind: 'product', sku: 'MUG-1', version: off.updatedAt, deleted: true, listing: undefined },
    ]);
  });

  it('searches by the words of the name, description, category and SKU, without accents or case', () => {
    const [write] = productCardWrite(undefined, product({ name: 'Crème MUG', searchText: 'stale' }));
    expect(write.kind === 'product' && write.listing?.searchText).toBe('creme mug a mug. kitchen mug-1');
  });

  it('leaves the image out when there is none', () => {
    const [write] = productCardWrite(undefined, product({ images: [] }));
    expect(write.kind === 'product' && write.listing).not.toHaveProperty('image');
  });
});

describe('stockCardWrite', () => {
  it('says whether anything can be sold, versioned by updatedAt', () => {
    expect(stockCardWrite(undefined, stockItem(3, 't1'))).toEqual([
      { kind: 'stock', sku: 'MUG-1', version: 't1', inStock: true, deleted: false },
    ]);
    expect(stockCardWrite(stockItem(3, 't1'), stockItem(0, 't2'))).toEqual([
      { kind: 'stock', sku: 'MUG-1', version: 't2', inStock: false, deleted: false },
    ]);
    expect(stockCardWrite(stockItem(3, 't1'), undefined)).toEqual([
      { kind: 'stock', sku: 'MUG-1', version: 't1', inStock: false, deleted: true },
    ]);
  });
});

describe('orderHistoryWrite', () => {
  it("puts the order in its owner's history with the timeline and a lines summary", () => {
    const order = orderAt(['PENDING', 'CONFIRMED', 'CANCELLED']);
    expect(orderHistoryWrite(orderAt(['PENDING', 'CONFIRMED']), order)).toEqual([
      {
        kind: 'put',
        entry: {
          userId: 'user-1',
          sk: `${order.createdAt}#order-1`,
          orderId: 'order-1',
          status: 'CANCELLED',
          total: 3780,
          currency: 'USD',
          lineCount: 2,
          lines: [
            { sku: 'MUG-1', name: 'Mug', quantity: 2 },
            { sku: 'CUP-1', name: 'Cup', quantity: 1 },
          ],
          timeline: order.statusHistory,
          createdAt: order.createdAt,
          version: 3,
        },
      },
    ]);
  });

  it('never carries the payment token or the address', () => {
    expect(JSON.stringify(orderHistoryWrite(undefined, orderAt(['PENDING'])))).not.toMatch(/tok_visa|1 St/);
  });

  it('deletes the entry of a deleted order', () => {
    const order = orderAt(['PENDING', 'FAILED']);
    expect(orderHistoryWrite(order, undefined)).toEqual([
      { kind: 'delete', userId: 'user-1', sk: `${order.createdAt}#order-1`, version: 2 },
    ]);
  });
});

describe('contributionOf', () => {
  it('counts nothing before confirmation, and nothing for a failed order', () => {
    expect(contributionOf(undefined, orderAt(['PENDING']))).toEqual([]);
    expect(contributionOf(orderAt(['PENDING']), orderAt(['PENDING', 'FAILED']))).toEqual([]);
  });

  it('counts a confirmed order on its confirmation day, and still once shipped', () => {
    const expected = { orderId: 'order-1', day: '2026-03-01', currency: 'USD', orders: 1, revenue: 3780, units: 3 };
    expect(contributionOf(...lifecycle(['PENDING', 'CONFIRMED'])[1])).toEqual([{ ...expected, version: 2 }]);
    expect(contributionOf(...lifecycle(['PENDING', 'CONFIRMED', 'SHIPPED'])[2])).toEqual([{ ...expected, version: 3 }]);
  });

  it('takes a cancelled order off its confirmation day', () => {
    expect(contributionOf(...lifecycle(['PENDING', 'CONFIRMED', 'CANCELLED'])[2])).toEqual([
      { orderId: 'order-1', day: '2026-03-01', currency: 'USD', orders: 0, revenue: 0, units: 0, version: 3 },
    ]);
  });

  it('moves a day by the difference from what the order contributed before', () => {
    const [confirmed] = contributionOf(undefined, orderAt(['PENDING', 'CONFIRMED']));
    const [cancelled] = contributionOf(undefined, orderAt(['PENDING', 'CONFIRMED', 'CANCELLED']));
    expect(deltaOf(undefined, confirmed)).toEqual({ orders: 1, revenue: 3780, units: 3 });
    expect(deltaOf(confirmed, cancelled)).toEqual({ orders: -1, revenue: -3780, units: -3 });
  });
});
