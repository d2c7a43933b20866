import { BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Product } from '../catalog/product';
import type { StockItem } from '../inventory/stock';
import type { Order } from '../orders/order';
import { applyOrderChange, applyProductChange, applyStockChange } from './apply';
import { ViewStore } from './store';
import { VIEW_KEYS, type ViewTables } from './tables';

/** The write tables every view is derived from. */
export interface SourceTables {
  products: string;
  stock: string;
  orders: string;
}

export interface RebuildCounts {
  products: number;
  stock: number;
  orders: number;
}

export async function* scan<T>(db: DynamoDBDocumentClient, TableName: string) {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) yield item as T;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Runs `work` on every item, a few at a time. */
const forEach = async <T>(items: AsyncIterable<T>, work: (item: T) => Promise<void>, concurrency = 8) => {
  let count = 0;
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    count += 1;
    const task = work(item).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= concurrency) await Promise.race(running);
  }
  await Promise.all(running);
  return count;
};

/** Deletes every item of a view table. */
export const clearTable = async (db: DynamoDBDocumentClient, TableName: string, keys: readonly string[]) => {
  const names = Object.fromEntries(keys.map((k, i) => [`#k${i}`, k]));
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    let pending = batch.map((Key) => ({ DeleteRequest: { Key } }));
    batch = [];
    while (pending.length) {
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
      pending = (UnprocessedItems?.[TableName] ?? []) as typeof pending;
    }
  };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName,
        ExclusiveStartKey,
        ProjectionExpression: Object.keys(names).join(', '),
        ExpressionAttributeNames: names,
      }),
    );
    for (const item of page.Items ?? []) {
      batch.push(item);
      if (batch.length === 25) await flush();
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  await flush();
};

/**
 * Makes every view again from the write tables: clears the views, then applies to each current item
 * the same projections the stream projectors apply to a change, through the same conditional
 * writes, so the result equals the incrementally kept views (and a projector running meanwhile
 * cannot set a view back: its older versions are no-ops).
 */
export const rebuildViews = async (
  db: DynamoDBDocumentClient,
  sources: SourceTables,
  views: ViewTables,
): Promise<RebuildCounts> => {
  for (const key of Object.keys(VIEW_KEYS) as (keyof ViewTables)[]) await clearTable(db, views[key], VIEW_KEYS[key]);
  const store = new ViewStore(views, db);
  const products = await forEach(scan<Product>(db, sources.products), (p) => applyProductChange(store, undefined, p));
  const stock = await forEach(scan<StockItem>(db, sources.stock), (s) => applyStockChange(store, undefined, s));
  const orders = await forEach(scan<Order>(db, sources.orders), (o) => applyOrderChange(store, undefined, o));
  return { products, stock, orders };
};
