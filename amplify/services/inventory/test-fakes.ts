import { OutOfStock, ReservationChanged, StockChanged } from './errors';
import type { InventoryRepository } from './inventory';
import type { Reservation, StockAdjustment, StockItem } from './stock';

/**
 * The repository in memory, with the adapter's conditions (all or none, HELD-only settles, writes
 * conditioned on what was read). `before` runs ahead of each write, to stage a concurrent change.
 */
export class FakeInventoryRepository implements InventoryRepository {
  stock = new Map<string, StockItem>();
  reservations = new Map<string, Reservation>();
  adjustments: StockAdjustment[] = [];
  before?: (operation: 'hold' | 'release' | 'commit' | 'restock' | 'writeStock') => void;

  async reservationsOf(orderId: string) {
    return [...this.reservations.values()].filter((r) => r.orderId === orderId).map((r) => ({ ...r }));
  }

  async hold(reservations: Reservation[]) {
    this.before?.('hold');
    if (reservations.some((r) => this.reservations.has(key(r)))) throw new ReservationChanged('reserved meanwhile');
    const short = reservations.filter((r) => (this.stock.get(r.sku)?.available ?? -1) < r.quantity);
    if (short.length > 0) throw new OutOfStock(short.map((r) => r.sku));
    for (const r of reservations) {
      const item = this.stock.get(r.sku)!;
      this.stock.set(r.sku, { ...item, available: item.available - r.quantity, reserved: item.reserved + r.quantity });
      this.reservations.set(key(r), { ...r });
    }
  }

  async release(held: Reservation[], now: string, purgeAt: number) {
    this.before?.('release');
    this.settle(held, 'HELD', 'RELEASED', now, purgeAt, (item, q) => ({
      available: item.available + q,
      reserved: item.reserved - q,
    }));
  }

  async commit(held: Reservation[], now: string, purgeAt: number) {
    this.before?.('commit');
    this.settle(held, 'HELD', 'COMMITTED', now, purgeAt, (item, q) => ({
      available: item.available,
      reserved: item.reserved - q,
    }));
  }

  async restock(committed: Reservation[], now: string, purgeAt: number) {
    this.before?.('restock');
    this.settle(committed, 'COMMITTED', 'RESTOCKED', now, purgeAt, (item, q) => ({
      available: item.available + q,
      reserved: item.reserved,
    }));
  }

  async getStock(sku: string) {
    const item = this.stock.get(sku);
    return item && { ...item };
  }

  async writeStock(next: StockItem, seen: StockItem | undefined, adjustment: StockAdjustment) {
    this.before?.('writeStock');
    if (this.stock.get(next.sku)?.available !== seen?.available) throw new StockChanged('changed meanwhile');
    if (next.available < 0) throw new Error('condition: below zero');
    this.stock.set(next.sku, { ...next, reserved: this.stock.get(next.sku)?.reserved ?? 0 });
    this.adjustments.push(adjustment);
  }

  async stockOf(skus: string[]) {
    return skus.flatMap((sku) => (this.stock.has(sku) ? [{ ...this.stock.get(sku)! }] : []));
  }

  /** In SKU order (DynamoDB's is its hash order: a client may rely on no order). */
  async listStock({ below, limit, startSku }: { below?: number; limit: number; startSku?: string }) {
    const all = [...this.stock.values()]
      .sort((a, b) => (a.sku < b.sku ? -1 : 1))
      .filter((item) => startSku === undefined || item.sku > startSku)
      .filter((item) => below === undefined || item.available < below);
    const items = all.slice(0, limit).map((item) => ({ ...item }));
    return { items, lastSku: all.length > limit ? items.at(-1)!.sku : undefined };
  }

  async expiredHeldOrders(nowSeconds: number) {
    const held = [...this.reservations.values()].filter((r) => r.status === 'HELD' && r.expiresAt <= nowSeconds);
    return [...new Set(held.map((r) => r.orderId))];
  }

  private settle(
    held: Reservation[],
    from: 'HELD' | 'COMMITTED',
    status: 'RELEASED' | 'COMMITTED' | 'RESTOCKED',
    now: string,
    purgeAt: number,
    change: (item: StockItem, quantity: number) => Pick<StockItem, 'available' | 'reserved'>,
  ) {
    if (held.some((r) => this.reservations.get(key(r))?.status !== from)) throw new ReservationChanged('changed');
    for (const r of held) {
      const item = this.stock.get(r.sku)!;
      this.stock.set(r.sku, { ...item, ...change(item, r.quantity), updatedAt: now });
      this.reservations.set(key(r), { ...this.reservations.get(key(r))!, status, updatedAt: now, purgeAt });
    }
  }
}

const key = (r: Pick<Reservation, 'orderId' | 'sku'>) => `${r.orderId}|${r.sku}`;
