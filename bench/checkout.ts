/**
 * `npm run bench -- checkout [orders]`: the checkout saga through a throwaway local cloud.
 *
 * 1. Throughput and latency: orders per second and the time from `placeOrder` to the order's final
 *    status (followed every 25 ms), one shopper at a time and ten at once.
 * 2. Cost: orders placed as the storefront places them (a quote with the country at checkout,
 *    `placeOrder`, then the order page following the order until it ships) and left to run their
 *    whole course (the outbox, shipping, notifications), counting what the local cloud served:
 *    AppSync requests, Lambda invocations and their billed duration, Standard state transitions
 *    and Express executions, DynamoDB units (through the metering proxy), events and messages;
 *    priced per 1,000 orders by bench/cost.ts.
 */
import { performance } from 'node:perf_hooks';
import { pollDelay } from '../lib/poll';
import type { LocalCloud } from '../local/cloud';
import { ORDER, newKey, ok, placeOrder, productWithStock, type PlacedOrder } from '../local/testing/shop';
import { signInAdmin, signUpCustomer, type Customer } from '../local/testing/users';
import { benchRow, formatBenchTable, type BenchRow } from './authorizer';
import {
  NO_USAGE,
  TARGET_PER_1000_ORDERS,
  costPer1000Orders,
  formatCostTable,
  expressUsage,
  lambdaUsage,
  type UsagePerOrder,
} from './cost';
import { BENCH_PORTS } from '../local/ports';

const STOCK = 1_000_000;

const costOrders = Number(process.argv[2] ?? 20);
const sequentialOrders = 30;
const concurrentShoppers = 10;
const ordersPerConcurrentShopper = 6;

interface Shop {
  cloud: LocalCloud;
  shoppers: Customer[];
  lines: { sku: string; quantity: number }[];
}

/** Places one order and follows it every 25 ms: the saga's own latency, not the page's polling. */
const timedOrder = async (shop: Shop, shopper: Customer): Promise<number> => {
  const started = performance.now();
  const placed = await placeOrder(shopper.idToken, { lines: shop.lines, idempotencyKey: newKey() });
  if (placed.errors) throw new Error(`placeOrder refused: ${JSON.stringify(placed.errors)}`);
  const { orderId } = (placed.data as { placeOrder: PlacedOrder }).placeOrder;
  for (;;) {
    const { order } = (await ok(shopper.idToken, ORDER, { orderId })) as { order: PlacedOrder };
    if (order.status === 'CONFIRMED') return performance.now() - started;
    if (order.status === 'FAILED') throw new Error(`bench order failed: ${order.failureReason}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const throughput = async (shop: Shop, label: string, shoppers: Customer[], ordersEach: number) => {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    shoppers.map(async (shopper) => {
      for (let i = 0; i < ordersEach; i++) latencies.push(await timedOrder(shop, shopper));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { row: benchRow(label, latencies), ordersPerSecond: latencies.length / seconds };
};

/** Checkout as the storefront does it: quote with the country, place, then the order page's polls. */
const storefrontOrder = async (shop: Shop, shopper: Customer, until: readonly string[]) => {
  await ok(shopper.idToken, `query ($lines: [CartLineInput!]!) { quote(lines: $lines, country: "US") { total } }`, {
    lines: shop.lines,
  });
  const placed = await placeOrder(shopper.idToken, { lines: shop.lines, idempotencyKey: newKey() });
  const { orderId } = (placed.data as { placeOrder: PlacedOrder }).placeOrder;
  for (let attempt = 0; ; attempt++) {
    const { order } = (await ok(shopper.idToken, ORDER, { orderId })) as { order: PlacedOrder };
    if (until.includes(order.status)) return order;
    await new Promise((r) => setTimeout(r, pollDelay(attempt)));
  }
};

/** What the cloud has served so far, in the units AWS bills. */
const meter = (cloud: LocalCloud) => {
  const dynamodb = cloud.dynamodbMeter.metrics();
  return {
    at: new Date().toISOString(),
    appsyncRequests: cloud.appsync.requests(),
    dynamodbReadUnits: dynamodb.readUnits,
    dynamodbWriteUnits: dynamodb.writeUnits,
    events: cloud.eventBridge.metrics().entriesPut,
  };
};

const messagesSoFar = async (cloud: LocalCloud) => {
  const outbox = (await (await fetch(cloud.urls.outbox)).json()) as { emails?: unknown[]; sns?: unknown[] };
  return { emails: outbox.emails?.length ?? 0, sns: outbox.sns?.length ?? 0 };
};

/** Standard workflows bill state transitions (each state entered, each retry); Express ones a request and its time. */
const workflowUsage = (cloud: LocalCloud, since: string, orders: number) => {
  const machines = new Map(cloud.stepFunctions.stateMachines().map((m) => [m.arn, m]));
  let transitions = 0;
  const express: { durationMs: number; memoryMb: number }[] = [];
  for (const execution of cloud.stepFunctions.listExecutions()) {
    if (execution.startDate < since) continue;
    if (machines.get(execution.stateMachineArn)?.type === 'EXPRESS') {
      const ms = Date.parse(execution.stopDate ?? new Date().toISOString()) - Date.parse(execution.startDate);
      express.push({ durationMs: ms, memoryMb: 64 });
      continue;
    }
    const types = cloud.stepFunctions.history(execution.executionArn).map((e) => e.type);
    const entered = types.filter((t) => t.endsWith('StateEntered')).length;
    const tries = types.filter((t) => /Scheduled$/.test(t)).length;
    const tasks = types.filter((t) => t === 'TaskStateEntered').length;
    transitions += entered + Math.max(0, tries - tasks);
  }
  return { stateTransitions: transitions / orders, ...expressUsage(express, orders) };
};

/** Until nothing the orders set off is still going: executions, stream records, event deliveries. */
const quiet = async (cloud: LocalCloud) => {
  for (;;) {
    await cloud.streams.drained({ timeoutMs: 60_000 });
    await cloud.eventBridge.settled();
    if (cloud.stepFunctions.metrics().running === 0) {
      await cloud.streams.drained({ timeoutMs: 60_000 });
      if (cloud.stepFunctions.metrics().running === 0) return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
};

const usagePerOrder = async (shop: Shop, orders: number, until: readonly string[]): Promise<UsagePerOrder> => {
  // Orders run one after another, each until it ships: a run's cost is an order's whole life.
  const { cloud } = shop;
  await quiet(cloud); // the orders of the throughput runs are still shipping
  const before = meter(cloud);
  const messagesBefore = await messagesSoFar(cloud);
  for (let i = 0; i < orders; i++) {
    const order = await storefrontOrder(shop, shop.shoppers[i % shop.shoppers.length], until);
    if (!until.includes(order.status)) throw new Error(`bench order ${order.orderId} ended ${order.status}`);
  }
  await quiet(cloud);
  const after = meter(cloud);
  const messagesAfter = await messagesSoFar(cloud);
  const invocations = cloud.lambda
    .invocations()
    .filter((r) => r.startedAt >= before.at)
    .map((r) => ({
      durationMs: r.durationMs + (r.initDurationMs ?? 0), // the init phase is billed too (since Aug 2025)
      memoryMb: cloud.lambda.find(r.function)?.memoryMb ?? 128,
    }));
  const per = (key: Exclude<keyof typeof before, 'at'>) => (after[key] - before[key]) / orders;
  return {
    ...NO_USAGE,
    appsyncRequests: per('appsyncRequests'),
    ...lambdaUsage(invocations, orders),
    ...workflowUsage(cloud, before.at, orders),
    dynamodbReadUnits: per('dynamodbReadUnits'),
    dynamodbWriteUnits: per('dynamodbWriteUnits'),
    events: per('events'),
    emails: (messagesAfter.emails - messagesBefore.emails) / orders,
    snsMessages: (messagesAfter.sns - messagesBefore.sns) / orders,
    // Every API request passes the WAF in front of AppSync.
    wafRequests: per('appsyncRequests'),
  };
};

const main = async () => {
  const { startThrowawayCloud } = await import('../local/cloud');
  console.log('starting a throwaway local cloud...');
  const cloud = await startThrowawayCloud({ ports: BENCH_PORTS, storefront: 'none' });
  try {
    Object.assign(process.env, cloud.testEnvironment());
    const admin = (await signInAdmin()).idToken;
    const lines = [
      { sku: await productWithStock(admin, STOCK, 1200), quantity: 2 },
      { sku: await productWithStock(admin, STOCK, 2500), quantity: 1 },
    ];
    const shoppers = await Promise.all(Array.from({ length: concurrentShoppers }, () => signUpCustomer()));
    const shop: Shop = { cloud, shoppers, lines };
    // Warm every function's container first: cold starts are a deploy's cost, not an order's.
    await throughput(shop, 'warm-up', shoppers.slice(0, 4), 1);

    const one = await throughput(
      shop,
      'placeOrder to CONFIRMED, concurrency 1',
      shoppers.slice(0, 1),
      sequentialOrders,
    );
    const ten = await throughput(shop, 'placeOrder to CONFIRMED, concurrency 10', shoppers, ordersPerConcurrentShopper);
    const rows: BenchRow[] = [one.row, ten.row];
    console.log(`\n${formatBenchTable('checkout through the local cloud', rows)}`);
    console.log(
      `orders per second: ${one.ordersPerSecond.toFixed(2)} at concurrency 1, ${ten.ordersPerSecond.toFixed(2)} at concurrency 10`,
    );

    const usage = await usagePerOrder(shop, costOrders, ['SHIPPED']);
    console.log(
      `\nthe whole life of an order (placed, confirmed, shipped, mailed about), averaged over ${costOrders}:`,
    );
    for (const [key, value] of Object.entries(usage)) if (value) console.log(`  ${key}: ${Number(value.toFixed(6))}`);
    const breakdown = costPer1000Orders(usage);
    console.log(`\n${formatCostTable(breakdown, { target: TARGET_PER_1000_ORDERS })}`);
    const verdict = breakdown.total <= TARGET_PER_1000_ORDERS ? 'within' : 'OVER';
    console.log(`$${breakdown.total.toFixed(4)} per 1,000 orders: ${verdict} the $${TARGET_PER_1000_ORDERS} target`);
  } finally {
    await cloud.stop();
  }
};

await main();
