/**
 * The DynamoDB adapter against DynamoDB Local (its own in-memory instance, not the local cloud's):
 * the conditions and transactions that keep stock from going below zero, under concurrency.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  TransactionCanceledException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../../../local/dynamodb/server';
import { NotFoundError, UserInputError } from '../shared/errors';
import { OutOfStock, ReservationReleased } from './errors';
import { Inventory } from './inventory';
import { DynamoInventoryRepository, RESERVATION_TTL_ATTRIBUTE, type InventoryTables } from './repository';

const tables: InventoryTables = { stock: 'Stock', reservations: 'Reservations', adjustments: 'StockAdjustments' };

const table = (TableName: string, hash: string, range?: string): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [hash, range].filter(Boolean).map((name) => ({ AttributeName: name!, AttributeType: 'S' })),
  KeySchema: [
    { AttributeName: hash, KeyType: 'HASH' },
    ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
  ],
});

let db: RunningDynamoDb;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let clock: Date;
let inventory: Inventory;
let n = 0;
/** A SKU and an order id no other test uses (the tables are shared by the whole file). */
const unique = (prefix: string) => `${prefix}-${++n}`;

beforeAll(async () => {
  db = await startDynamoDb({ dataDir: '', port: 0, inMemory: true });
  client = localDynamoDbClient(db.endpoint);
  doc = DynamoDBDocumentClient.from(client);
  await client.send(new CreateTableCommand(table(tables.stock, 'sku')));
  await client.send(new CreateTableCommand(table(tables.reservations, 'orderId', 'sku')));
  await client.send(new CreateTableCommand(table(tables.adjustments, 'sku', 'at')));
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await db?.stop();
});

beforeEach(() => {
  clock = new Date();
  inventory = new Inventory(new DynamoInventoryRepository(tables, client), () => clock);
});

const stockItem = async (sku: string) =>
  (await doc.send(new GetCommand({ TableName: tables.stock, Key: { sku }, ConsistentRead: true }))).Item;
const units = async (sku: string) => {
  const item = await stockItem(sku);
  return item && { available: item.available, reserved: item.reserved };
};
const query = async (TableName: string, key: string, value: string) =>
  (
    await doc.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: '#k = :v',
        ExpressionAttributeNames: { '#k': key },
        ExpressionAttributeValues: { ':v': value },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];
const reservations = (orderId: string) => query(tables.reservations, 'orderId', orderId);
const audit = (sku: string) => query(tables.adjustments, 'sku', sku);
const stocked = async (available: number) => {
  const sku = unique('SKU');
  await inventory.setStock({ sku, available, by: 'admin-1', reason: 'test stock' });
  return sku;
};

describe('reserve, release and commit', () => {
  it('reserve holds units once, however often it is repeated', async () => {
    const [a, b] = [await stocked(10), await stocked(5)];
    const orderId = unique('order');
    const lines = [
      { sku: a, quantity: 2 },
      { sku: b, quantity: 1 },
      { sku: a, quantity: 1 },
    ];
    const first = await inventory.reserve({ orderId, lines, ttlSeconds: 600 });
    expect(await inventory.reserve({ orderId, lines, ttlSeconds: 600 })).toEqual(first);
    // Concurrent repeats (a retried task racing the first) change nothing either.
    await Promise.all([1, 2, 3].map(() => inventory.reserve({ orderId, lines, ttlSeconds: 600 })));

    expect(await units(a)).toEqual({ available: 7, reserved: 3 });
    expect(await units(b)).toEqual({ available: 4, reserved: 1 });
    const held = await reservations(orderId);
    expect(held.map((r) => [r.sku, r.quantity, r.status]).sort()).toEqual(
      [
        [a, 3, 'HELD'],
        [b, 1, 'HELD'],
      ].sort(),
    );
    // A HELD reservation carries no TTL attribute: TTL can never delete reserved stock.
    expect(held.every((r) => r.expiresAt === first.expiresAt && !(RESERVATION_TTL_ATTRIBUTE in r))).toBe(true);
  });

  it('release gives the units back once; without a reservation it is a no-op', async () => {
    const sku = await stocked(10);
    const orderId = unique('order');
    await inventory.reserve({ orderId, lines: [{ sku, quantity: 4 }], ttlSeconds: 600 });

    expect((await inventory.release({ orderId })).released).toEqual([{ sku, quantity: 4 }]);
    expect((await inventory.release({ orderId })).released).toEqual([]);
    await Promise.all([inventory.release({ orderId }), inventory.release({ orderId })]);
    expect(await units(sku)).toEqual({ available: 10, reserved: 0 });
    const [released] = await reservations(orderId);
    expect(released.status).toBe('RELEASED');
    expect(released[RESERVATION_TTL_ATTRIBUTE]).toBeGreaterThan(Date.now() / 1000);

    expect(await inventory.release({ orderId: unique('never-reserved') })).toMatchObject({ released: [] });
    await expect(inventory.reserve({ orderId, lines: [{ sku, quantity: 4 }], ttlSeconds: 600 })).rejects.toBeInstanceOf(
      ReservationReleased,
    );
    expect(await units(sku)).toEqual({ available: 10, reserved: 0 });
  });

  it('commit sells the held units once; a released order cannot be committed', async () => {
    const sku = await stocked(10);
    const orderId = unique('order');
    await inventory.reserve({ orderId, lines: [{ sku, quantity: 3 }], ttlSeconds: 600 });
    await Promise.all([inventory.commit({ orderId }), inventory.commit({ orderId })]);
    await inventory.commit({ orderId });
    expect(await units(sku)).toEqual({ available: 7, reserved: 0 });
    expect((await reservations(orderId))[0].status).toBe('COMMITTED');
    // Compensation after the sale changes nothing.
    expect((await inventory.release({ orderId })).released).toEqual([]);
    expect(await units(sku)).toEqual({ available: 7, reserved: 0 });

    const released = unique('order');
    await inventory.reserve({ orderId: released, lines: [{ sku, quantity: 1 }], ttlSeconds: 600 });
    await inventory.release({ orderId: released });
    await expect(inventory.commit({ orderId: released })).rejects.toMatchObject({ name: 'ReservationReleased' });
    expect(await units(sku)).toEqual({ available: 7, reserved: 0 });
  });

  it('writes nothing when one line is short, and names it', async () => {
    const [plenty, few] = [await stocked(10), await stocked(1)];
    const unknown = unique('UNKNOWN');
    const orderId = unique('order');
    const error = await inventory
      .reserve({
        orderId,
        lines: [
          { sku: plenty, quantity: 5 },
          { sku: few, quantity: 2 },
          { sku: unknown, quantity: 1 },
        ],
        ttlSeconds: 600,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfStock);
    expect((error as OutOfStock).skus).toContain(few);
    expect((error as OutOfStock).skus).not.toContain(plenty);
    expect(await units(plenty)).toEqual({ available: 10, reserved: 0 });
    expect(await units(few)).toEqual({ available: 1, reserved: 0 });
    expect(await stockItem(unknown)).toBeUndefined();
    expect(await reservations(orderId)).toEqual([]);
  });

  it('holds 50 lines in one transaction', async () => {
    const skus = await Promise.all(Array.from({ length: 50 }, () => stocked(99)));
    const orderId = unique('order');
    await inventory.reserve({ orderId, lines: skus.map((sku) => ({ sku, quantity: 99 })), ttlSeconds: 600 });
    expect(await reservations(orderId)).toHaveLength(50);
    expect(await inventory.stockOf(skus.slice(0, 3))).toEqual(skus.slice(0, 3).map((sku) => ({ sku, available: 0 })));
  });
});

describe('under concurrency', () => {
  it('40 orders for the last 10 units: exactly 10 get one, stock ends at 0 available and 10 reserved', async () => {
    const sku = await stocked(10);
    const orders = Array.from({ length: 40 }, () => unique('rush'));
    const outcomes = await Promise.allSettled(
      orders.map((orderId) => inventory.reserve({ orderId, lines: [{ sku, quantity: 1 }], ttlSeconds: 600 })),
    );
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
    // Contention is retried inside the adapter; whatever still fails must be OutOfStock, never a lost update.
    expect(failures.map((e) => e.name).filter((name) => name !== 'OutOfStock')).toEqual([]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    expect(failures).toHaveLength(30);
    expect(await units(sku)).toEqual({ available: 0, reserved: 10 });

    const held = (await Promise.all(orders.map(reservations))).flat();
    expect(held).toHaveLength(10);

    // Releases and commits racing each other and admin changes keep the books straight.
    const winners = orders.filter((_, i) => outcomes[i].status === 'fulfilled');
    await Promise.all([
      ...winners.slice(0, 5).map((orderId) => inventory.release({ orderId })),
      ...winners.slice(5).map((orderId) => inventory.commit({ orderId })),
      inventory.adjustStock({ sku, delta: 3, by: 'admin-2', reason: 'delivery' }),
    ]);
    expect(await units(sku)).toEqual({ available: 8, reserved: 0 });
  });
});

describe('contention between transactions', () => {
  /**
   * DynamoDB Local serializes transactions, so it never answers `TransactionConflict` as DynamoDB
   * does under a rush: a client that cancels the first `conflicts` transactions stages it.
   */
  const conflicting = (conflicts: number) => {
    const flaky = localDynamoDbClient(db.endpoint);
    let calls = 0;
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && calls++ < conflicts) {
          const items = (args.input as { TransactItems: unknown[] }).TransactItems;
          throw new TransactionCanceledException({
            message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
            $metadata: {},
            CancellationReasons: items.map((_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })),
          });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const retry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 };
    return { flaky, inventory: new Inventory(new DynamoInventoryRepository(tables, flaky, retry), () => clock) };
  };

  it('are retried inside the adapter: the reservation lands once', async () => {
    const sku = await stocked(5);
    const { flaky, inventory: contended } = conflicting(3);
    const orderId = unique('order');
    await contended.reserve({ orderId, lines: [{ sku, quantity: 2 }], ttlSeconds: 600 });
    expect(await units(sku)).toEqual({ available: 3, reserved: 2 });
    expect(await reservations(orderId)).toHaveLength(1);
    flaky.destroy();
  });

  it('end in InventoryBusy (for the saga to retry) when they persist, with nothing written', async () => {
    const sku = await stocked(5);
    const { flaky, inventory: contended } = conflicting(Infinity);
    const orderId = unique('order');
    await expect(contended.reserve({ orderId, lines: [{ sku, quantity: 2 }], ttlSeconds: 600 })).rejects.toMatchObject({
      name: 'InventoryBusy',
    });
    expect(await units(sku)).toEqual({ available: 5, reserved: 0 });
    expect(await reservations(orderId)).toEqual([]);
    // The saga's retry, once the rush is over, holds the stock.
    await inventory.reserve({ orderId, lines: [{ sku, quantity: 2 }], ttlSeconds: 600 });
    expect(await units(sku)).toEqual({ available: 3, reserved: 2 });
    flaky.destroy();
  });
});

describe('admin stock changes', () => {
  it('adjust is refused below zero and for a missing SKU; every change is audited', async () => {
    const sku = await stocked(3);
    await inventory.reserve({ orderId: unique('order'), lines: [{ sku, quantity: 1 }], ttlSeconds: 600 });
    await expect(inventory.adjustStock({ sku, delta: -3, by: 'admin-2', reason: 'damaged' })).rejects.toBeInstanceOf(
      UserInputError,
    );
    const later = () => (clock = new Date(clock.getTime() + 1000)); // the audit sorts by time
    later();
    await inventory.adjustStock({ sku, delta: -2, by: 'admin-2', reason: 'damaged' });
    later();
    await inventory.adjustStock({ sku, delta: 5, by: 'admin-3', reason: 'delivery' });
    await expect(
      inventory.adjustStock({ sku: unique('MISSING'), delta: 1, by: 'admin-2', reason: 'x' }),
    ).rejects.toBeInstanceOf(NotFoundError);

    expect(await units(sku)).toEqual({ available: 5, reserved: 1 });
    const records = await audit(sku);
    expect(records.map(({ by, delta, reason, availableAfter }) => ({ by, delta, reason, availableAfter }))).toEqual([
      { by: 'admin-1', delta: 3, reason: 'test stock', availableAfter: 3 },
      { by: 'admin-2', delta: -2, reason: 'damaged', availableAfter: 0 },
      { by: 'admin-3', delta: 5, reason: 'delivery', availableAfter: 5 },
    ]);
    expect(records.every((r) => /^\d{4}-\d\d-\d\dT[\d:.]+Z#[\w-]+$/.test(r.at))).toBe(true);
  });

  it('concurrent adjustments all land, each audited with the units after it', async () => {
    const sku = await stocked(0);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => inventory.adjustStock({ sku, delta: 1, by: `admin-${i}`, reason: 'count' })),
    );
    expect(await units(sku)).toEqual({ available: 8, reserved: 0 });
    const after = (await audit(sku)).filter((r) => r.reason === 'count').map((r) => r.availableAfter);
    expect(after.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('the sweeper', () => {
  it('releases HELD reservations past their expiry, and only those', async () => {
    const sku = await stocked(10);
    const [expired, fresh, sold] = [unique('expired'), unique('fresh'), unique('sold')];
    await inventory.reserve({ orderId: expired, lines: [{ sku, quantity: 2 }], ttlSeconds: 60 });
    await inventory.reserve({ orderId: fresh, lines: [{ sku, quantity: 3 }], ttlSeconds: 3600 });
    await inventory.reserve({ orderId: sold, lines: [{ sku, quantity: 1 }], ttlSeconds: 60 });
    await inventory.commit({ orderId: sold });

    const later = new Date(clock.getTime() + 61_000);
    const { released, failed } = await inventory.releaseExpired(later);
    expect(failed).toEqual([]);
    expect(released).toContain(expired);
    expect(released).not.toContain(fresh);
    expect(released).not.toContain(sold);
    expect(await units(sku)).toEqual({ available: 6, reserved: 3 });
    await expect(inventory.commit({ orderId: expired })).rejects.toBeInstanceOf(ReservationReleased);

    const { Items = [] } = await doc.send(new ScanCommand({ TableName: tables.reservations }));
    const statuses = Object.fromEntries(Items.map((r) => [r.orderId, r.status]));
    expect([statuses[expired], statuses[fresh], statuses[sold]]).toEqual(['RELEASED', 'HELD', 'COMMITTED']);
  });
});
