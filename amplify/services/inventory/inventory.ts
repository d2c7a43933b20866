import { NotFoundError, UserInputError } from '../shared/errors';
import { decodePageToken, encodePageToken } from '../shared/page-token';
import {
  InventoryBusy,
  ReservationChanged,
  ReservationMismatch,
  ReservationNotFound,
  ReservationReleased,
  StockChanged,
} from './errors';
import {
  epochSeconds,
  parseAdjustStock,
  parseOrder,
  parseReserve,
  parseSetStock,
  parseSkus,
  parseStockList,
  sameLines,
  type Line,
  type Reservation,
  type StockAdjustment,
  type StockItem,
} from './stock';

/**
 * Where the inventory keeps stock, reservations and the audit (the DynamoDB adapter, or a fake).
 * Every write is conditional: the adapter turns a failed condition into a domain error or a
 * `*Changed` signal, and retries contention between transactions itself.
 */
export interface InventoryRepository {
  reservationsOf(orderId: string): Promise<Reservation[]>;
  /**
   * Writes the HELD reservations and moves their units from available to reserved, all or none.
   * Throws OutOfStock naming the SKUs short, or ReservationChanged if the order got one meanwhile.
   */
  hold(reservations: Reservation[]): Promise<void>;
  /** HELD → RELEASED and the units back to available, all or none; ReservationChanged if one is no longer HELD. */
  release(held: Reservation[], now: string, purgeAt: number): Promise<void>;
  /** HELD → COMMITTED and the units out of reserved (sold), all or none; ReservationChanged likewise. */
  commit(held: Reservation[], now: string, purgeAt: number): Promise<void>;
  /** COMMITTED → RESTOCKED and the units back to available, all or none; ReservationChanged likewise. */
  restock(committed: Reservation[], now: string, purgeAt: number): Promise<void>;
  getStock(sku: string): Promise<StockItem | undefined>;
  /** Writes `next` with its audit record if the item is still as `seen` (undefined: absent); else StockChanged. */
  writeStock(next: StockItem, seen: StockItem | undefined, adjustment: StockAdjustment): Promise<void>;
  stockOf(skus: string[]): Promise<StockItem[]>;
  /**
   * Up to `limit` stock items in the table's order, only those with fewer than `below` available if
   * given, from `startSku` on (exclusive); `lastSku` is set when there may be more.
   */
  listStock(options: { below?: number; limit: number; startSku?: string }): Promise<{
    items: StockItem[];
    lastSku?: string;
  }>;
  /** Orders with a HELD reservation whose `expiresAt` is at or before `nowSeconds`. */
  expiredHeldOrders(nowSeconds: number): Promise<string[]>;
}

export interface HeldStock {
  orderId: string;
  status: 'HELD' | 'COMMITTED';
  lines: Line[];
  expiresAt: number;
}

/** How long a released or committed reservation is kept (for idempotency and support) before TTL deletes it. */
export const DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600;
/** Reads after a concurrent change before giving up with InventoryBusy. */
const MAX_ATTEMPTS = 8;

/** Full-jitter backoff before reading again, so that writers racing for one item spread out. */
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 10 * 2 ** attempt)));

const linesOf = (reservations: Reservation[]): Line[] => reservations.map(({ sku, quantity }) => ({ sku, quantity }));

/**
 * The inventory's use cases. Every one is idempotent per order: the checkout saga may retry a step
 * or repeat an execution, and nothing changes twice.
 */
export class Inventory {
  constructor(
    private readonly repository: InventoryRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly retentionSeconds = DEFAULT_RETENTION_SECONDS,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** Holds every line or none. A repeat of the same reservation returns it without touching stock. */
  async reserve(input: unknown): Promise<HeldStock> {
    const { orderId, lines, ttlSeconds } = parseReserve(input);
    const existing = await this.repository.reservationsOf(orderId);
    if (existing.length > 0) return this.alreadyReserved(orderId, lines, existing);

    const now = this.now();
    const at = now.toISOString();
    const expiresAt = epochSeconds(now) + ttlSeconds;
    const reservations = lines.map((line): Reservation => ({
      orderId,
      ...line,
      status: 'HELD',
      expiresAt,
      createdAt: at,
      updatedAt: at,
    }));
    try {
      await this.repository.hold(reservations);
    } catch (error) {
      // The same order was reserved concurrently (a retried task racing the first): judge that one.
      if (error instanceof ReservationChanged)
        return this.alreadyReserved(orderId, lines, await this.repository.reservationsOf(orderId));
      throw error;
    }
    return { orderId, status: 'HELD', lines, expiresAt };
  }

  /**
   * Gives the held units back. Compensation: a no-op when nothing is held (never reserved, already
   * released, or committed — sold units come back by an admin adjustment, not by release).
   */
  async release(input: unknown): Promise<{ orderId: string; released: Line[] }> {
    const { orderId } = parseOrder(input);
    return { orderId, released: await this.releaseHeld(orderId) };
  }

  /** The held units are sold. Idempotent; a released reservation can't be committed. */
  async commit(input: unknown): Promise<{ orderId: string; status: 'COMMITTED'; lines: Line[] }> {
    const { orderId } = parseOrder(input);
    for (let attempt = 1; ; attempt++) {
      const reservations = await this.repository.reservationsOf(orderId);
      if (reservations.length === 0) throw new ReservationNotFound(orderId);
      if (reservations.some((r) => r.status === 'RELEASED')) throw new ReservationReleased(orderId);
      const held = reservations.filter((r) => r.status === 'HELD');
      if (held.length > 0) {
        try {
          await this.repository.commit(held, this.now().toISOString(), this.purgeAt());
        } catch (error) {
          if (!(error instanceof ReservationChanged)) throw error;
          if (attempt >= MAX_ATTEMPTS) throw new InventoryBusy(`order ${orderId} kept changing; retry`);
          continue; // released by the sweeper, or committed by a concurrent retry: read again
        }
      }
      return { orderId, status: 'COMMITTED', lines: linesOf(reservations) };
    }
  }

  /**
   * A cancelled order's sold units come back for sale: its COMMITTED lines become RESTOCKED (and
   * any still HELD are released). Repeating it changes nothing.
   */
  async restock(input: unknown): Promise<{ orderId: string; restocked: Line[] }> {
    const { orderId } = parseOrder(input);
    await this.releaseHeld(orderId);
    for (let attempt = 1; ; attempt++) {
      const committed = (await this.repository.reservationsOf(orderId)).filter((r) => r.status === 'COMMITTED');
      if (committed.length === 0) return { orderId, restocked: [] };
      try {
        await this.repository.restock(committed, this.now().toISOString(), this.purgeAt());
        return { orderId, restocked: linesOf(committed) };
      } catch (error) {
        if (!(error instanceof ReservationChanged)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new InventoryBusy(`order ${orderId} kept changing; retry`);
      }
    }
  }

  /** Admin: the SKU now has exactly `available` units for sale (created if missing); audited. */
  async setStock(input: unknown): Promise<StockItem> {
    const { sku, available, by, reason } = parseSetStock(input);
    return this.changeStock(sku, by, reason, (seen) => {
      if (seen?.available === available) return undefined;
      return available;
    });
  }

  /** Admin: adds (or with a negative delta removes) units of an existing SKU, never below zero; audited. */
  async adjustStock(input: unknown): Promise<StockItem> {
    const { sku, delta, by, reason } = parseAdjustStock(input);
    return this.changeStock(sku, by, reason, (seen) => {
      if (!seen) throw new NotFoundError(`no stock item for sku ${sku}; set its stock first`);
      const after = seen.available + delta;
      if (after < 0)
        throw new UserInputError(
          `sku ${sku} has ${seen.available} available; removing ${-delta} would take it below zero`,
        );
      return after;
    });
  }

  /** Units available for sale, per SKU asked for (0 for an unknown SKU), for the storefront. */
  async stockOf(skus: unknown): Promise<{ sku: string; available: number }[]> {
    const wanted = parseSkus(skus);
    const found = new Map((await this.repository.stockOf(wanted)).map((item) => [item.sku, item.available]));
    return wanted.map((sku) => ({ sku, available: found.get(sku) ?? 0 }));
  }

  /**
   * Admin: every SKU's available and reserved units, a page at a time; with `lowStock`, only those
   * below `lowStockThreshold` (the StockLow rule), which the answer repeats for the page to show.
   */
  async stockList(
    input: unknown,
    lowStockThreshold: number,
  ): Promise<{ items: StockItem[]; nextToken: string | null; lowStockThreshold: number }> {
    const { lowStock, limit, nextToken } = parseStockList(input);
    const start = decodePageToken(nextToken, ['sku']);
    const { items, lastSku } = await this.repository.listStock({
      below: lowStock ? lowStockThreshold : undefined,
      limit,
      startSku: start?.sku,
    });
    return { items, nextToken: encodePageToken(lastSku ? { sku: lastSku } : undefined), lowStockThreshold };
  }

  /**
   * The sweeper: releases HELD reservations past their expiry (abandoned checkouts, a saga that died).
   * One order failing does not stop the others; the failures are returned for the caller to report.
   */
  async releaseExpired(now: Date = this.now()): Promise<{ released: string[]; failed: string[] }> {
    const nowSeconds = epochSeconds(now);
    const released: string[] = [];
    const failed: string[] = [];
    for (const orderId of await this.repository.expiredHeldOrders(nowSeconds)) {
      try {
        const lines = await this.releaseHeld(orderId, (r) => r.expiresAt <= nowSeconds);
        if (lines.length > 0) released.push(orderId);
      } catch {
        failed.push(orderId);
      }
    }
    return { released, failed };
  }

  private async releaseHeld(orderId: string, eligible: (r: Reservation) => boolean = () => true): Promise<Line[]> {
    for (let attempt = 1; ; attempt++) {
      const held = (await this.repository.reservationsOf(orderId)).filter((r) => r.status === 'HELD' && eligible(r));
      if (held.length === 0) return [];
      try {
        await this.repository.release(held, this.now().toISOString(), this.purgeAt());
        return linesOf(held);
      } catch (error) {
        if (!(error instanceof ReservationChanged)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new InventoryBusy(`order ${orderId} kept changing; retry`);
      }
    }
  }

  /** A repeat of a reservation: the same lines still held or sold are the same result; anything else is refused. */
  private alreadyReserved(orderId: string, lines: Line[], existing: Reservation[]): HeldStock {
    if (existing.some((r) => r.status === 'RELEASED')) throw new ReservationReleased(orderId);
    if (!sameLines(lines, linesOf(existing))) throw new ReservationMismatch(orderId);
    return {
      orderId,
      status: existing.every((r) => r.status === 'COMMITTED') ? 'COMMITTED' : 'HELD',
      lines,
      expiresAt: existing[0].expiresAt,
    };
  }

  /**
   * Read, decide, write if unchanged: the audit needs `availableAfter`, which a blind increment can't
   * tell, so the write is conditioned on the value read and retried when a checkout got in between.
   * `decide` returns the new available units, or undefined when nothing changes.
   */
  private async changeStock(
    sku: string,
    by: string,
    reason: string,
    decide: (seen: StockItem | undefined) => number | undefined,
  ): Promise<StockItem> {
    for (let attempt = 1; ; attempt++) {
      const seen = await this.repository.getStock(sku);
      const available = decide(seen);
      if (available === undefined) return seen!;
      const now = this.now().toISOString();
      const next: StockItem = { sku, available, reserved: seen?.reserved ?? 0, updatedAt: now };
      const adjustment: StockAdjustment = {
        sku,
        at: `${now}#${this.newId()}`,
        by,
        delta: available - (seen?.available ?? 0),
        reason,
        availableAfter: available,
      };
      try {
        await this.repository.writeStock(next, seen, adjustment);
        return next;
      } catch (error) {
        if (!(error instanceof StockChanged)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new InventoryBusy(`sku ${sku} kept changing; retry`);
        await pause(attempt);
      }
    }
  }

  private purgeAt() {
    return epochSeconds(this.now()) + this.retentionSeconds;
  }
}
