/**
 * The shopping cart: which products and how many, kept in this browser's localStorage. It holds
 * `{ sku, quantity }` only, never a price: prices and totals always come from the server's `quote`.
 * Whatever is read back from storage is checked, so a corrupt or hand-edited entry can never reach
 * the API as anything but valid lines.
 */
import type { CartLine } from './types';

export type { CartLine };

/** The localStorage entry (one per browser, shared by its tabs). */
export const CART_STORAGE_KEY = 'cloudshop.cart.v1';
export const MIN_QUANTITY = 1;
/** The API's limits for one order (docs/pricing.md): a cart never holds more. */
export const MAX_QUANTITY = 99;
export const MAX_LINES = 50;

const SKU = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export const isSku = (value: unknown): value is string => typeof value === 'string' && SKU.test(value);

export const isQuantity = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= MIN_QUANTITY && value <= MAX_QUANTITY;

/**
 * Lines read back from storage: malformed JSON or a non-list is an empty cart; entries that are not
 * a valid SKU with a whole positive quantity are dropped; repeats of a SKU are merged; quantities
 * are capped at MAX_QUANTITY and the list at MAX_LINES.
 */
export function parseCart(raw: string | null | undefined): CartLine[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  const entries = Array.isArray(value) ? value : [];
  let lines: CartLine[] = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') continue;
    const { sku, quantity } = entry as Record<string, unknown>;
    if (!isSku(sku) || typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < MIN_QUANTITY) continue;
    lines = addLine(lines, sku, quantity).lines;
  }
  return lines;
}

export type AddOutcome =
  /** All of it was added. */
  | 'added'
  /** Added up to MAX_QUANTITY: the line is full. */
  | 'capped'
  /** The cart already has MAX_LINES products: nothing was added. */
  | 'full';

/** Adds `quantity` of `sku`, merged into its line if the cart has one. */
export function addLine(
  lines: readonly CartLine[],
  sku: string,
  quantity: number,
): { lines: CartLine[]; outcome: AddOutcome } {
  if (!isSku(sku)) throw new RangeError(`not a SKU: ${JSON.stringify(sku)}`);
  if (!Number.isInteger(quantity) || quantity < MIN_QUANTITY) {
    throw new RangeError(`quantity must be a whole number of at least ${MIN_QUANTITY}`);
  }
  const index = lines.findIndex((line) => line.sku === sku);
  if (index === -1) {
    if (lines.length >= MAX_LINES) return { lines: [...lines], outcome: 'full' };
    const capped = Math.min(quantity, MAX_QUANTITY);
    return { lines: [...lines, { sku, quantity: capped }], outcome: capped < quantity ? 'capped' : 'added' };
  }
  const wanted = lines[index].quantity + quantity;
  const next = Math.min(wanted, MAX_QUANTITY);
  return {
    lines: lines.map((line, i) => (i === index ? { sku, quantity: next } : line)),
    outcome: next < wanted ? 'capped' : 'added',
  };
}

/** Sets the line's quantity (a whole number from 1 to 99); an unknown SKU changes nothing. */
export function setLineQuantity(lines: readonly CartLine[], sku: string, quantity: number): CartLine[] {
  if (!isQuantity(quantity)) {
    throw new RangeError(`quantity must be a whole number from ${MIN_QUANTITY} to ${MAX_QUANTITY}`);
  }
  return lines.map((line) => (line.sku === sku ? { sku, quantity } : line));
}

export function removeLine(lines: readonly CartLine[], sku: string): CartLine[] {
  return lines.filter((line) => line.sku !== sku);
}

/** How many items the cart holds (the header's count). */
export function cartCount(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** The parts of `Storage` the cart uses (localStorage, or a fake in tests). */
export type CartStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const EMPTY: readonly CartLine[] = Object.freeze([]);

/**
 * The cart as an external store for React's `useSyncExternalStore`: `getSnapshot` answers the same
 * array until the cart changes. Storage that cannot be read or written (private mode, quota, blocked
 * cookies) leaves a cart that works for this page load only.
 */
export class CartStore {
  private lines: readonly CartLine[] | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: () => CartStorage | null,
    private readonly key = CART_STORAGE_KEY,
  ) {}

  /** The server's snapshot (and the first client render's): an empty cart, so hydration matches. */
  static readonly empty = EMPTY;

  getSnapshot = (): readonly CartLine[] => {
    this.lines ??= this.read();
    return this.lines;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  add(sku: string, quantity: number): AddOutcome {
    const { lines, outcome } = addLine(this.getSnapshot(), sku, quantity);
    if (outcome !== 'full') this.write(lines);
    return outcome;
  }

  setQuantity(sku: string, quantity: number): void {
    this.write(setLineQuantity(this.getSnapshot(), sku, quantity));
  }

  remove(sku: string): void {
    this.write(removeLine(this.getSnapshot(), sku));
  }

  /** Puts `lines` back (e.g. a failed order's), merged into what the cart holds. */
  addAll(lines: readonly CartLine[]): void {
    let next = [...this.getSnapshot()];
    for (const line of lines)
      if (isSku(line.sku) && isQuantity(line.quantity)) next = addLine(next, line.sku, line.quantity).lines;
    this.write(next);
  }

  clear(): void {
    this.write([]);
  }

  /** Another tab changed the cart (the `storage` event): read it again. */
  reload(): void {
    this.lines = this.read();
    this.emit();
  }

  private read(): readonly CartLine[] {
    try {
      const lines = parseCart(this.storage()?.getItem(this.key));
      return lines.length ? lines : EMPTY;
    } catch {
      return EMPTY;
    }
  }

  private write(lines: CartLine[]): void {
    this.lines = lines.length ? lines : EMPTY;
    try {
      const storage = this.storage();
      if (lines.length)
        storage?.setItem(this.key, JSON.stringify(lines.map(({ sku, quantity }) => ({ sku, quantity }))));
      else storage?.removeItem(this.key);
    } catch {
      // Kept in memory for this page load.
    }
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}
