/**
 * The orders' DynamoDB adapters against a real DynamoDB Local of their own (in memory, on a free
 * port): the idempotency transaction and the status conditions hold when requests race.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../../../local/dynamodb/server';
import { UserInputError } from '../shared/errors';
import { ProductTableCatalog } from './catalog-port';
import { InvalidTransitionError } from './order';
import { Orders } from './orders';
import { DynamoOrdersRepository } from './repository';

const TABLES = { orders: 'Order-int', idempotency: 'OrderIdempotency-int', products: 'Product-int' };

let dynamodb: RunningDynamoDb;
let client: DynamoDBClient;
let db: DynamoDBDocumentClient;
let orders: Orders;
let repository: DynamoOrdersRepository;

beforeAll(async () => {
  dynamodb = await startDynamoDb({ dataDir: '.local/unused', port: 0, inMemory: true });
  client = localDynamoDbClient(dynamodb.endpoint);
  db = DynamoDBDocumentClient.from(client);
  const string = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  await Promise.all([
    client.send(
      new CreateTableCommand({
        TableName: TABLES.orders,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [string('orderId'), string('userId'), string('createdAt')],
        KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byUser',
            KeySchema: [
              { AttributeName: 'userId', KeyType: 'HASH' },
              { AttributeName: 'createdAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    ),
    client.send(
      new CreateTableCommand({
        TableName: TABLES.idempotency,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [string('key')],
        KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
      }),
    ),
    client.send(
      new CreateTableCommand({
        TableName: TABLES.products,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [string('sku')],
        KeySchema: [{ AttributeName: 'sku', KeyType: 'HASH' }],
      }),
    ),
  ]);
  const product = (sku: string, price: number, active = true) =>
    db.send(
      new PutCommand({
        TableName: TABLES.products,
        Item: {
          sku,
          slug: sku.toLowerCase(),
          name: `Product ${sku}`,
          description: '',
          category: 'kitchen',
          price,
          currency: 'USD',
          images: [],
          active,
        },
      }),
    );
  await Promise.all([product('MUG-1', 1200), product('PLATE-2', 2500), product('OLD-4', 900, false)]);
  repository = new DynamoOrdersRepository({ orders: TABLES.orders, idempotency: TABLES.idempotency }, client);
  orders = new Orders(new ProductTableCatalog(TABLES.products, client), repository, { start: async () => {} });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await dynamodb?.stop();
});

let keys = 0;
const request = (overrides: Record<string, unknown> = {}) => ({
  lines: [
    { sku: 'MUG-1', quantity: 2 },
    { sku: 'PLATE-2', quantity: 1 },
  ],
  shippingAddress: { name: 'Alice', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
  paymentToken: 'tok_test_visa',
  idempotencyKey: `int-key-${++keys}`,
  ...overrides,
});

const ordersOf = async (userId: string) => {
  const { Items = [] } = await db.send(
    new ScanCommand({
      TableName: TABLES.orders,
      FilterExpression: 'userId = :u',
      ExpressionAttributeValues: { ':u': userId },
      ConsistentRead: true,
    }),
  );
  return Items;
};

describe('the orders adapters on DynamoDB Local', () => {
  it('places, stores and reads back an order priced from the Product table', async () => {
    const placed = await orders.placeOrder('user-read', request());
    expect(placed).toMatchObject({ status: 'PENDING', subtotal: 4900, shipping: 500, tax: 432, total: 5832 });
    expect(await orders.order('user-read', { orderId: placed.orderId })).toEqual(placed);
    expect((await repository.get(placed.orderId))!.paymentToken).toBe('tok_test_visa');
    expect(await repository.idempotencyRecord(`user-read#${placed.idempotencyKey}`)).toMatchObject({
      orderId: placed.orderId,
    });
  });

  it('refuses unknown and inactive SKUs read from the Product table', async () => {
    await expect(
      orders.placeOrder(
        'user-refused',
        request({
          lines: [
            { sku: 'SKU-X', quantity: 1 },
            { sku: 'OLD-4', quantity: 1 },
          ],
        }),
      ),
    ).rejects.toThrow(new UserInputError('unknown product SKU-X; OLD-4 is no longer for sale'));
    expect(await ordersOf('user-refused')).toHaveLength(0);
  });

  it('creates exactly one order for concurrent requests with the same key', async () => {
    const same = request();
    const placed = await Promise.all(Array.from({ length: 6 }, () => orders.placeOrder('user-race', same)));
    expect(new Set(placed.map((o) => o.orderId)).size).toBe(1);
    expect(await ordersOf('user-race')).toHaveLength(1);
  });

  it('lets one of concurrent creates with the same key write, and answers the others its record', async () => {
    // Straight at the adapter, past the use case's early read, so every write meets the race.
    const placed = await orders.placeOrder('user-template', request());
    const order = (await repository.get(placed.orderId))!;
    const key = 'user-adapter#adapter-key-1';
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        repository.create(
          { ...order, orderId: `adapter-order-${i}`, userId: 'user-adapter' },
          { key, orderId: `adapter-order-${i}`, requestHash: 'h', createdAt: order.createdAt },
        ),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const winner = (await repository.idempotencyRecord(key))!.orderId;
    for (const r of results) if (!r.created) expect(r.existing.orderId).toBe(winner);
    expect((await ordersOf('user-adapter')).map((o) => o.orderId)).toEqual([winner]);
  });

  it('refuses the concurrent request that reuses the key for a different order', async () => {
    const key = `int-key-${++keys}`;
    const results = await Promise.allSettled([
      orders.placeOrder('user-race-2', request({ idempotencyKey: key })),
      orders.placeOrder('user-race-2', request({ idempotencyKey: key, lines: [{ sku: 'MUG-1', quantity: 9 }] })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refusal] = results.filter((r) => r.status === 'rejected');
    expect(refusal.reason).toEqual(new UserInputError('this idempotency key was used for a different order'));
    expect(await ordersOf('user-race-2')).toHaveLength(1);
  });

  it('lets exactly one of concurrent markConfirmed and markFailed win', async () => {
    for (let round = 0; round < 5; round++) {
      const { orderId } = await orders.placeOrder('user-transitions', request());
      const results = await Promise.allSettled([
        orders.markConfirmed(orderId),
        orders.markFailed(orderId, 'payment declined'),
        orders.markConfirmed(orderId),
        orders.markFailed(orderId, 'out of stock'),
      ]);
      const stored = (await repository.get(orderId))!;
      expect(stored.statusHistory.map((s) => s.status)).toEqual(['PENDING', stored.status]);
      for (const result of results) {
        if (result.status === 'fulfilled') expect(result.value.status).toBe(stored.status);
        else expect(result.reason).toBeInstanceOf(InvalidTransitionError);
      }
      // Each loser asked for the other status; each one asking for the winner's got a no-op.
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(2);
    }
  });

  it('keeps a confirmed order confirmed', async () => {
    const { orderId } = await orders.placeOrder('user-guard', request());
    await orders.markConfirmed(orderId);
    await expect(orders.markFailed(orderId, 'too late')).rejects.toThrow(InvalidTransitionError);
    expect((await repository.get(orderId))!.status).toBe('CONFIRMED');
  });
});
