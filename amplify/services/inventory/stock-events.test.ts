import { describe, expect, it } from 'vitest';
import { stockLowEvents } from './stock-events';

const item = (available: number, updatedAt = '2026-01-01T00:00:00.000Z') => ({
  sku: 'MUG-1',
  available,
  reserved: 0,
  updatedAt,
});
const low = stockLowEvents(5);

describe('StockLow', () => {
  it('is announced once when a SKU falls below the threshold', () => {
    expect(low(item(5), item(4))).toEqual([
      expect.objectContaining({
        name: 'StockLow',
        detail: expect.objectContaining({ data: { sku: 'MUG-1', available: 4, threshold: 5 } }),
      }),
    ]);
    expect(low(item(4), item(2))).toEqual([]); // still low: no second alert
  });

  it('is announced for a new SKU stocked below the threshold, and not above it', () => {
    expect(low(undefined, item(0))).toHaveLength(1);
    expect(low(undefined, item(50))).toEqual([]);
    expect(low(item(3), item(9))).toEqual([]);
  });
});
