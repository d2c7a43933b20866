/**
 * `npm run soak -- --minutes N [options]`: the whole shop under sustained, seeded, mixed load, with
 * faults and hostile input switched on by flags; at the end, once the system has settled, the books
 * are balanced (invariants.ts) and a report is written (report.ts). Exits 1 when an invariant broke.
 *
 * It drives the local cloud named by the environment (GRAPHQL_URL, CLOUD_URL, ... as
 * `testEnvironment()` gives them, e.g. inside `npm test`), or starts a throwaway one of its own.
 * `--find-max-rate` instead ramps checkouts up to the highest rate that keeps p99
 * placeOrder-to-final-status under 2 s.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { LocalCloud } from '../../local/cloud';
import { BENCH_PORTS, TEST_PORTS } from '../../local/ports';
import {
  ordersOfUser,
  productWithStock,
  ok,
  placeOrder,
  newKey,
  finalOrder,
  type PlacedOrder,
} from '../../local/testing/shop';
import { signInAdmin, signUpCustomer, type Customer } from '../../local/testing/users';
import {
  compareViews,
  deliveryCounts,
  deliverySnapshot,
  readAllOrderIds,
  readOrders,
  readPayments,
  readStock,
  redriveDeadLetters,
  redrivesEnded,
  settle,
} from './books';
import { FAULT_FLAGS, faultCounts, restartDynamoDb, switchOff, switchOn, type FaultFlag } from './faults';
import { hostileRequests, hostileWrites, judge, type Hostility } from './hostile';
import {
  hostileRefused,
  moneyBalances,
  noOrphanPayments,
  nothingLost,
  ordersSettled,
  stockBalances,
  viewsMatch,
  type HostileOutcome,
  type OrderRow,
} from './invariants';
import { writeReport, type SoakResult } from './report';
import { seededRng } from './rng';
import { percentile } from './stats';
import { CARDS, MIX, checkout, session, type Card, type Shopper, type WorkloadState } from './workload';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    users: { type: 'string', default: '6' },
    seed: { type: 'string', default: 'soak' },
    out: { type: 'string', default: 'bench/results/soak-latest' },
    'fault-rate': { type: 'string', default: '0.05' },
    'all-faults': { type: 'boolean', default: false },
    ...Object.fromEntries(Object.keys(FAULT_FLAGS).map((f) => [f, { type: 'boolean' as const, default: false }])),
    'no-hostile': { type: 'boolean', default: false },
    products: { type: 'string', default: '6' },
    stock: { type: 'string', default: '150' },
    'settle-seconds': { type: 'string', default: '240' },
    'find-max-rate': { type: 'boolean', default: false },
    'step-seconds': { type: 'string', default: '40' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run soak -- --minutes N [--users N] [--seed S] [--out bench/results/soak-latest]
  [--fault-rate 0.05] [--all-faults | ${Object.keys(FAULT_FLAGS)
    .map((f) => `--${f}`)
    .join(' ')}]
  [--no-hostile] [--products 6] [--stock 150] [--settle-seconds 240]
  npm run soak -- --find-max-rate [--step-seconds 40]
faults:
${Object.entries(FAULT_FLAGS)
  .map(([f, what]) => `  --${f.padEnd(18)} ${what}`)
  .join('\n')}`);
  process.exit(0);
}

const num = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of at least 0, not ${value}`);
  return n;
};
const minutes = num('minutes', args.minutes);
const userCount = Math.max(1, Math.round(num('users', args.users)));
const faultRate = num('fault-rate', args['fault-rate']);
if (faultRate > 1) throw new Error('--fault-rate is a share, from 0 to 1');
const flags = new Set(
  (Object.keys(FAULT_FLAGS) as FaultFlag[]).filter((f) => args['all-faults'] || (args as Record<string, unknown>)[f]),
);
const seed = args.seed!;
const rng = seededRng(seed);
const say = (line: string) => console.log(line);
const machine = () =>
  `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, load ${loadavg()[0].toFixed(1)} at the end`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** At most `limit` of `work` at once (sign-ups, setup). */
const pooled = async <T>(count: number, limit: number, work: (i: number) => Promise<T>): Promise<T[]> => {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
};

const ordersOfUsers = async (userIds: readonly string[]) =>
  (await Promise.all(userIds.map(ordersOfUser))).flat().map((o) => o.orderId);

interface Setup {
  admin: { token: string; refreshed: number };
  products: { sku: string; price: number; initial: number }[];
  shoppers: Shopper[];
  hostility: Hostility;
}

const setUp = async (): Promise<Setup> => {
  const signedIn = await signInAdmin();
  const admin = { token: signedIn.idToken, refreshed: Date.now() };
  const stock = Math.round(num('stock', args.stock));
  const products = await pooled(Math.max(2, Math.round(num('products', args.products))), 3, async (i) => {
    const price = 500 + ((i * 733) % 4500);
    return { sku: await productWithStock(admin.token, stock, price), price, initial: stock };
  });
  say(`  ${products.length} products with ${stock} units each: ${products.map((p) => p.sku).join(', ')}`);
  const people = await pooled(userCount + 2, 3, () => signUpCustomer());
  const [attacker, victim, ...customers] = people as Customer[];
  const shoppers = customers.map((c, i) => ({ ...c, rng: rng.fork(`shopper-${i}`), confirmed: [] }));
  const victimOrders: string[] = [];
  for (let i = 0; i < 2; i++) {
    const placed = await placeOrder(victim.idToken, {
      lines: [{ sku: products[0].sku, quantity: 1 }],
      idempotencyKey: newKey(),
    });
    const { orderId } = (placed.data as { placeOrder: PlacedOrder }).placeOrder;
    const order = await finalOrder(victim.idToken, orderId);
    if (order.status !== 'CONFIRMED') throw new Error(`the victim's order ended ${order.status}`);
    victimOrders.push(orderId);
  }
  say(
    `  ${shoppers.length} shoppers signed up, an attacker, and a victim with ${victimOrders.length} confirmed orders`,
  );
  return { admin, products, shoppers, hostility: { attacker, victim, victimOrders, sku: products[1].sku } };
};

const newState = (setup: Setup): WorkloadState => {
  const cards = { ...CARDS } as Record<Card, number>;
  if (flags.has('payment-timeout')) cards.tok_timeout = 3;
  return {
    startedAt: performance.now(),
    samples: [],
    placed: [],
    products: setup.products,
    lowestSeen: new Map(),
    cards,
    mix: { ...MIX },
    stopping: false,
    adminToken: () => setup.admin.token,
    shoppers: [...setup.shoppers],
    maxShoppers: setup.shoppers.length * 2,
  };
};

/** One line every 10 s: what the run has done so far. */
const progress = (state: WorkloadState, totalSeconds: number) => {
  let lastCount = 0;
  let lastAt = performance.now();
  return setInterval(() => {
    const now = performance.now();
    const elapsed = (now - state.startedAt) / 1000;
    const recent = state.samples.slice(lastCount);
    const finals = recent.filter((s) => s.op === 'checkout to final status').map((s) => s.ms);
    const errors = recent.filter((s) => s.error).length;
    say(
      `  ${elapsed.toFixed(0).padStart(4)}/${totalSeconds.toFixed(0)} s  ${((recent.length / (now - lastAt)) * 1000).toFixed(1)} req/s  ` +
        `orders ${state.placed.length} (${state.placed.filter((p) => p.status).length} final)  ` +
        `checkout p99 ${finals.length ? Math.round(percentile(finals, 99)) : '–'} ms  errors ${errors}  users ${state.shoppers.length}`,
    );
    lastCount = state.samples.length;
    lastAt = now;
  }, 10_000);
};

const hostileLoop = async (state: WorkloadState, h: Hostility, until: number, outcomes: HostileOutcome[]) => {
  const hrng = rng.fork('hostile');
  const requests = await hostileRequests(h, hrng);
  // Every kind once, in a seeded order, spread over the run; then again while time remains.
  const gap = Math.max(200, (until - Date.now()) / (requests.length * 2));
  while (!state.stopping && Date.now() < until) {
    const order = [...requests].sort(() => hrng.next() - 0.5);
    for (const r of order) {
      if (state.stopping || Date.now() >= until) break;
      try {
        outcomes.push(judge(r.kind, await r.send()));
      } catch (error) {
        outcomes.push({ kind: r.kind, refused: true, answer: `connection closed: ${(error as Error).message}` });
      }
      await sleep(gap);
    }
  }
  if (outcomes.length === 0) for (const r of requests) outcomes.push(judge(r.kind, await r.send()));
};

const soak = async (): Promise<boolean> => {
  say(
    `soak: ${minutes} min, ${userCount} users, seed ${seed}, faults: ${[...flags].join(', ') || 'none'}${faultRate && flags.size ? ` at ${faultRate}` : ''}`,
  );
  say('setting up...');
  const setup = await setUp();
  const before = await deliverySnapshot();
  const faultNotes = flags.size ? await switchOn(flags, faultRate, seed) : [];
  for (const n of faultNotes) say(`  fault ${n}`);
  const state = newState(setup);
  const seconds = minutes * 60;
  const until = Date.now() + seconds * 1000;
  const timer = progress(state, seconds);
  // Admin tokens last an hour; a long soak signs the admin in again.
  const adminRefresh = setInterval(async () => {
    setup.admin.token = (await signInAdmin().catch(() => ({ idToken: setup.admin.token }))).idToken;
  }, 30 * 60_000);
  const hostile: HostileOutcome[] = [];
  let dynamodbDownMs: number | undefined;
  let dynamodbRestartAt: number | undefined;
  const running = new Set<Promise<void>>();
  const started = new Set<Shopper>();
  const start = (s: Shopper) => {
    started.add(s);
    const p = session(state, s).finally(() => running.delete(p));
    running.add(p);
  };
  state.shoppers.forEach(start);
  const extras = [
    args['no-hostile'] ? Promise.resolve() : hostileLoop(state, setup.hostility, until, hostile),
    flags.has('restart-dynamodb')
      ? sleep((seconds * 1000) / 2).then(async () => {
          say('  restarting DynamoDB Local...');
          dynamodbRestartAt = (performance.now() - state.startedAt) / 1000;
          dynamodbDownMs = await restartDynamoDb().catch((error: Error) => {
            say(`  ${error.message}`);
            return -1;
          });
          say(`  DynamoDB Local is back after ${dynamodbDownMs} ms`);
        })
      : Promise.resolve(),
  ];
  // Shoppers who sign up during the run join it.
  while (Date.now() < until) {
    for (const s of state.shoppers) if (!started.has(s)) start(s);
    await sleep(500);
  }
  state.stopping = true;
  say('traffic stopped; waiting for the shoppers to see their orders end...');
  await Promise.all([...running, ...extras]);
  const trafficSeconds = (performance.now() - state.startedAt) / 1000;
  clearInterval(timer);
  clearInterval(adminRefresh);
  const hits = await faultCounts();
  if (flags.size) await switchOff();

  say('settling...');
  const settleStarted = Date.now();
  // The attacker's orders too: if a hostile request got through, its units and money are in the books.
  const users = [...state.shoppers.map((s) => s.sub), setup.hostility.victim.sub, setup.hostility.attacker.sub];
  const knownIds = new Set([...state.placed.map((p) => p.orderId), ...(await ordersOfUsers(users))]);
  const settleMs = num('settle-seconds', args['settle-seconds']) * 1000;
  let settled = await settle(knownIds, settleMs, say);
  // The faults are over: as an operator would, send every dead letter back to its consumer, until
  // none comes back (a redriven event may meet a consumer the overload still fails).
  const redriven = { redriven: 0, kept: 0 };
  for (let round = 1; round <= 3; round++) {
    const { redriven: back, kept } = await redriveDeadLetters();
    redriven.kept = kept;
    if (!back) break;
    redriven.redriven += back;
    say(`  redrove ${back} dead letter(s) (round ${round}); settling again...`);
    settled = (await redrivesEnded(settleMs)) && (await settle(knownIds, settleMs, say));
  }
  const settledSeconds = (Date.now() - settleStarted) / 1000;

  say('balancing the books...');
  const allOfUsers = new Set([...knownIds, ...(await ordersOfUsers(users))]);
  const orders = await readOrders([...allOfUsers]);
  const confirmedUnits = new Map<string, number>();
  for (const o of orders as OrderRow[])
    if (['CONFIRMED', 'SHIPPED', 'CANCELLED'].includes(o.status))
      for (const l of o.lines) confirmedUnits.set(l.sku, (confirmedUnits.get(l.sku) ?? 0) + l.quantity);
  const stockRows = (await readStock(setup.products, state.lowestSeen)).map((r) => ({
    ...r,
    // Units in orders that were confirmed, from the orders themselves (not the reservations).
    committed: (confirmedUnits.get(r.sku) ?? 0) - r.restocked,
  }));
  const payments = await readPayments();
  const [kept, rebuilt] = await compareViews();
  const deliveries = await deliveryCounts(before, allOfUsers);
  const verdicts = [
    ordersSettled(orders, [...allOfUsers]),
    stockBalances(stockRows),
    moneyBalances(payments, orders),
    noOrphanPayments(payments, await readAllOrderIds()),
    viewsMatch(kept, rebuilt),
    ...(args['no-hostile'] ? [] : [hostileRefused(hostile, await hostileWrites(setup.hostility))]),
    nothingLost(deliveries),
  ];

  const byCard = new Map<string, number>();
  const statusOf = new Map(orders.map((o) => [o.orderId, o.status]));
  for (const p of state.placed) {
    const key = `${p.card}\u0000${statusOf.get(p.orderId) ?? 'not in the table'}`;
    byCard.set(key, (byCard.get(key) ?? 0) + 1);
  }
  const result: SoakResult = {
    startedAt: new Date(Date.now() - trafficSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    seed,
    minutes,
    users: userCount,
    usersAtEnd: state.shoppers.length,
    seconds: trafficSeconds,
    faults: faultNotes,
    faultHits: hits,
    dynamodbDownMs,
    dynamodbRestartAt,
    samples: state.samples,
    orders: [...byCard.entries()]
      .map(([k, count]) => ({ card: k.split('\u0000')[0], status: k.split('\u0000')[1], count }))
      .sort((a, b) => a.card.localeCompare(b.card) || a.status.localeCompare(b.status)),
    hostile,
    verdicts,
    settled,
    settledSeconds,
    redriven,
    machine: machine(),
    command: `npm run soak -- ${process.argv.slice(2).join(' ')}`,
  };
  const path = writeReport(result, args.out!);
  say('');
  for (const v of verdicts)
    say(`${v.ok ? '✓' : '✗'} ${v.name}: ${v.figures}${v.ok ? '' : `\n    ${v.problems.join('\n    ')}`}`);
  say(`\nreport: ${path}`);
  return verdicts.every((v) => v.ok);
};

/**
 * Checkouts at a fixed rate (open loop: a new order every 1/rate s whatever the last did), each
 * followed to its final status; the rate rises step by step until p99 passes 2 s. Answers the
 * highest rate that kept it under.
 */
const findMaxRate = async (): Promise<boolean> => {
  const stepSeconds = num('step-seconds', args['step-seconds']);
  say(`find-max-rate: steps of ${stepSeconds} s, tok_visa only, no faults`);
  const setup = await setUp();
  await switchOff();
  // Plenty of stock: the limit measured is the system's, not the shelf's.
  for (const p of setup.products)
    await ok(
      setup.admin.token,
      `mutation ($sku: String!) { adminSetStock(sku: $sku, available: 1000000, reason: "soak max rate") { sku } }`,
      { sku: p.sku },
    );
  const rows: { rate: number; orders: number; p50: number; p99: number; failed: number }[] = [];
  let best = 0;
  for (const rate of [0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12]) {
    const state = newState(setup);
    const pending: Promise<unknown>[] = [];
    const stepEnd = performance.now() + stepSeconds * 1000;
    for (let i = 0; performance.now() < stepEnd; i++) {
      pending.push(checkout(state, setup.shoppers[i % setup.shoppers.length], 'tok_visa'));
      await sleep(1000 / rate);
    }
    await Promise.all(pending);
    const finals = state.placed.filter((p) => p.toFinalMs !== undefined);
    const ms = finals.map((p) => p.toFinalMs!);
    const row = {
      rate,
      orders: state.placed.length,
      p50: Math.round(percentile(ms, 50)),
      p99: Math.round(percentile(ms, 99)),
      failed: state.placed.length - finals.filter((p) => p.status === 'CONFIRMED').length,
    };
    rows.push(row);
    say(`  ${rate}/s: ${row.orders} orders, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.failed} not confirmed`);
    if (row.p99 >= 2000 || row.failed > 0 || state.placed.length < rate * stepSeconds * 0.9) break;
    best = rate;
    await settle(new Set(state.placed.map((p) => p.orderId)), 60_000, say);
  }
  const table = [
    `# Highest sustained checkout rate: ${best} orders/s`,
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()} · steps of ${stepSeconds} s, \`tok_visa\`, ` +
      `carts of 1-3 of ${setup.products.length} SKUs, ${setup.shoppers.length} shoppers, no faults`,
    '',
    `The highest rate at which p99 from \`placeOrder\` to the final status (polled every 150 ms) stayed under 2 s ` +
      'with every order confirmed. Command: `npm run soak -- --find-max-rate`.',
    '',
    '| rate (orders/s) | orders | p50 ms | p99 ms | not confirmed |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.rate} | ${r.orders} | ${r.p50} | ${r.p99} | ${r.failed} |`),
    '',
  ].join('\n');
  const path = join(dirname(args.out!), 'soak-max-rate.md');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, table);
  say(`\n${table}\nwritten to ${path}`);
  return true;
};

let cloud: LocalCloud | undefined;
if (!process.env.GRAPHQL_URL) {
  const { startThrowawayCloud } = await import('../../local/cloud');
  const ports = process.env.CLOUDSHOP_TEST_PORTS ? TEST_PORTS : BENCH_PORTS;
  say(`starting a throwaway local cloud on ports ${Object.values(ports).join(', ')}...`);
  cloud = await startThrowawayCloud({ ports, storefront: 'none' });
  Object.assign(process.env, cloud.testEnvironment());
}
let passed = false;
try {
  passed = args['find-max-rate'] ? await findMaxRate() : await soak();
} finally {
  await cloud?.stop();
}
process.exit(passed ? 0 : 1);
