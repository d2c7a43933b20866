/**
 * The shipping handlers as Lambda runs them (built from their environment) against DynamoDB Local:
 * an event or task delivered twice changes the shipment once.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../../../local/dynamodb/server';
import { cancelledOrder, confirmedOrder, eventBridgeEvent } from './test-events';

const TABLE = 'Shipments-handlers-int';

let dynamodb: RunningDynamoDb;
let client: DynamoDBClient;
let create: typeof import('./create').handler;
let dispatch: typeof import('./dispatch').handler;
let cancel: typeof import('./cancel').handler;

beforeAll(async () => {
  dynamodb = await startDynamoDb({ dataDir: '.local/unused', port: 0, inMemory: true });
  client = localDynamoDbClient(dynamodb.endpoint);
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    }),
  );
  vi.stubEnv('SHIPMENTS_TABLE', TABLE);
  vi.stubEnv('SHIPMENT_DISPATCH_DELAY_SECONDS', '45');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamodb.endpoint);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  ({ handler: create } = await import('./create'));
  ({ handler: dispatch } = await import('./dispatch'));
  ({ handler: cancel } = await import('./cancel'));
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  client?.destroy();
  await dynamodb?.stop();
});

const shipment = async (orderId: string) =>
  (
    await DynamoDBDocumentClient.from(client).send(
      new GetCommand({ TableName: TABLE, Key: { orderId }, ConsistentRead: true }),
    )
  ).Item;

describe('shipping handlers', () => {
  it('create, twice: one shipment, the same answer, and the warehouse’s delay', async () => {
    const event = eventBridgeEvent('OrderConfirmed', confirmedOrder('order-h1'));
    const first = await create(event);
    expect(first).toEqual({
      orderId: 'order-h1',
      shipmentId: expect.stringMatching(/^shp_/),
      dispatchDelaySeconds: 45,
    });
    expect(await create(event)).toEqual(first);
    expect(await shipment('order-h1')).toMatchObject({ shipmentId: first.shipmentId, status: 'READY', version: 1 });
  });

  it('dispatch, twice: dispatched once with its tracking number; a later cancel is refused', async () => {
    await create(eventBridgeEvent('OrderConfirmed', confirmedOrder('order-h2')));
    const first = await dispatch({ orderId: 'order-h2' });
    expect(first).toMatchObject({
      status: 'DISPATCHED',
      carrier: 'Cloudshop Post',
      trackingNumber: expect.stringMatching(/^CP\d{11}CS$/),
    });
    expect(await dispatch({ orderId: 'order-h2' })).toEqual(first);
    expect(await shipment('order-h2')).toMatchObject({ status: 'DISPATCHED', version: 2 });
    await expect(cancel(eventBridgeEvent('OrderCancelled', cancelledOrder('order-h2')))).rejects.toMatchObject({
      name: 'ShipmentAlreadyDispatched',
    });
  });

  it('cancel, twice: cancelled once, and the saga then neither waits nor dispatches', async () => {
    const cancelled = eventBridgeEvent('OrderCancelled', cancelledOrder('order-h3'));
    expect(await cancel(cancelled)).toEqual({ orderId: 'order-h3', status: 'CANCELLED' });
    expect(await cancel(cancelled)).toEqual({ orderId: 'order-h3', status: 'CANCELLED' });
    expect(await create(eventBridgeEvent('OrderConfirmed', confirmedOrder('order-h3')))).toMatchObject({
      dispatchDelaySeconds: 0,
    });
    expect(await dispatch({ orderId: 'order-h3' })).toMatchObject({ status: 'CANCELLED' });
    expect(await shipment('order-h3')).toMatchObject({ status: 'CANCELLED', version: 1 });
  });

  it('refuses an event it does not take as MalformedEvent', async () => {
    await expect(create(eventBridgeEvent('OrderCancelled', cancelledOrder('order-h4')))).rejects.toMatchObject({
      name: 'MalformedEvent',
    });
  });
});
