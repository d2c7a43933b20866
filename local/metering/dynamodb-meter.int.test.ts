import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../dynamodb/server';
import { startDynamoDbMeter, type DynamoDbMeter } from './dynamodb-meter';

const ORDERS = 'meter-orders';
const STOCK = 'meter-stock';
/** pk (2) + 'order-1'-like value + body (4) + 1,500 bytes: about 1.5 KB, 2 write units, 1 read unit. */
const BODY = 'x'.repeat(1500);

/** One raw JSON-protocol call, as an SDK would send it, answering the exact bytes and headers. */
const raw = async (endpoint: string, target: string, body: unknown) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': target,
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
};

describe('the DynamoDB metering proxy, in front of DynamoDB Local', () => {
  let db: RunningDynamoDb;
  let meter: DynamoDbMeter;
  let admin: DynamoDBClient;
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  const work = mkdtempSync(join(tmpdir(), 'cloudshop-meter-'));

  beforeAll(async () => {
    db = await startDynamoDb({ dataDir: join(work, 'data'), port: 0, inMemory: true });
    meter = await startDynamoDbMeter({ target: db.endpoint, port: 0 });
    admin = localDynamoDbClient(db.endpoint);
    for (const [TableName, sortKey] of [
      [ORDERS, undefined],
      [STOCK, 'sk'],
    ] as const) {
      await admin.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            ...(sortKey ? [{ AttributeName: sortKey, AttributeType: 'S' as const }] : []),
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : []),
          ],
        }),
      );
    }
    client = localDynamoDbClient(meter.endpoint);
    doc = DynamoDBDocumentClient.from(client);
    await doc.send(new PutCommand({ TableName: ORDERS, Item: { pk: 'order-1', body: BODY } }));
    for (let i = 0; i < 5; i++) {
      await doc.send(new PutCommand({ TableName: STOCK, Item: { pk: 'sku-1', sk: `bin-${i}`, n: i, body: BODY } }));
    }
  }, 120_000);
  beforeEach(() => meter.reset());
  afterAll(async () => {
    client?.destroy();
    admin?.destroy();
    await meter?.close();
    await db?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('counts a put of a ~1.5 KB item as 2 write units, and answers without ConsumedCapacity', async () => {
    const out = await doc.send(new PutCommand({ TableName: ORDERS, Item: { pk: 'order-2', body: BODY } }));
    expect(out.ConsumedCapacity).toBeUndefined();
    expect(meter.metrics()).toMatchObject({
      writeUnits: 2,
      readUnits: 0,
      requests: 1,
      byTable: { [ORDERS]: { writeUnits: 2, readUnits: 0, requests: 1 } },
    });
  });

  it('counts a strongly consistent get of it as 1 read unit, an eventually consistent one as 0.5', async () => {
    const strong = await doc.send(new GetCommand({ TableName: ORDERS, Key: { pk: 'order-1' }, ConsistentRead: true }));
    expect(strong.Item?.body).toBe(BODY);
    expect(meter.metrics().readUnits).toBe(1);
    meter.reset();
    await doc.send(new GetCommand({ TableName: ORDERS, Key: { pk: 'order-1' } }));
    expect(meter.metrics().readUnits).toBe(0.5);
  });

  it('counts a TransactWriteItems of two small items as 4 write units, 2 per table', async () => {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: ORDERS, Item: { pk: 'order-3', status: 'PLACED' } } },
          { Put: { TableName: STOCK, Item: { pk: 'sku-2', sk: 'bin-0', n: 1 } } },
        ],
      }),
    );
    expect(meter.metrics()).toMatchObject({
      writeUnits: 4,
      requests: 1,
      byTable: { [ORDERS]: { writeUnits: 2, requests: 1 }, [STOCK]: { writeUnits: 2, requests: 1 } },
    });
  });

  it('counts a conditional put that fails by the existing item (2), and one on a missing item as 1', async () => {
    const refused = doc.send(
      new PutCommand({
        TableName: ORDERS,
        Item: { pk: 'order-1', body: 'small' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await expect(refused).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(meter.metrics()).toMatchObject({ writeUnits: 2, requests: 1 });

    meter.reset();
    const missing = doc.send(
      new UpdateCommand({
        TableName: ORDERS,
        Key: { pk: 'no-such-order' },
        UpdateExpression: 'SET #s = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'PAID' },
      }),
    );
    await expect(missing).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(meter.metrics().writeUnits).toBe(1);
    // The proxy reads items of its own to size them: those reads are not counted.
    expect(meter.metrics().readUnits).toBe(0);
  });

  it('passes a failed conditional write through byte for byte', async () => {
    const request = {
      TableName: ORDERS,
      Item: { pk: { S: 'order-1' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    const direct = await raw(db.endpoint, 'DynamoDB_20120810.PutItem', request);
    const proxied = await raw(meter.endpoint, 'DynamoDB_20120810.PutItem', request);
    expect(proxied.status).toBe(400);
    expect(proxied.text).toBe(direct.text);
    expect(JSON.parse(proxied.text).__type).toMatch(/ConditionalCheckFailedException$/);
  });

  it('counts a cancelled transaction as each item failing its condition, doubled', async () => {
    const cancelled = doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: STOCK, Item: { pk: 'sku-3', sk: 'bin-0' } } },
          {
            ConditionCheck: {
              TableName: ORDERS,
              Key: { pk: 'order-1' },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    await expect(cancelled).rejects.toBeInstanceOf(TransactionCanceledException);
    // The put's item does not exist: 1 × 2. The checked order is ~1.5 KB: 2 × 2.
    expect(meter.metrics()).toMatchObject({
      writeUnits: 6,
      byTable: { [STOCK]: { writeUnits: 2 }, [ORDERS]: { writeUnits: 4 } },
    });
  });

  it('gives a client that asks for ConsumedCapacity what DynamoDB Local reported, and counts it', async () => {
    const out = await doc.send(
      new GetCommand({
        TableName: ORDERS,
        Key: { pk: 'order-1' },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(out.ConsumedCapacity).toEqual({ TableName: ORDERS, CapacityUnits: 1 });
    expect(meter.metrics().readUnits).toBe(1);
  });

  it('answers a client that does not ask exactly what DynamoDB Local would, with a matching x-amz-crc32', async () => {
    const request = { TableName: ORDERS, Key: { pk: { S: 'order-1' } }, ConsistentRead: true };
    const direct = await raw(db.endpoint, 'DynamoDB_20120810.GetItem', request);
    const proxied = await raw(meter.endpoint, 'DynamoDB_20120810.GetItem', request);
    expect(proxied.status).toBe(200);
    expect(proxied.text).not.toContain('ConsumedCapacity');
    expect(proxied.text).toBe(direct.text);
    expect(proxied.headers.get('content-length')).toBe(String(proxied.bytes.length));
    // DynamoDB Local sends x-amz-crc32 on success; the proxy's must fit the body it sends.
    expect(direct.headers.get('x-amz-crc32')).toBe(String(crc32(direct.bytes)));
    expect(proxied.headers.get('x-amz-crc32')).toBe(String(crc32(proxied.bytes)));
    expect(meter.metrics().readUnits).toBe(1);
  });

  it('counts a Query by the items it reads, before any filter, and an empty one as the minimum read', async () => {
    // Five ~1.5 KB items: ~7.6 KB, two 4 KB units.
    const all = await doc.send(
      new QueryCommand({
        TableName: STOCK,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'sku-1' },
        ConsistentRead: true,
      }),
    );
    expect(all.Items).toHaveLength(5);
    expect(all.ConsumedCapacity).toBeUndefined();
    expect(meter.metrics().readUnits).toBe(2);

    meter.reset();
    const filtered = await doc.send(
      new QueryCommand({
        TableName: STOCK,
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'n = :n',
        ExpressionAttributeValues: { ':p': 'sku-1', ':n': 0 },
      }),
    );
    expect(filtered.Items).toHaveLength(1);
    expect(meter.metrics().readUnits).toBe(1);

    meter.reset();
    await doc.send(
      new QueryCommand({
        TableName: STOCK,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'no-such-sku' },
      }),
    );
    expect(meter.metrics()).toMatchObject({ readUnits: 0.5, requests: 1 });
  });

  it('splits batches by table, and counts BatchGetItem keys it does not find as minimum reads', async () => {
    await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [ORDERS]: [{ PutRequest: { Item: { pk: 'order-4', body: BODY } } }],
          [STOCK]: [
            { PutRequest: { Item: { pk: 'sku-4', sk: 'bin-0' } } },
            { PutRequest: { Item: { pk: 'sku-4', sk: 'bin-1' } } },
          ],
        },
      }),
    );
    expect(meter.metrics()).toMatchObject({
      writeUnits: 4,
      requests: 1,
      byTable: { [ORDERS]: { writeUnits: 2, requests: 1 }, [STOCK]: { writeUnits: 2, requests: 1 } },
    });

    meter.reset();
    await doc.send(
      new BatchGetCommand({
        RequestItems: {
          [ORDERS]: { Keys: [{ pk: 'order-4' }, { pk: 'no-such-order' }], ConsistentRead: true },
          [STOCK]: { Keys: [{ pk: 'sku-4', sk: 'bin-0' }] },
        },
      }),
    );
    expect(meter.metrics()).toMatchObject({
      readUnits: 2.5,
      byTable: { [ORDERS]: { readUnits: 2 }, [STOCK]: { readUnits: 0.5 } },
    });
  });

  it('passes errors, DynamoDB Streams and PartiQL through, counting no units', async () => {
    const missingTable = { TableName: 'no-such-table', Key: { pk: { S: 'x' } } };
    const direct = await raw(db.endpoint, 'DynamoDB_20120810.GetItem', missingTable);
    const proxied = await raw(meter.endpoint, 'DynamoDB_20120810.GetItem', missingTable);
    expect(proxied.status).toBe(400);
    expect(proxied.text).toBe(direct.text);

    const streams = await raw(meter.endpoint, 'DynamoDBStreams_20120810.ListStreams', {});
    expect(streams.status).toBe(200);
    expect(JSON.parse(streams.text)).toEqual({ Streams: [] });

    const partiql = await raw(meter.endpoint, 'DynamoDB_20120810.ExecuteStatement', {
      Statement: `SELECT * FROM "${ORDERS}" WHERE pk = 'order-1'`,
    });
    expect(partiql.status).toBe(200);

    expect(meter.metrics()).toEqual({
      readUnits: 0,
      writeUnits: 0,
      requests: 1,
      byTable: { 'no-such-table': { readUnits: 0, writeUnits: 0, requests: 1 } },
      unmetered: { ExecuteStatement: 1 },
    });
  });
});
