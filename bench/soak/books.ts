/**
 * Reads what the invariants are judged on, as an auditor would: straight from the services' tables
 * (consistent reads) and from the local cloud's inspection routes (event deliveries, stream
 * mappings, executions), never through the API under test.
 */
import { isDeepStrictEqual } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { cloudEnv } from '../../local/testing/cloud-env';
import { localDynamoDbClient } from '../../local/dynamodb/server';
import { documents, table } from '../../local/testing/shop';
import { uniqueSuffix } from '../../local/testing/users';
import { createViewTables } from '../../amplify/services/views/create-tables';
import { findTables } from '../../amplify/services/views/find-tables';
import { rebuildViews, scan } from '../../amplify/services/views/rebuild';
import { snapshotViews, type ViewSnapshot } from '../../amplify/services/views/snapshot';
import type { ViewTables } from '../../amplify/services/views/tables';
import type { DeliveryCounts, OrderRow, PaymentRow, StockRow } from './invariants';

const cloud = (path: string) => `${cloudEnv().CLOUD_URL}${path}`;
const getJson = async <T>(path: string): Promise<T> => {
  const response = await fetch(cloud(path));
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** The orders of these ids, as the orders table holds them. */
export const readOrders = async (orderIds: readonly string[]): Promise<OrderRow[]> => {
  const db = documents();
  const TableName = await table('Orders');
  const out: OrderRow[] = [];
  for (let i = 0; i < orderIds.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = orderIds.slice(i, i + 100).map((orderId) => ({ orderId }));
    while (keys?.length) {
      const page: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      out.push(...((page.Responses?.[TableName] ?? []) as OrderRow[]));
      keys = page.UnprocessedKeys?.[TableName]?.Keys;
    }
  }
  return out;
};

/** Every payment record (all of them: a payment for an order nobody placed is what we look for). */
export const readPayments = async (): Promise<PaymentRow[]> => {
  const out: PaymentRow[] = [];
  for await (const p of scan<PaymentRow>(documents(), await table('Payments'))) out.push(p);
  return out;
};

/** Every order id in the orders table. */
export const readAllOrderIds = async (): Promise<Set<string>> => {
  const ids = new Set<string>();
  for await (const o of scan<{ orderId: string }>(documents(), await table('Orders'))) ids.add(o.orderId);
  return ids;
};

/** Per soak SKU: stock left, reserved, units committed and restocked, and the admins' changes. */
export const readStock = async (
  skus: readonly { sku: string; initial: number }[],
  lowestSeen: ReadonlyMap<string, number>,
): Promise<StockRow[]> => {
  const db = documents();
  const wanted = new Set(skus.map((s) => s.sku));
  const committed = new Map<string, number>();
  const restocked = new Map<string, number>();
  for await (const r of scan<{ sku: string; quantity: number; status: string }>(db, await table('Reservations'))) {
    if (!wanted.has(r.sku)) continue;
    if (r.status === 'COMMITTED') committed.set(r.sku, (committed.get(r.sku) ?? 0) + r.quantity);
    if (r.status === 'RESTOCKED') restocked.set(r.sku, (restocked.get(r.sku) ?? 0) + r.quantity);
  }
  const rows: StockRow[] = [];
  for (const { sku, initial } of skus) {
    const item = (
      await db.send(new GetCommand({ TableName: await table('Stock'), Key: { sku }, ConsistentRead: true }))
    ).Item as { available: number; reserved: number };
    const adjustments = ((
      await db.send(
        new QueryCommand({
          TableName: await table('StockAdjustments'),
          KeyConditionExpression: 'sku = :s',
          ExpressionAttributeValues: { ':s': sku },
          ConsistentRead: true,
        }),
      )
    ).Items ?? []) as { delta: number; reason: string }[];
    rows.push({
      sku,
      initial,
      adminDelta: adjustments.filter((a) => a.reason === 'soak admin').reduce((s, a) => s + a.delta, 0),
      available: item.available,
      reserved: item.reserved,
      committed: committed.get(sku) ?? 0,
      restocked: restocked.get(sku) ?? 0,
      lowestSeen: lowestSeen.get(sku) ?? item.available,
    });
  }
  return rows;
};

interface Mapping {
  logicalId: string;
  metrics: { discarded: number; failuresSent: number; records: number };
}
/** The cloud-wide counters that the no-message-lost check compares before and after the run. */
export interface DeliverySnapshot {
  dropped: number;
  /** Records Lambda sent to an asynchronous invocation's destination or dead-letter queue. */
  asyncDestinations: number;
  deadLetters: number;
  targetInvocations: number;
  streamDiscarded: number;
  streamFailuresSent: number;
  streamRecords: number;
}

export const deliverySnapshot = async (): Promise<DeliverySnapshot> => {
  const events = await getJson<{
    droppedDeliveries: number;
    deadLetters: number;
    targetInvocations: number;
    asyncDestinations: number;
  }>('/events/metrics');
  const { mappings } = await getJson<{ mappings: Mapping[] }>('/streams/mappings');
  const sum = (key: keyof Mapping['metrics']) => mappings.reduce((s, m) => s + m.metrics[key], 0);
  return {
    dropped: events.droppedDeliveries,
    asyncDestinations: events.asyncDestinations,
    deadLetters: events.deadLetters,
    targetInvocations: events.targetInvocations,
    streamDiscarded: sum('discarded'),
    streamFailuresSent: sum('failuresSent'),
    streamRecords: sum('records'),
  };
};

/** What happened to deliveries between two snapshots, plus the saga executions of our orders still running. */
export const deliveryCounts = async (
  before: DeliverySnapshot,
  orderIds: ReadonlySet<string>,
): Promise<DeliveryCounts & { streamRecords: number }> => {
  const after = await deliverySnapshot();
  const { pending } = await getJson<{ pending: number }>('/events/metrics');
  const running = await getJson<{ name: string }[]>('/stepfunctions/executions?status=RUNNING');
  return {
    events: {
      attempts: after.targetInvocations - before.targetInvocations,
      'dead-lettered': after.deadLetters - before.deadLetters,
      'sent by Lambda to a destination or DLQ': after.asyncDestinations - before.asyncDestinations,
      dropped: after.dropped - before.dropped,
      pending,
    },
    streamDiscarded: after.streamDiscarded - before.streamDiscarded,
    streamFailuresSent: after.streamFailuresSent - before.streamFailuresSent,
    streamRecords: after.streamRecords - before.streamRecords,
    executionsRunning: running.filter((e) => orderIds.has(e.name)).length,
  };
};

/** Until our orders' sagas have ended, event deliveries are done and the streams caught up (or `timeoutMs`). */
export const settle = async (orderIds: ReadonlySet<string>, timeoutMs: number, say: (line: string) => void) => {
  const deadline = Date.now() + timeoutMs;
  let quietSince = 0;
  for (;;) {
    const running = (
      await getJson<{ name: string }[]>('/stepfunctions/executions?status=RUNNING').catch(() => [])
    ).filter((e) => orderIds.has(e.name)).length;
    const { pending } = await getJson<{ pending: number }>('/events/metrics').catch(() => ({ pending: 1 }));
    const { mappings } = await getJson<{ mappings: { shards: { caughtUp: boolean; finished: boolean }[] }[] }>(
      '/streams/mappings',
    ).catch(() => ({ mappings: [{ shards: [{ caughtUp: false, finished: false }] }] }));
    const behind = mappings.filter((m) => m.shards.some((s) => !s.caughtUp && !s.finished)).length;
    if (running === 0 && pending === 0 && behind === 0) {
      quietSince ||= Date.now();
      if (Date.now() - quietSince >= 2000) return true; // quiet for 2 s: the streams' last records landed
    } else quietSince = 0;
    if (Date.now() > deadline) {
      say(
        `  not settled after ${timeoutMs / 1000} s: ${running} sagas running, ${pending} deliveries pending, ${behind} mappings behind`,
      );
      return false;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
};

/**
 * What an operator does once the faults are over: every dead letter goes back to its consumer through
 * the console's Redrive (`POST /console/api/dead-letters/<queue>/redrive`). Answers how many went
 * back, and how many the console kept (a stream batch's failure record names records, not an event).
 */
export const redriveDeadLetters = async (): Promise<{ redriven: number; kept: number }> => {
  const queues = await getJson<{ name: string; messages: { visible: number } }[]>('/sqs/queues');
  let redriven = 0;
  let kept = 0;
  for (const queue of queues.filter((q) => q.messages.visible > 0)) {
    const path = `/console/api/dead-letters/${encodeURIComponent(queue.name)}/redrive`;
    const response = await fetch(cloud(path), { method: 'POST' });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    for (const message of ((await response.json()) as { messages: { status: string }[] }).messages)
      if (message.status === 'redriven') redriven++;
      else kept++;
  }
  return { redriven, kept };
};

/**
 * Until every redriven invocation has ended (the console follows each one's outcome): `settle`
 * watches sagas, event deliveries and streams, not a function invoked on its own.
 */
export const redrivesEnded = async (timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { deadLetters } = await getJson<{
      deadLetters: { lastRedrive?: { messages: { outcome?: { status: string } }[] } }[];
    }>('/console/api/snapshot');
    const running = deadLetters.some((q) => q.lastRedrive?.messages.some((m) => m.outcome?.status === 'running'));
    if (!running) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
};

/** The kept views and a rebuild of them into fresh tables, compared until they agree (shipments may still be landing). */
export const compareViews = async (timeoutMs = 60_000): Promise<[ViewSnapshot, ViewSnapshot]> => {
  const client = localDynamoDbClient(cloudEnv().DYNAMODB_ENDPOINT);
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const { sources, views } = await findTables(client);
  const run = uniqueSuffix();
  const copies: ViewTables = {
    productCards: `soak-${run}-ProductCards`,
    orderHistory: `soak-${run}-OrderHistory`,
    dailySales: `soak-${run}-DailySales`,
    contributions: `soak-${run}-DailySalesContributions`,
  };
  await createViewTables(client, copies);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await rebuildViews(db, sources, copies);
      const both: [ViewSnapshot, ViewSnapshot] = [await snapshotViews(db, views), await snapshotViews(db, copies)];
      if (isDeepStrictEqual(both[0], both[1]) || Date.now() > deadline) return both;
      await new Promise((r) => setTimeout(r, 2000));
    }
  } finally {
    for (const name of Object.values(copies))
      await client.send(new DeleteTableCommand({ TableName: name })).catch(() => {});
    client.destroy();
  }
};
