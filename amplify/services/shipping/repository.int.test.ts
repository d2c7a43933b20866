/**
 * The Shipments adapter against DynamoDB Local (in memory, on a free port): the conditional writes
 * keep one shipment per order and one status change per race, and every write bumps the version.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../../../local/dynamodb/server';
import { ShipmentAlreadyDispatched } from './errors';
import { DynamoShipmentsRepository } from './repository';
import { Shipping } from './shipping';
import { cancelledOrder, confirmedOrder } from './test-events';

const TABLE = 'Shipments-int';

let dynamodb: RunningDynamoDb;
let client: DynamoDBClient;
let db: DynamoDBDocumentClient;
let shipping: Shipping;
let n = 0;
const unique = () => `order-${++n}`;

beforeAll(async () => {
  dynamodb = await startDynamoDb({ dataDir: '.local/unused', port: 0, inMemory: true });
  client = localDynamoDbClient(dynamodb.endpoint);
  db = DynamoDBDocumentClient.from(client);
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  shipping = new Shipping(new DynamoShipmentsRepository(TABLE, client));
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await dynamodb?.stop();
});

const item = async (orderId: string) =>
  (await db.send(new GetCommand({ TableName: TABLE, Key: { orderId }, ConsistentRead: true }))).Item;

describe('DynamoShipmentsRepository', () => {
  it('stores a shipment as the item the projections read', async () => {
    const orderId = unique();
    const shipment = await shipping.create(confirmedOrder(orderId));
    expect(await item(orderId)).toEqual(shipment);
    expect(shipment).toMatchObject({ status: 'READY', version: 1, shippingAddress: { country: 'GB' } });
  });

  it('keeps one shipment per order when the same order is created ten times at once', async () => {
    const orderId = unique();
    const made = await Promise.all(Array.from({ length: 10 }, () => shipping.create(confirmedOrder(orderId))));
    expect(new Set(made.map((s) => s.shipmentId)).size).toBe(1);
    expect((await item(orderId))?.shipmentId).toBe(made[0].shipmentId);
  });

  it('dispatches once when dispatch and its retries race, bumping the version once', async () => {
    const orderId = unique();
    await shipping.create(confirmedOrder(orderId));
    const answers = await Promise.all(Array.from({ length: 5 }, () => shipping.dispatch({ orderId })));
    expect(new Set(answers.map((s) => s.dispatchedAt)).size).toBe(1);
    expect(await item(orderId)).toMatchObject({ status: 'DISPATCHED', version: 2, carrier: 'Cloudshop Post' });
  });

  it('lets exactly one of a racing dispatch and cancel win', async () => {
    const orderId = unique();
    await shipping.create(confirmedOrder(orderId));
    const [dispatched, cancelled] = await Promise.allSettled([
      shipping.dispatch({ orderId }),
      shipping.cancel(cancelledOrder(orderId)),
    ]);
    const final = await item(orderId);
    expect(final?.version).toBe(2);
    if (final?.status === 'DISPATCHED') {
      expect(cancelled).toMatchObject({ status: 'rejected', reason: expect.any(ShipmentAlreadyDispatched) });
    } else {
      expect(final?.status).toBe('CANCELLED');
      expect(dispatched).toMatchObject({ status: 'fulfilled', value: { status: 'CANCELLED' } });
    }
  });

  it('writes a CANCELLED shipment for a cancel that comes first; creating it afterwards changes nothing', async () => {
    const orderId = unique();
    await shipping.cancel(cancelledOrder(orderId));
    expect(await shipping.create(confirmedOrder(orderId))).toMatchObject({ status: 'CANCELLED', version: 1 });
    expect(await item(orderId)).not.toHaveProperty('shippingAddress');
  });
});
