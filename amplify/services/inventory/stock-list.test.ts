import { beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../shared/errors';
import { Inventory } from './inventory';
import { LOW_STOCK_THRESHOLD, isLowStock, lowStockThresholdOf } from './low-stock';
import { stockLowEvents } from './stock-events';
import { FakeInventoryRepository } from './test-fakes';

const AT = '2030-01-01T00:00:00.000Z';
let repository: FakeInventoryRepository;
let inventory: Inventory;

const stocked = (sku: string, available: number, reserved = 0) =>
  repository.stock.set(sku, { sku, available, reserved, updatedAt: AT });

beforeEach(() => {
  repository = new FakeInventoryRepository();
  inventory = new Inventory(repository);
  stocked('CUP-1', 12, 2);
  stocked('MUG-1', 4, 1);
  stocked('PEN-2', 0);
  stocked('POT-3', 5);
});

describe("the admins' stock list", () => {
  it("shows every SKU's available and reserved units, and the threshold", async () => {
    const page = await inventory.stockList({}, 5);
    expect(page).toEqual({
      items: [
        { sku: 'CUP-1', available: 12, reserved: 2, updatedAt: AT },
        { sku: 'MUG-1', available: 4, reserved: 1, updatedAt: AT },
        { sku: 'PEN-2', available: 0, reserved: 0, updatedAt: AT },
        { sku: 'POT-3', available: 5, reserved: 0, updatedAt: AT },
      ],
      nextToken: null,
      lowStockThreshold: 5,
    });
  });

  it('with lowStock, only the SKUs below the threshold: the ones StockLow was sent for', async () => {
    const page = await inventory.stockList({ lowStock: true }, 5);
    expect(page.items.map((i) => i.sku)).toEqual(['MUG-1', 'PEN-2']);
    for (const item of repository.stock.values()) {
      const alerted = stockLowEvents(5)(undefined, item).length > 0;
      expect(page.items.some((i) => i.sku === item.sku)).toBe(alerted);
    }
  });

  it('pages with an opaque token, to the end', async () => {
    const first = await inventory.stockList({ limit: 3 }, 5);
    expect(first.items.map((i) => i.sku)).toEqual(['CUP-1', 'MUG-1', 'PEN-2']);
    const second = await inventory.stockList({ limit: 3, nextToken: first.nextToken }, 5);
    expect(second).toMatchObject({ items: [{ sku: 'POT-3' }], nextToken: null });
  });

  it.each([
    [{ limit: 0 }, 'limit must be at least 1'],
    [{ limit: 101 }, 'limit must be at most 100'],
    [{ limit: 2.5 }, 'limit must be a whole number'],
    [{ lowStock: 'yes' }, 'lowStock: Expected boolean, received string'],
    [{ nextToken: 'made-up' }, 'nextToken is not one this API gave'],
    [{ sku: 'MUG-1' }, "Unrecognized key(s) in object: 'sku'"],
  ])('refuses %j: %s', async (args, message) => {
    await expect(inventory.stockList(args, 5)).rejects.toThrow(UserInputError);
    await expect(inventory.stockList(args, 5)).rejects.toThrow(message);
  });
});

describe('the low-stock threshold', () => {
  it('is 5, below which a SKU is low', () => {
    expect(LOW_STOCK_THRESHOLD).toBe(5);
    expect(isLowStock(4, LOW_STOCK_THRESHOLD)).toBe(true);
    expect(isLowStock(5, LOW_STOCK_THRESHOLD)).toBe(false);
  });

  it('is read from the environment, and a missing or bad one stops the function', () => {
    expect(lowStockThresholdOf({ LOW_STOCK_THRESHOLD: '7' })).toBe(7);
    for (const bad of [undefined, '', '0', '2.5', 'five'])
      expect(() => lowStockThresholdOf({ LOW_STOCK_THRESHOLD: bad })).toThrow(
        'LOW_STOCK_THRESHOLD must be a whole number ≥ 1',
      );
  });
});
