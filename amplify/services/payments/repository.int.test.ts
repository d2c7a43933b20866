/**
 * The DynamoDB adapter against DynamoDB Local (its own, in memory: this needs no local cloud): the
 * condition expressions, not the code, keep two racing executions from both moving a payment, and
 * the transient counter lives in the table, so it outlives a Lambda container.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../../../local/dynamodb/server';
import { Payments } from './payments';
import { DynamoPaymentRepository } from './repository';
import { countingProvider } from './test-fakes';
import { TestPaymentProvider } from './test-provider';

const TABLE = 'Payments';
let db: RunningDynamoDb;
let client: DynamoDBClient;

beforeAll(async () => {
  db = await startDynamoDb({ dataDir: '', port: 0, inMemory: true });
  client = localDynamoDbClient(db.endpoint);
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await db?.stop();
});

/** A fresh container's worth of objects: its own repository, provider and use cases, one shared table. */
const container = () => {
  const repository = new DynamoPaymentRepository(TABLE, client);
  const provider = countingProvider(new TestPaymentProvider(repository, { timeoutMs: 0 }));
  return { repository, provider, payments: new Payments(provider, repository) };
};

let orders = 0;
const newOrder = (paymentToken = 'tok_visa') => ({
  orderId: `order-${Date.now()}-${++orders}`,
  amount: 2500,
  currency: 'EUR',
  paymentToken,
});

const nameOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'fulfilled',
    (error: Error) => error.name,
  );

describe('payments in DynamoDB', () => {
  it('stores the record as designed', async () => {
    const { payments, repository } = container();
    const order = newOrder();
    const authorized = await payments.authorize(order);
    await payments.capture({ orderId: order.orderId });
    const record = await repository.get(order.orderId);
    expect(record).toEqual({
      orderId: order.orderId,
      status: 'CAPTURED',
      amount: 2500,
      currency: 'EUR',
      token: 'tok_visa',
      providerRef: authorized.providerRef,
      attempts: { authorize: 1, capture: 1 },
      history: [
        { at: expect.any(String), action: 'authorize', outcome: 'authorized', providerRef: authorized.providerRef },
        { at: expect.any(String), action: 'capture', outcome: 'captured', providerRef: authorized.providerRef },
      ],
      createdAt: record?.history[0].at,
      updatedAt: record?.history[1].at,
    });
  });

  it('lets exactly one of two concurrent captures (two containers) call the provider', async () => {
    const order = newOrder();
    await container().payments.authorize(order);
    const [a, b] = [container(), container()];
    const outcomes = await Promise.all([
      nameOf(a.payments.capture({ orderId: order.orderId })),
      nameOf(b.payments.capture({ orderId: order.orderId })),
    ]);
    expect(a.provider.calls.capture + b.provider.calls.capture).toBe(1);
    expect(outcomes).toContain('fulfilled');
    for (const outcome of outcomes) expect(['fulfilled', 'PaymentInProgress']).toContain(outcome);

    const record = await a.repository.get(order.orderId);
    expect(record?.status).toBe('CAPTURED');
    expect(record?.history.filter((h) => h.action === 'capture')).toHaveLength(1);
    // Retried, the loser finds the capture done.
    expect((await b.payments.capture({ orderId: order.orderId })).status).toBe('CAPTURED');
    expect(a.provider.calls.capture + b.provider.calls.capture).toBe(1);
  });

  it('lets only one of many concurrent authorizations call the provider', async () => {
    const order = newOrder();
    const containers = Array.from({ length: 5 }, container);
    const outcomes = await Promise.all(containers.map((c) => nameOf(c.payments.authorize(order))));
    expect(containers.reduce((sum, c) => sum + c.provider.calls.authorize, 0)).toBe(1);
    expect(outcomes).toContain('fulfilled');
    expect((await containers[0].repository.get(order.orderId))?.status).toBe('AUTHORIZED');
  });

  it('keeps the transient counter in the table: a new container continues it', async () => {
    const order = newOrder('tok_transient_2');
    expect(await nameOf(container().payments.authorize(order))).toBe('PaymentProviderUnavailable');
    expect(await nameOf(container().payments.authorize(order))).toBe('PaymentProviderUnavailable');
    const third = container();
    expect((await third.payments.authorize(order)).status).toBe('AUTHORIZED');
    const record = await third.repository.get(order.orderId);
    expect(record?.attempts).toEqual({ authorize: 3 });
    expect(record?.failure).toBeUndefined();
    expect(record?.history.map((h) => h.outcome)).toEqual([
      'PaymentProviderUnavailable',
      'PaymentProviderUnavailable',
      'authorized',
    ]);
  });

  it('counts attempts atomically, even when the first calls of an order race', async () => {
    const { repository } = container();
    const key = `${newOrder().orderId}:authorize`;
    const counts = await Promise.all(Array.from({ length: 8 }, () => repository.recordAttempt(key)));
    expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('records a decline as DECLINED and refuses to void a captured payment', async () => {
    const declined = newOrder('tok_declined');
    const { payments, repository } = container();
    expect(await nameOf(payments.authorize(declined))).toBe('PaymentDeclined');
    expect(await repository.get(declined.orderId)).toMatchObject({
      status: 'DECLINED',
      failure: { error: 'PaymentDeclined', message: 'Your card was declined.' },
    });

    const captured = newOrder();
    await payments.authorize(captured);
    await payments.capture({ orderId: captured.orderId });
    expect(await nameOf(payments.voidAuthorization({ orderId: captured.orderId }))).toBe('InvalidPaymentState');
    expect((await payments.refund({ orderId: captured.orderId })).status).toBe('REFUNDED');
    // Nothing held: no provider call, but the payment is closed, and a late authorization finds it so.
    const abandoned = newOrder();
    expect(await payments.voidAuthorization({ orderId: abandoned.orderId })).toMatchObject({ status: 'VOIDED' });
    expect(await nameOf(payments.authorize(abandoned))).toBe('InvalidPaymentState');
  });
});
