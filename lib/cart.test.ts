import { describe, expect, it, vi } from 'vitest';
import {
  CART_STORAGE_KEY,
  CartStore,
  MAX_LINES,
  addLine,
  cartCount,
  parseCart,
  removeLine,
  setLineQuantity,
  type CartStorage,
} from './cart';

/** A Map-backed Storage, like one browser's localStorage. */
const memoryStorage = (initial: Record<string, string> = {}) => {
  const items = new Map(Object.entries(initial));
  const storage: CartStorage & { items: Map<string, string> } = {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
  return storage;
};

const skus = (count: number) => Array.from({ length: count }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);

describe('addLine', () => {
  it('adds a new product as its own line', () => {
    expect(addLine([], 'KIT-001', 2)).toEqual({ lines: [{ sku: 'KIT-001', quantity: 2 }], outcome: 'added' });
  });

  it('merges a product already in the cart into its line', () => {
    const { lines } = addLine(
      [
        { sku: 'KIT-001', quantity: 2 },
        { sku: 'APP-001', quantity: 1 },
      ],
      'KIT-001',
      3,
    );
    expect(lines).toEqual([
      { sku: 'KIT-001', quantity: 5 },
      { sku: 'APP-001', quantity: 1 },
    ]);
  });

  it('caps a line at 99 and says so', () => {
    expect(addLine([{ sku: 'KIT-001', quantity: 98 }], 'KIT-001', 5)).toEqual({
      lines: [{ sku: 'KIT-001', quantity: 99 }],
      outcome: 'capped',
    });
    expect(addLine([], 'KIT-001', 150)).toEqual({ lines: [{ sku: 'KIT-001', quantity: 99 }], outcome: 'capped' });
  });

  it('adds nothing once the cart holds 50 products, but still merges into them', () => {
    const full = skus(MAX_LINES).map((sku) => ({ sku, quantity: 1 }));
    expect(addLine(full, 'NEW-1', 1)).toEqual({ lines: full, outcome: 'full' });
    expect(addLine(full, full[0].sku, 1).lines[0]).toEqual({ sku: full[0].sku, quantity: 2 });
  });

  it('refuses a quantity below 1, a fraction, or something that is not a SKU', () => {
    expect(() => addLine([], 'KIT-001', 0)).toThrow(RangeError);
    expect(() => addLine([], 'KIT-001', 1.5)).toThrow(RangeError);
    expect(() => addLine([], 'kit 1', 1)).toThrow(RangeError);
  });

  it('never changes the lines it was given', () => {
    const lines = Object.freeze([Object.freeze({ sku: 'KIT-001', quantity: 1 })]);
    addLine(lines, 'KIT-001', 1);
    expect(lines).toEqual([{ sku: 'KIT-001', quantity: 1 }]);
  });
});

describe('setLineQuantity and removeLine', () => {
  const lines = [
    { sku: 'KIT-001', quantity: 2 },
    { sku: 'APP-001', quantity: 1 },
  ];

  it('sets a quantity from 1 to 99', () => {
    expect(setLineQuantity(lines, 'APP-001', 99)).toEqual([
      { sku: 'KIT-001', quantity: 2 },
      { sku: 'APP-001', quantity: 99 },
    ]);
    expect(setLineQuantity(lines, 'KIT-001', 1)[0]).toEqual({ sku: 'KIT-001', quantity: 1 });
  });

  it('refuses 0, 100, fractions and NaN', () => {
    for (const quantity of [0, 100, -1, 2.5, Number.NaN]) {
      expect(() => setLineQuantity(lines, 'KIT-001', quantity)).toThrow('whole number from 1 to 99');
    }
  });

  it('removes a line', () => {
    expect(removeLine(lines, 'KIT-001')).toEqual([{ sku: 'APP-001', quantity: 1 }]);
    expect(removeLine(lines, 'NOPE-1')).toEqual(lines);
  });

  it('counts items, not lines', () => {
    expect(cartCount(lines)).toBe(3);
    expect(cartCount([])).toBe(0);
  });
});

describe('parseCart (what comes back from storage)', () => {
  it('reads what the store wrote', () => {
    expect(parseCart('[{"sku":"KIT-001","quantity":2}]')).toEqual([{ sku: 'KIT-001', quantity: 2 }]);
  });

  it('treats missing, malformed or non-list data as an empty cart', () => {
    for (const raw of [null, undefined, '', 'not json', '{"sku":"KIT-001"}', 'null', '42', '"text"']) {
      expect(parseCart(raw)).toEqual([]);
    }
  });

  it('drops entries that are not a valid SKU with a whole positive quantity', () => {
    const raw = JSON.stringify([
      { sku: 'KIT-001', quantity: 1 },
      { sku: 'kit-002', quantity: 1 },
      { sku: 'KIT-003', quantity: 0 },
      { sku: 'KIT-004', quantity: 2.5 },
      { sku: 'KIT-005', quantity: '3' },
      { sku: 'KIT-006' },
      null,
      'KIT-007',
      { sku: 'KIT-008', quantity: 4 },
    ]);
    expect(parseCart(raw)).toEqual([
      { sku: 'KIT-001', quantity: 1 },
      { sku: 'KIT-008', quantity: 4 },
    ]);
  });

  it('never keeps a price, merges repeated SKUs and caps quantities', () => {
    const raw = JSON.stringify([
      { sku: 'KIT-001', quantity: 60, price: 1 },
      { sku: 'KIT-001', quantity: 60 },
      { sku: 'APP-001', quantity: 500, total: 0 },
    ]);
    expect(parseCart(raw)).toEqual([
      { sku: 'KIT-001', quantity: 99 },
      { sku: 'APP-001', quantity: 99 },
    ]);
  });

  it('keeps at most 50 lines', () => {
    const raw = JSON.stringify(skus(60).map((sku) => ({ sku, quantity: 1 })));
    expect(parseCart(raw)).toHaveLength(MAX_LINES);
  });
});

describe('CartStore', () => {
  it('persists every change, and a new store (a reload) reads it back', () => {
    const storage = memoryStorage();
    const store = new CartStore(() => storage);
    expect(store.add('KIT-001', 2)).toBe('added');
    store.add('APP-001', 1);
    store.setQuantity('APP-001', 3);
    store.add('KIT-001', 1);
    expect(JSON.parse(storage.items.get(CART_STORAGE_KEY)!)).toEqual([
      { sku: 'KIT-001', quantity: 3 },
      { sku: 'APP-001', quantity: 3 },
    ]);

    const reloaded = new CartStore(() => storage);
    expect(reloaded.getSnapshot()).toEqual([
      { sku: 'KIT-001', quantity: 3 },
      { sku: 'APP-001', quantity: 3 },
    ]);
    reloaded.remove('KIT-001');
    reloaded.clear();
    expect(storage.items.has(CART_STORAGE_KEY)).toBe(false);
    expect(new CartStore(() => storage).getSnapshot()).toEqual([]);
  });

  it('answers the same snapshot until the cart changes, and tells subscribers when it does', () => {
    const store = new CartStore(() => memoryStorage());
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const before = store.getSnapshot();
    expect(store.getSnapshot()).toBe(before);
    store.add('KIT-001', 1);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).not.toBe(before);
    expect(store.getSnapshot()).toBe(store.getSnapshot());
    unsubscribe();
    store.add('KIT-001', 1);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('starts empty from corrupt storage, and overwrites it on the next change', () => {
    const storage = memoryStorage({ [CART_STORAGE_KEY]: '{oops' });
    const store = new CartStore(() => storage);
    expect(store.getSnapshot()).toEqual([]);
    store.add('KIT-001', 1);
    expect(storage.items.get(CART_STORAGE_KEY)).toBe('[{"sku":"KIT-001","quantity":1}]');
  });

  it('works for the page load when storage throws or is absent', () => {
    const broken: CartStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    for (const store of [new CartStore(() => broken), new CartStore(() => null)]) {
      store.add('KIT-001', 2);
      expect(store.getSnapshot()).toEqual([{ sku: 'KIT-001', quantity: 2 }]);
      store.clear();
      expect(store.getSnapshot()).toEqual([]);
    }
  });

  it('follows another tab’s change when told to reload', () => {
    const storage = memoryStorage();
    const store = new CartStore(() => storage);
    store.getSnapshot();
    const listener = vi.fn();
    store.subscribe(listener);
    new CartStore(() => storage).add('KIT-009', 4); // the other tab
    store.reload();
    expect(listener).toHaveBeenCalled();
    expect(store.getSnapshot()).toEqual([{ sku: 'KIT-009', quantity: 4 }]);
  });

  it('does not write when the cart is full, and adds back a failed order’s lines', () => {
    const storage = memoryStorage({
      [CART_STORAGE_KEY]: JSON.stringify(skus(MAX_LINES).map((sku) => ({ sku, quantity: 1 }))),
    });
    const store = new CartStore(() => storage);
    expect(store.add('NEW-1', 1)).toBe('full');
    expect(store.getSnapshot()).toHaveLength(MAX_LINES);

    const other = new CartStore(() => memoryStorage());
    other.add('KIT-001', 1);
    other.addAll([
      { sku: 'KIT-001', quantity: 2 },
      { sku: 'APP-001', quantity: 1 },
      { sku: 'bad', quantity: 1 },
    ]);
    expect(other.getSnapshot()).toEqual([
      { sku: 'KIT-001', quantity: 3 },
      { sku: 'APP-001', quantity: 1 },
    ]);
  });
});
