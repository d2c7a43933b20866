/**
 * The notifications with their real adapters: the ledger on DynamoDB Local, and SES and SNS through
 * the local cloud's endpoints into an outbox. What a shopper would notice: one email per event,
 * however often the event comes.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../../../local/dynamodb/server';
import { sesRoutes } from '../../../local/ses';
import { FileOutbox, startCloudServer, type RunningCloudServer } from '../../../local/sns';
import { confirmedOrder, eventBridgeEvent } from '../shipping/test-events';
import { DynamoSentLedger } from './ledger';
import type { Email } from './messages';
import { Notifications, RETENTION_SECONDS } from './notifications';
import { SesMailer } from './ses-mailer';
import { SnsAdminAlerts } from './sns-alerts';

const TABLE = 'SentNotifications-int';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:AdminAlerts';
const local = { region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };

let dynamodb: RunningDynamoDb;
let client: DynamoDBClient;
let outbox: FileOutbox;
let cloud: RunningCloudServer;
let ses: SESv2Client;
let sns: SNSClient;
let mailer: SesMailer;
let n = 0;

const notifications = () =>
  new Notifications(new DynamoSentLedger(TABLE, client), mailer, new SnsAdminAlerts(TOPIC, sns));

beforeAll(async () => {
  dynamodb = await startDynamoDb({ dataDir: '.local/unused', port: 0, inMemory: true });
  client = localDynamoDbClient(dynamodb.endpoint);
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
    }),
  );
  outbox = new FileOutbox();
  cloud = await startCloudServer({ outbox, topics: [TOPIC], routes: sesRoutes(outbox) }, { port: 0 });
  ses = new SESv2Client({ ...local, endpoint: cloud.url });
  sns = new SNSClient({ ...local, endpoint: cloud.url });
  mailer = new SesMailer('cloudshop <orders@cloudshop.example>', ses);
}, 60_000);

afterAll(async () => {
  ses?.destroy();
  sns?.destroy();
  client?.destroy();
  await cloud?.close();
  await dynamodb?.stop();
});

/** An order confirmed for a shopper of its own, so that each test reads only its own emails. */
const orderFor = () => {
  const to = `shopper-${++n}@example.com`;
  const eventId = `evt-${n}`;
  return {
    to,
    eventId,
    event: eventBridgeEvent('OrderConfirmed', confirmedOrder(`order-${n}`, { email: to }), eventId),
  };
};

describe('notifications through SES and SNS', () => {
  it('the same event twice sends one email, and the ledger remembers it for 30 days', async () => {
    const { to, eventId, event } = orderFor();
    expect(await notifications().handle(event)).toMatchObject({ outcome: 'SENT' });
    expect(await notifications().handle(event)).toMatchObject({ outcome: 'DUPLICATE' });
    const emails = outbox.emails({ to });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ subject: 'Your cloudshop order is confirmed' });
    expect(emails[0].body).toContain('Total: €43.50');
    const { Item } = await DynamoDBDocumentClient.from(client).send(
      new GetCommand({ TableName: TABLE, Key: { key: eventId }, ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ status: 'SENT', event: 'OrderConfirmed' });
    expect(Item!.expiresAt - Item!.claimedAt).toBe(RETENTION_SECONDS);
  });

  it('five deliveries of one event at once still send one email', async () => {
    const { to, event } = orderFor();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => notifications().handle(event)));
    expect(outcomes.filter((o) => o.outcome === 'SENT')).toHaveLength(1);
    expect(outbox.emails({ to })).toHaveLength(1);
  });

  it('a send SES refused is sent by the retry', async () => {
    const { to, event } = orderFor();
    const real = mailer.send.bind(mailer);
    mailer.send = async (email: Email) => real({ ...email, to: 'not an address' }); // SES answers BadRequestException
    await expect(notifications().handle(event)).rejects.toMatchObject({ name: 'BadRequestException' });
    mailer.send = real;
    expect(outbox.emails({ to })).toHaveLength(0);
    expect(await notifications().handle(event)).toMatchObject({ outcome: 'SENT' });
    expect(outbox.emails({ to })).toHaveLength(1);
  });

  it('stock low goes to the admins’ topic, once', async () => {
    const event = eventBridgeEvent('StockLow', { sku: 'MUG-1', available: 2, threshold: 5 }, `evt-stock-${++n}`);
    await notifications().handle(event);
    await notifications().handle(event);
    expect(outbox.sns({ topicArn: TOPIC })).toEqual([
      expect.objectContaining({
        subject: 'Stock low: MUG-1 has 2 left',
        message: expect.stringContaining('Only 2 units of MUG-1 left for sale'),
        attributes: { event: 'StockLow', sku: 'MUG-1' },
      }),
    ]);
  });
});
