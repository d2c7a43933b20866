import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, UserInputError } from '../shared/errors';
import { InventoryBusy, OutOfStock, ReservationMismatch, ReservationNotFound, ReservationReleased } from './errors';
import { Inventory } from './inventory';
import { mergeLines, sameLines } from './stock';
import { FakeInventoryRepository } from './test-fakes';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const T0_SECONDS = T0.getTime() / 1000;

let repository: FakeInventoryRepository;
let clock: Date;
let inventory: Inventory;

const stocked = (sku: string, available: number, reserved = 0) =>
  repository.stock.set(sku, { sku, available, reserved, updatedAt: T0.toISOString() });
const stock = (sku: string) => {
  const item = repository.stock.get(sku);
  return item && { available: item.available, reserved: item.reserved };
};
const reserve = (orderId: string, lines: { sku: string; quantity: number }[], ttlSeconds = 600) =>
  inventory.reserve({ orderId, lines, ttlSeconds });

beforeEach(() => {
  repository = new FakeInventoryRepository();
  clock = T0;
  inventory = new Inventory(
    repository,
    () => clock,
    3600,
    () => 'id',
  );
  stocked('MUG-1', 10);
  stocked('PEN-2', 3);
});

describe('lines', () => {
  it('merge by SKU, keeping the first-seen order', () => {
    expect(
      mergeLines([
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'B', quantity: 4 },
      { sku: 'A', quantity: 2 },
    ]);
  });

  it('compare whatever their order', () => {
    const a = [
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 2 },
    ];
    expect(sameLines(a, [...a].reverse())).toBe(true);
    expect(sameLines(a, [{ sku: 'A', quantity: 1 }])).toBe(false);
    expect(sameLines(a, [a[0], { sku: 'B', quantity: 3 }])).toBe(false);
  });
});

describe('reserve', () => {
  it('holds every line, merged, until the expiry', async () => {
    const held = await reserve('o1', [
      { sku: 'MUG-1', quantity: 2 },
      { sku: 'PEN-2', quantity: 1 },
      { sku: 'MUG-1', quantity: 1 },
    ]);
    expect(held).toEqual({
      orderId: 'o1',
      status: 'HELD',
      lines: [
        { sku: 'MUG-1', quantity: 3 },
        { sku: 'PEN-2', quantity: 1 },
      ],
      expiresAt: T0_SECONDS + 600,
    });
    expect(stock('MUG-1')).toEqual({ available: 7, reserved: 3 });
    expect(stock('PEN-2')).toEqual({ available: 2, reserved: 1 });
  });

  it('is idempotent: the same reservation again changes nothing and returns the same result', async () => {
    const first = await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }]);
    clock = new Date(T0.getTime() + 5000);
    expect(await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }])).toEqual(first);
    expect(stock('MUG-1')).toEqual({ available: 8, reserved: 2 });
  });

  it('a concurrent twin of the same reservation is judged by what the first wrote', async () => {
    repository.before = (op) => {
      if (op !== 'hold') return;
      repository.before = undefined;
      // Another invocation for the same order wins the race between our read and our write.
      void repository.hold([
        {
          orderId: 'o1',
          sku: 'MUG-1',
          quantity: 2,
          status: 'HELD',
          expiresAt: T0_SECONDS + 600,
          createdAt: '',
          updatedAt: '',
        },
      ]);
    };
    expect(await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }])).toMatchObject({ status: 'HELD' });
    expect(stock('MUG-1')).toEqual({ available: 8, reserved: 2 });
  });

  it('refuses other lines for an order that already holds stock, and a released order', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }]);
    await expect(reserve('o1', [{ sku: 'MUG-1', quantity: 3 }])).rejects.toBeInstanceOf(ReservationMismatch);
    await inventory.release({ orderId: 'o1' });
    await expect(reserve('o1', [{ sku: 'MUG-1', quantity: 2 }])).rejects.toBeInstanceOf(ReservationReleased);
    expect(stock('MUG-1')).toEqual({ available: 10, reserved: 0 });
  });

  it('reports a committed order as committed when asked again', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }]);
    await inventory.commit({ orderId: 'o1' });
    expect(await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }])).toMatchObject({ status: 'COMMITTED' });
    expect(stock('MUG-1')).toEqual({ available: 8, reserved: 0 });
  });

  it('holds nothing when a line is short, and names the SKUs short (an unknown one too)', async () => {
    const error = await reserve('o1', [
      { sku: 'MUG-1', quantity: 2 },
      { sku: 'PEN-2', quantity: 4 },
      { sku: 'NOPE-9', quantity: 1 },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfStock);
    expect(error).toMatchObject({ name: 'OutOfStock', skus: ['PEN-2', 'NOPE-9'] });
    expect(stock('MUG-1')).toEqual({ available: 10, reserved: 0 });
    expect(await repository.reservationsOf('o1')).toEqual([]);
  });

  it.each([
    ['no lines', { orderId: 'o', lines: [], ttlSeconds: 60 }, 'at least one line'],
    [
      '51 lines',
      { orderId: 'o', lines: Array.from({ length: 51 }, (_, i) => ({ sku: `S-${i}`, quantity: 1 })), ttlSeconds: 60 },
      'at most 50 lines',
    ],
    ['a zero quantity', { orderId: 'o', lines: [{ sku: 'MUG-1', quantity: 0 }], ttlSeconds: 60 }, 'at least 1'],
    ['100 units', { orderId: 'o', lines: [{ sku: 'MUG-1', quantity: 100 }], ttlSeconds: 60 }, 'at most 99'],
    [
      'a fractional quantity',
      { orderId: 'o', lines: [{ sku: 'MUG-1', quantity: 1.5 }], ttlSeconds: 60 },
      'whole number',
    ],
    ['a malformed SKU', { orderId: 'o', lines: [{ sku: 'mug 1', quantity: 1 }], ttlSeconds: 60 }, 'sku must be'],
    ['no order id', { orderId: ' ', lines: [{ sku: 'MUG-1', quantity: 1 }], ttlSeconds: 60 }, 'orderId'],
    ['no ttl', { orderId: 'o', lines: [{ sku: 'MUG-1', quantity: 1 }] }, 'ttlSeconds'],
  ])('refuses %s as the caller’s mistake', async (_case, input, message) => {
    const error = await inventory.reserve(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as Error).message).toMatch(message);
    expect(stock('MUG-1')).toEqual({ available: 10, reserved: 0 });
  });
});

describe('release', () => {
  it('gives held units back, once', async () => {
    await reserve('o1', [
      { sku: 'MUG-1', quantity: 2 },
      { sku: 'PEN-2', quantity: 3 },
    ]);
    expect((await inventory.release({ orderId: 'o1' })).released).toHaveLength(2);
    expect(await inventory.release({ orderId: 'o1' })).toEqual({ orderId: 'o1', released: [] });
    expect(stock('MUG-1')).toEqual({ available: 10, reserved: 0 });
    expect(stock('PEN-2')).toEqual({ available: 3, reserved: 0 });
    const records = await repository.reservationsOf('o1');
    expect(records.every((r) => r.status === 'RELEASED' && r.purgeAt === T0_SECONDS + 3600)).toBe(true);
  });

  it('is a no-op for an order that never reserved, and for a sold one', async () => {
    expect(await inventory.release({ orderId: 'never' })).toEqual({ orderId: 'never', released: [] });
    await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }]);
    await inventory.commit({ orderId: 'o1' });
    expect((await inventory.release({ orderId: 'o1' })).released).toEqual([]);
    expect(stock('MUG-1')).toEqual({ available: 8, reserved: 0 });
  });

  it('loses a race with a commit gracefully: reads again and finds nothing held', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }]);
    repository.before = (op) => {
      if (op !== 'release') return;
      repository.before = undefined;
      // The commit lands between the release's read and its write.
      const line = repository.reservations.get('o1|MUG-1')!;
      repository.reservations.set('o1|MUG-1', { ...line, status: 'COMMITTED' });
      stocked('MUG-1', 8, 0);
    };
    expect(await inventory.release({ orderId: 'o1' })).toEqual({ orderId: 'o1', released: [] });
    expect(stock('MUG-1')).toEqual({ available: 8, reserved: 0 });
  });
});

describe('commit', () => {
  it('sells the held units, once', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }]);
    const committed = await inventory.commit({ orderId: 'o1' });
    expect(committed).toEqual({ orderId: 'o1', status: 'COMMITTED', lines: [{ sku: 'MUG-1', quantity: 2 }] });
    expect(await inventory.commit({ orderId: 'o1' })).toEqual(committed);
    expect(stock('MUG-1')).toEqual({ available: 8, reserved: 0 });
  });

  it('refuses a released order and an order that never reserved', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }]);
    await inventory.release({ orderId: 'o1' });
    await expect(inventory.commit({ orderId: 'o1' })).rejects.toMatchObject({ name: 'ReservationReleased' });
    await expect(inventory.commit({ orderId: 'o2' })).rejects.toBeInstanceOf(ReservationNotFound);
    expect(stock('MUG-1')).toEqual({ available: 10, reserved: 0 });
  });

  it('still commits a hold past its expiry the sweeper has not released yet', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 2 }], 60);
    clock = new Date(T0.getTime() + 120_000);
    await inventory.commit({ orderId: 'o1' });
    expect(await inventory.releaseExpired()).toEqual({ released: [], failed: [] });
    expect(stock('MUG-1')).toEqual({ available: 8, reserved: 0 });
  });
});

describe('restock (a cancelled order)', () => {
  it('puts the sold units back for sale, once', async () => {
    await reserve('o1', [
      { sku: 'MUG-1', quantity: 2 },
      { sku: 'PEN-2', quantity: 1 },
    ]);
    await inventory.commit({ orderId: 'o1' });
    expect(await inventory.restock({ orderId: 'o1' })).toEqual({
      orderId: 'o1',
      restocked: [
        { sku: 'MUG-1', quantity: 2 },
        { sku: 'PEN-2', quantity: 1 },
      ],
    });
    expect(await inventory.restock({ orderId: 'o1' })).toEqual({ orderId: 'o1', restocked: [] });
    expect(stock('MUG-1')).toEqual({ available: 10, reserved: 0 });
    expect(stock('PEN-2')).toEqual({ available: 3, reserved: 0 });
  });

  it('releases what is still held, and does nothing for an order with nothing sold', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 4 }]);
    expect(await inventory.restock({ orderId: 'o1' })).toEqual({ orderId: 'o1', restocked: [] });
    expect(stock('MUG-1')).toEqual({ available: 10, reserved: 0 });
    expect(await inventory.restock({ orderId: 'never' })).toEqual({ orderId: 'never', restocked: [] });
  });
});

describe('admin stock changes', () => {
  it('set creates a missing SKU and audits every change with the units after it', async () => {
    await inventory.setStock({ sku: 'NEW-1', available: 5, by: 'admin-1', reason: 'first delivery' });
    await inventory.setStock({ sku: 'NEW-1', available: 2, by: 'admin-2', reason: 'stock count' });
    expect(stock('NEW-1')).toEqual({ available: 2, reserved: 0 });
    expect(repository.adjustments).toEqual([
      {
        sku: 'NEW-1',
        at: `${T0.toISOString()}#id`,
        by: 'admin-1',
        delta: 5,
        reason: 'first delivery',
        availableAfter: 5,
      },
      {
        sku: 'NEW-1',
        at: `${T0.toISOString()}#id`,
        by: 'admin-2',
        delta: -3,
        reason: 'stock count',
        availableAfter: 2,
      },
    ]);
  });

  it('set keeps the units reserved for orders', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 4 }]);
    await inventory.setStock({ sku: 'MUG-1', available: 20, by: 'a', reason: 'delivery' });
    expect(stock('MUG-1')).toEqual({ available: 20, reserved: 4 });
  });

  it('adjust adds and removes, never below zero, and never for a missing SKU', async () => {
    expect(await inventory.adjustStock({ sku: 'PEN-2', delta: -3, by: 'a', reason: 'broken' })).toMatchObject({
      available: 0,
    });
    await expect(inventory.adjustStock({ sku: 'PEN-2', delta: -1, by: 'a', reason: 'broken' })).rejects.toThrow(
      'sku PEN-2 has 0 available; removing 1 would take it below zero',
    );
    await expect(inventory.adjustStock({ sku: 'NOPE-1', delta: 1, by: 'a', reason: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(repository.adjustments.map((a) => [a.delta, a.availableAfter])).toEqual([[-3, 0]]);
  });

  it('adjust decides again when a checkout got in between its read and its write', async () => {
    let raced = false;
    repository.before = (op) => {
      if (op === 'writeStock' && !raced) {
        raced = true;
        stocked('PEN-2', 1, 2); // two units reserved meanwhile
      }
    };
    await expect(inventory.adjustStock({ sku: 'PEN-2', delta: -2, by: 'a', reason: 'x' })).rejects.toBeInstanceOf(
      UserInputError,
    );
    expect(await inventory.adjustStock({ sku: 'PEN-2', delta: -1, by: 'a', reason: 'x' })).toMatchObject({
      available: 0,
    });
    expect(repository.adjustments).toHaveLength(1);
  });

  it('gives up with InventoryBusy when the SKU keeps changing', async () => {
    let n = 0;
    repository.before = () => stocked('PEN-2', 3 + ++n);
    await expect(inventory.adjustStock({ sku: 'PEN-2', delta: 1, by: 'a', reason: 'x' })).rejects.toMatchObject({
      name: 'InventoryBusy',
    });
    expect(repository.adjustments).toEqual([]);
    expect(new InventoryBusy('x').name).toBe('InventoryBusy');
  });

  it.each([
    [{ sku: 'MUG-1', available: -1, by: 'a', reason: 'r' }, 'must not be negative'],
    [{ sku: 'MUG-1', available: 1.5, by: 'a', reason: 'r' }, 'whole number'],
    [{ sku: 'MUG-1', available: 1, by: '', reason: 'r' }, 'by'],
    [{ sku: 'MUG-1', available: 1, by: 'a', reason: ' ' }, 'reason'],
  ])('set refuses %o', async (input, message) => {
    await expect(inventory.setStock(input)).rejects.toThrow(message);
  });

  it('adjust refuses a zero delta', async () => {
    await expect(inventory.adjustStock({ sku: 'MUG-1', delta: 0, by: 'a', reason: 'r' })).rejects.toThrow(
      'not be zero',
    );
  });
});

describe('stockOf and the sweeper', () => {
  it('tells the storefront what is available, 0 for an unknown SKU', async () => {
    await reserve('o1', [{ sku: 'MUG-1', quantity: 4 }]);
    expect(await inventory.stockOf(['PEN-2', 'MUG-1', 'NOPE-1', 'PEN-2'])).toEqual([
      { sku: 'PEN-2', available: 3 },
      { sku: 'MUG-1', available: 6 },
      { sku: 'NOPE-1', available: 0 },
    ]);
  });

  it('releases only holds past their expiry', async () => {
    await reserve('old', [{ sku: 'MUG-1', quantity: 4 }], 60);
    await reserve('new', [{ sku: 'MUG-1', quantity: 1 }], 600);
    await reserve('sold', [{ sku: 'PEN-2', quantity: 1 }], 60);
    await inventory.commit({ orderId: 'sold' });
    expect(await inventory.releaseExpired(new Date(T0.getTime() + 59_000))).toEqual({ released: [], failed: [] });
    expect(await inventory.releaseExpired(new Date(T0.getTime() + 60_000))).toEqual({ released: ['old'], failed: [] });
    expect(stock('MUG-1')).toEqual({ available: 9, reserved: 1 });
    await expect(inventory.commit({ orderId: 'old' })).rejects.toBeInstanceOf(ReservationReleased);
  });
});
