/**
 * The projections' DynamoDB writes against a real DynamoDB Local: every change applied in order,
 * shuffled, or duplicated, and the views rebuilt from the final source items, give the same views.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../../../local/dynamodb/server';
import type { Product } from '../catalog/product';
import type { StockItem } from '../inventory/stock';
import type { Order } from '../orders/order';
import { applyOrderChange, applyProductChange, applyStockChange } from './apply';
import { createViewTables } from './create-tables';
import { lifecycle, product, stockItem } from './fixtures';
import { rebuildViews, type SourceTables } from './rebuild';
import { snapshotViews } from './snapshot';
import { ViewReads } from './reads';
import { ViewStore } from './store';
import type { ViewTables } from './tables';

let dynamodb: RunningDynamoDb;
let client: DynamoDBClient;
let db: DynamoDBDocumentClient;
let made = 0;

/** A fresh set of view tables. */
const freshViews = async (): Promise<ViewTables> => {
  made += 1;
  const names = {
    productCards: `ProductCards-${made}`,
    orderHistory: `OrderHistory-${made}`,
    dailySales: `DailySales-${made}`,
    contributions: `DailySalesContributions-${made}`,
  };
  await createViewTables(client, names);
  return names;
};

type Change =
  | { source: 'product'; before?: Product; after?: Product }
  | { source: 'stock'; before?: StockItem; after?: StockItem }
  | { source: 'order'; before?: Order; after?: Order };

const apply = async (views: ViewTables, changes: Change[]) => {
  const store = new ViewStore(views, db);
  for (const c of changes) {
    if (c.source === 'product') await applyProductChange(store, c.before, c.after);
    else if (c.source === 'stock') await applyStockChange(store, c.before, c.after);
    else await applyOrderChange(store, c.before, c.after);
  }
};

/** A deterministic shuffle (a seeded LCG), so a failure can be replayed. */
const shuffled = <T>(items: T[], seed: number) => {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

const pairs = <T>(versions: T[]) => versions.map((after, i) => ({ before: versions[i - 1], after }));

const products = [
  product(),
  product({ price: 1400, updatedAt: '2026-01-02T00:00:00.000Z' }),
  product({ active: false, updatedAt: '2026-01-03T00:00:00.000Z' }),
  product({ name: 'Big mug', images: [], updatedAt: '2026-01-04T00:00:00.000Z' }),
];
const hidden = [
  product({ sku: 'OLD-1', slug: 'old-1' }),
  product({ sku: 'OLD-1', slug: 'old-1', active: false, updatedAt: '2026-02-01T00:00:00.000Z' }),
];
const stock = [stockItem(5, 't1'), stockItem(0, 't2'), stockItem(2, 't3')];
const emptied = [stockItem(1, 't1', 'OLD-1'), stockItem(0, 't2', 'OLD-1')];

const orders = {
  confirmed: lifecycle(['PENDING', 'CONFIRMED'], { orderId: 'o-confirmed' }),
  shipped: lifecycle(['PENDING', 'CONFIRMED', 'SHIPPED'], { orderId: 'o-shipped', userId: 'user-2' }),
  cancelled: lifecycle(['PENDING', 'CONFIRMED', 'CANCELLED'], { orderId: 'o-cancelled' }),
  failed: lifecycle(['PENDING', 'FAILED'], { orderId: 'o-failed' }),
  euro: lifecycle(['PENDING', 'CONFIRMED'], { orderId: 'o-euro', currency: 'EUR', total: 1000 }),
};

const changes: Change[] = [
  ...pairs(products).map((p) => ({ source: 'product' as const, ...p })),
  ...pairs(hidden).map((p) => ({ source: 'product' as const, ...p })),
  ...pairs(stock).map((s) => ({ source: 'stock' as const, ...s })),
  ...pairs(emptied).map((s) => ({ source: 'stock' as const, ...s })),
  ...Object.values(orders).flatMap((records) =>
    records.map(([before, after]) => ({ source: 'order' as const, before, after })),
  ),
];

let inOrder: ViewTables;

beforeAll(async () => {
  dynamodb = await startDynamoDb({ dataDir: '.local/unused', port: 0, inMemory: true });
  client = localDynamoDbClient(dynamodb.endpoint);
  db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  inOrder = await freshViews();
  await apply(inOrder, changes);
}, 60_000);

afterAll(() => dynamodb?.stop());

describe('the views kept from changes in order', () => {
  it('hold one listed card per active product, with its stock flag', async () => {
    const { productCards } = await snapshotViews(db, inOrder);
    expect(productCards).toEqual([
      {
        sku: 'MUG-1',
        slug: 'mug-1',
        name: 'Big mug',
        price: 1250,
        currency: 'USD',
        category: 'kitchen',
        searchText: 'big mug a mug. kitchen mug-1',
        createdAt: '2026-01-01T00:00:00.000Z',
        inStock: true,
        productVersion: '2026-01-04T00:00:00.000Z',
        stockVersion: 't3',
      },
      // Delisted (no listing fields, so not in the grid's index), its stock side kept.
      { sku: 'OLD-1', inStock: false, productVersion: '2026-02-01T00:00:00.000Z', stockVersion: 't2' },
    ]);
  });

  it("hold each customer's orders with their timelines", async () => {
    const { orderHistory } = await snapshotViews(db, inOrder);
    expect(orderHistory.filter((e) => e.userId === 'user-2').map((e) => e.orderId)).toEqual(['o-shipped']);
    const cancelled = orderHistory.find((e) => e.orderId === 'o-cancelled')!;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', version: 3, lineCount: 2 });
    expect((cancelled.timeline as { status: string }[]).map((c) => c.status)).toEqual([
      'PENDING',
      'CONFIRMED',
      'CANCELLED',
    ]);
  });

  it('count confirmed and shipped orders on their confirmation day, not cancelled or failed ones', async () => {
    const { dailySales } = await snapshotViews(db, inOrder);
    expect(dailySales).toEqual([
      {
        month: '2026-03',
        sk: '2026-03-01#EUR',
        day: '2026-03-01',
        currency: 'EUR',
        orders: 1,
        revenue: 1000,
        units: 3,
      },
      {
        month: '2026-03',
        sk: '2026-03-01#USD',
        day: '2026-03-01',
        currency: 'USD',
        orders: 2,
        revenue: 7560,
        units: 6,
      },
    ]);
  });
});

describe('the same changes', () => {
  it.each([1, 2, 3, 4, 5])('shuffled and duplicated (seed %i) give the same views', async (seed) => {
    const views = await freshViews();
    await apply(views, shuffled([...changes, ...changes, ...changes.slice(0, seed * 3)], seed));
    expect(await snapshotViews(db, views)).toEqual(await snapshotViews(db, inOrder));
  });

  it('applied twice over the kept views change nothing', async () => {
    await apply(inOrder, shuffled(changes, 42));
    const again = await freshViews();
    await apply(again, changes);
    expect(await snapshotViews(db, inOrder)).toEqual(await snapshotViews(db, again));
  });

  it('end with a deleted stock item out of stock, whatever came before at its version', async () => {
    const views = await freshViews();
    const last = stockItem(4, 't9', 'GONE-1');
    await apply(views, [
      { source: 'stock', after: last },
      { source: 'stock', before: last },
      { source: 'stock', after: last },
    ]);
    const { productCards } = await snapshotViews(db, views);
    expect(productCards).toEqual([{ sku: 'GONE-1', inStock: false, stockVersion: 't9' }]);
  });

  it('written by concurrent projectors give the same views', async () => {
    const views = await freshViews();
    const shuffledOnce = shuffled([...changes, ...changes], 7);
    const half = Math.ceil(shuffledOnce.length / 2);
    await Promise.all([
      apply(views, shuffledOnce.slice(0, half)),
      apply(views, shuffledOnce.slice(half)),
      apply(views, changes),
    ]);
    expect(await snapshotViews(db, views)).toEqual(await snapshotViews(db, inOrder));
  });
});

describe('the grid read from the ProductCards view', () => {
  let views: ViewTables;
  let reads: ViewReads;
  const grid = async (args: Partial<Parameters<ViewReads['productCards']>[0]>) =>
    (await reads.productCards({ words: [], sort: 'FEATURED', limit: 100, ...args })).items.map((c) => c.sku);

  beforeAll(async () => {
    views = await freshViews();
    reads = new ViewReads(views, db);
    const listed = [
      product({ sku: 'MUG-1', slug: 'mug-1', name: 'Crème mug', price: 1250 }),
      product({ sku: 'MUG-2', slug: 'mug-2', name: 'Tall mug', price: 1800, createdAt: '2026-01-02T00:00:00.000Z' }),
      product({ sku: 'TEE-1', slug: 'tee-1', name: 'Linen tee', category: 'apparel', price: 3000, description: '' }),
      product({ sku: 'CAP-1', slug: 'cap-1', name: 'Wool cap', category: 'apparel', price: 2200, active: false }),
    ];
    await apply(views, [
      ...listed.map((after) => ({ source: 'product' as const, after })),
      { source: 'stock', after: stockItem(0, 't1', 'MUG-1') },
      { source: 'stock', after: stockItem(4, 't1', 'MUG-2') },
      { source: 'stock', after: stockItem(4, 't1', 'CAP-1') },
    ]);
  });

  it('lists the listed cards only, each with its stock flag', async () => {
    const { items } = await reads.productCards({ words: [], sort: 'NAME', limit: 100 });
    expect(items.map((c) => [c.sku, c.inStock])).toEqual([
      ['MUG-1', false],
      ['TEE-1', false],
      ['MUG-2', true],
    ]);
  });

  it('filters by every word, category and price range, in DynamoDB', async () => {
    expect(await grid({ words: ['creme'] })).toEqual(['MUG-1']);
    expect(await grid({ words: ['mug', 'kitchen'] })).toEqual(['MUG-2', 'MUG-1']);
    expect(await grid({ words: ['mug', 'apparel'] })).toEqual([]);
    expect(await grid({ category: 'apparel' })).toEqual(['TEE-1']);
    expect(await grid({ category: 'kitchen', words: ['tall'] })).toEqual(['MUG-2']);
    expect(await grid({ minPrice: 1250, maxPrice: 1800, sort: 'PRICE_DESC' })).toEqual(['MUG-2', 'MUG-1']);
    expect(await grid({ minPrice: 1251 })).toEqual(['MUG-2', 'TEE-1']);
    expect(await grid({ maxPrice: 1249 })).toEqual([]);
  });

  it('pages through a category, a full page at a time', async () => {
    const first = await reads.productCards({ words: [], category: 'kitchen', sort: 'PRICE_ASC', limit: 1 });
    expect(first.items.map((c) => c.sku)).toEqual(['MUG-1']);
    const second = await reads.productCards({
      words: [],
      category: 'kitchen',
      sort: 'PRICE_ASC',
      limit: 1,
      nextToken: first.nextToken!,
    });
    expect(second).toMatchObject({ items: [{ sku: 'MUG-2' }], nextToken: null });
  });
});

describe('rebuildViews', () => {
  it('makes, from the final source items, views equal to the incrementally kept ones', async () => {
    const sources: SourceTables = { products: 'Product-src', stock: 'Stock-src', orders: 'Orders-src' };
    const table = (TableName: string, key: string) =>
      client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
        }),
      );
    await Promise.all([table(sources.products, 'sku'), table(sources.stock, 'sku'), table(sources.orders, 'orderId')]);
    const put = (TableName: string, Item: object) => db.send(new PutCommand({ TableName, Item }));
    for (const p of [products.at(-1)!, hidden.at(-1)!]) await put(sources.products, p);
    for (const s of [stock.at(-1)!, emptied.at(-1)!]) await put(sources.stock, s);
    for (const records of Object.values(orders)) await put(sources.orders, records.at(-1)![1]);

    const views = await freshViews();
    await apply(views, changes.slice(0, 5)); // stale content the rebuild must clear
    expect(await rebuildViews(db, sources, views)).toEqual({ products: 2, stock: 2, orders: 5 });
    expect(await snapshotViews(db, views)).toEqual(await snapshotViews(db, inOrder));
  });
});
