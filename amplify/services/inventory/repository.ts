import { DynamoDBClient, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  type NativeAttributeValue,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { InventoryBusy, OutOfStock, ReservationChanged, StockChanged } from './errors';
import type { InventoryRepository } from './inventory';
import type { Reservation, StockAdjustment, StockItem } from './stock';

export interface InventoryTables {
  /** Partition key `sku`. */
  stock: string;
  /** Partition key `orderId`, sort key `sku`; TTL on `purgeAt` (RESERVATION_TTL_ATTRIBUTE). */
  reservations: string;
  /** Partition key `sku`, sort key `at`. */
  adjustments: string;
}

/** The reservations table's TTL attribute: present only once a reservation is RELEASED or COMMITTED. */
export const RESERVATION_TTL_ATTRIBUTE = 'purgeAt';

type Key = Record<string, NativeAttributeValue>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface RetryPolicy {
  /** Attempts of one transaction that keeps meeting `TransactionConflict`. */
  attempts: number;
  /** Upper bound of the first backoff, in ms; doubles per attempt (full jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Transactions touching the same item at the same time are cancelled with `TransactionConflict`
 * (a checkout rush on one SKU). Retried here with jittered backoff, since nothing was written; only
 * when that is not enough does the caller see InventoryBusy, which the saga retries.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 20, maxDelayMs: 1000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failedCondition = (reason: CancellationReason | undefined) => reason?.Code === 'ConditionalCheckFailed';

/** Stock, reservations and the stock audit in DynamoDB, every write conditional. */
export class DynamoInventoryRepository implements InventoryRepository {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tables: InventoryTables,
    client = new DynamoDBClient({}),
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async reservationsOf(orderId: string): Promise<Reservation[]> {
    const items: Reservation[] = [];
    let start: Key | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tables.reservations,
          KeyConditionExpression: 'orderId = :orderId',
          ExpressionAttributeValues: { ':orderId': orderId },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((out.Items ?? []) as Reservation[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Items 2i (stock of line i) and 2i+1 (its reservation): the cancellation reasons say which line failed. */
  async hold(reservations: Reservation[]): Promise<void> {
    const items = reservations.flatMap((r): TransactItem[] => [
      {
        Update: {
          TableName: this.tables.stock,
          Key: { sku: r.sku },
          UpdateExpression:
            'SET available = available - :q, reserved = if_not_exists(reserved, :zero) + :q, updatedAt = :now',
          ConditionExpression: 'available >= :q', // false for a missing item too: an unknown SKU has no stock
          ExpressionAttributeValues: { ':q': r.quantity, ':zero': 0, ':now': r.updatedAt },
        },
      },
      {
        Put: {
          TableName: this.tables.reservations,
          Item: r,
          ConditionExpression: 'attribute_not_exists(orderId)',
        },
      },
    ]);
    await this.transact(items, (reasons) => {
      if (reservations.some((_, i) => failedCondition(reasons[2 * i + 1])))
        return new ReservationChanged(`order ${reservations[0].orderId} was reserved meanwhile`);
      const short = reservations.filter((_, i) => failedCondition(reasons[2 * i])).map((r) => r.sku);
      return short.length > 0 ? new OutOfStock(short) : undefined;
    });
  }

  async release(held: Reservation[], now: string, purgeAt: number): Promise<void> {
    await this.settle(held, 'HELD', 'RELEASED', 'available = available + :q, reserved = reserved - :q', now, purgeAt);
  }

  async commit(held: Reservation[], now: string, purgeAt: number): Promise<void> {
    await this.settle(held, 'HELD', 'COMMITTED', 'reserved = reserved - :q', now, purgeAt);
  }

  async restock(committed: Reservation[], now: string, purgeAt: number): Promise<void> {
    await this.settle(committed, 'COMMITTED', 'RESTOCKED', 'available = available + :q', now, purgeAt);
  }

  async getStock(sku: string): Promise<StockItem | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tables.stock, Key: { sku }, ConsistentRead: true }),
    );
    return Item as StockItem | undefined;
  }

  async writeStock(next: StockItem, seen: StockItem | undefined, adjustment: StockAdjustment): Promise<void> {
    const taken = seen ? seen.available - next.available : 0;
    const condition = !seen
      ? 'attribute_not_exists(sku)'
      : // Unchanged since read, and (when units are removed) enough of them: never below zero.
        taken > 0
        ? 'available = :seen AND available >= :taken'
        : 'available = :seen';
    await this.transact(
      [
        {
          Update: {
            TableName: this.tables.stock,
            Key: { sku: next.sku },
            UpdateExpression: 'SET available = :available, reserved = if_not_exists(reserved, :zero), updatedAt = :now',
            ConditionExpression: condition,
            ExpressionAttributeValues: {
              ':available': next.available,
              ':zero': 0,
              ':now': next.updatedAt,
              ...(seen ? { ':seen': seen.available } : {}),
              ...(taken > 0 ? { ':taken': taken } : {}),
            },
          },
        },
        {
          Put: {
            TableName: this.tables.adjustments,
            Item: adjustment,
            ConditionExpression: 'attribute_not_exists(sku)',
          },
        },
      ],
      (reasons) =>
        failedCondition(reasons[0]) ? new StockChanged(`stock of ${next.sku} changed meanwhile`) : undefined,
    );
  }

  /** Eventually consistent: it only tells shoppers what is in stock; reserve decides. */
  async stockOf(skus: string[]): Promise<StockItem[]> {
    const found: StockItem[] = [];
    for (let i = 0; i < skus.length; i += 100) {
      let keys: Key[] | undefined = skus.slice(i, i + 100).map((sku) => ({ sku }));
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 0) await sleep(this.backoff(attempt));
        const out: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tables.stock]: { Keys: keys } } }),
        );
        found.push(...((out.Responses?.[this.tables.stock] ?? []) as StockItem[]));
        keys = out.UnprocessedKeys?.[this.tables.stock]?.Keys;
      }
    }
    return found;
  }

  /**
   * A scan: the admins' list is every SKU, one item each, so reading the whole table is the query.
   * The low-stock filter is applied by DynamoDB after reading (a page can come back short while the
   * scan goes on), so pages are read until `limit` items are found or the table ends. A page that
   * found more is cut at `limit`, and continues after the last SKU kept: the table's only key.
   */
  async listStock({ below, limit, startSku }: { below?: number; limit: number; startSku?: string }) {
    const items: StockItem[] = [];
    let start: Key | undefined = startSku ? { sku: startSku } : undefined;
    do {
      const out = await this.db.send(
        new ScanCommand({
          TableName: this.tables.stock,
          Limit: limit,
          ExclusiveStartKey: start,
          ...(below === undefined
            ? {}
            : { FilterExpression: 'available < :below', ExpressionAttributeValues: { ':below': below } }),
        }),
      );
      items.push(...((out.Items ?? []) as StockItem[]));
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    if (items.length > limit) return { items: items.slice(0, limit), lastSku: items[limit - 1].sku };
    return { items, lastSku: start ? String(start.sku) : undefined };
  }

  /**
   * A filtered scan: fine for the few thousand reservations a shop of this size keeps (TTL purges the
   * settled ones). At a larger scale, a sparse index on an attribute only HELD items carry would
   * make it a query.
   */
  async expiredHeldOrders(nowSeconds: number): Promise<string[]> {
    const orders = new Set<string>();
    let start: Key | undefined;
    do {
      const out = await this.db.send(
        new ScanCommand({
          TableName: this.tables.reservations,
          FilterExpression: '#status = :held AND expiresAt <= :now',
          ProjectionExpression: 'orderId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':held': 'HELD', ':now': nowSeconds },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) orders.add(String(item.orderId));
      start = out.LastEvaluatedKey;
    } while (start);
    return [...orders];
  }

  /** `from` → `to` for every line, with `stockUpdate` applied to its SKU; all or none. */
  private async settle(
    reservations: Reservation[],
    from: 'HELD' | 'COMMITTED',
    to: 'RELEASED' | 'COMMITTED' | 'RESTOCKED',
    stockUpdate: string,
    now: string,
    purgeAt: number,
  ): Promise<void> {
    // Units leaving `reserved` need that many there; a restock only adds to `available`.
    const stockCondition = from === 'HELD' ? 'reserved >= :q' : 'attribute_exists(sku)';
    const items = reservations.flatMap((r): TransactItem[] => [
      {
        Update: {
          TableName: this.tables.stock,
          Key: { sku: r.sku },
          UpdateExpression: `SET ${stockUpdate}, updatedAt = :now`,
          ConditionExpression: stockCondition,
          ExpressionAttributeValues: { ':q': r.quantity, ':now': now },
        },
      },
      {
        Update: {
          TableName: this.tables.reservations,
          Key: { orderId: r.orderId, sku: r.sku },
          UpdateExpression: `SET #status = :to, updatedAt = :now, ${RESERVATION_TTL_ATTRIBUTE} = :purgeAt`,
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': to, ':from': from, ':now': now, ':purgeAt': purgeAt },
        },
      },
    ]);
    await this.transact(items, (reasons) => {
      if (reservations.some((_, i) => failedCondition(reasons[2 * i + 1])))
        return new ReservationChanged(`a reservation of order ${reservations[0].orderId} changed meanwhile`);
      const broken = reservations.find((_, i) => failedCondition(reasons[2 * i]));
      // Only reachable if stock was edited behind the service's back: never "fix" it silently.
      return broken && new Error(`stock of ${broken.sku} does not allow settling order ${broken.orderId}`);
    });
  }

  /**
   * One TransactWriteItems. A failed condition becomes what `explain` makes of the cancellation
   * reasons; a cancellation only for contention is retried with jittered backoff.
   */
  private async transact(
    items: TransactItem[],
    explain: (reasons: (CancellationReason | undefined)[]) => Error | undefined,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const explained = explain(reasons);
        if (explained) throw explained;
        if (!reasons.some((r) => r.Code === 'TransactionConflict')) throw error;
        if (attempt >= this.retry.attempts)
          throw new InventoryBusy('too many concurrent changes to the same stock; nothing was written, retry');
        await sleep(this.backoff(attempt));
      }
    }
  }

  private backoff(attempt: number) {
    return Math.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
  }
}
