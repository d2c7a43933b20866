/**
 * What an order costs on AWS: the us-east-1 on-demand price list and the cost model that turns the
 * quantities the local cloud counts per order into a variable cost per 1,000 orders. The checkout
 * bench measures the quantities; this file prices them (docs/cost.md explains both).
 *
 * Free tiers are left out on purpose: the target is for a shop past them, and a free tier says
 * nothing about what the design costs. Run on its own (`npm run bench -- cost`) it prints the price
 * list and the Standard-or-Express comparison of docs/cost.md.
 */
import { pathToFileURL } from 'node:url';

/**
 * Prices as published on the AWS pricing pages, as of this date, as the author knows them: this
 * environment cannot reach the pages, so check them before relying on a figure.
 */
export const PRICES_AS_OF = '2025-06-01';

/** The variable cost per 1,000 orders the design must stay within, in USD. */
export const TARGET_PER_1000_ORDERS = 0.25;

export interface Price {
  service: string;
  /** USD for `per` units. */
  usd: number;
  per: number;
  /** One unit, singular: what is counted. */
  unit: string;
  /** The AWS pricing page. */
  page: string;
}

const price = (service: string, usd: number, per: number, unit: string, page: string): Price => ({
  service,
  usd,
  per,
  unit,
  page,
});

const PAGES = {
  appsync: 'https://aws.amazon.com/appsync/pricing/',
  lambda: 'https://aws.amazon.com/lambda/pricing/',
  stepFunctions: 'https://aws.amazon.com/step-functions/pricing/',
  dynamodb: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  eventbridge: 'https://aws.amazon.com/eventbridge/pricing/',
  sns: 'https://aws.amazon.com/sns/pricing/',
  ses: 'https://aws.amazon.com/ses/pricing/',
  waf: 'https://aws.amazon.com/waf/pricing/',
  cloudwatch: 'https://aws.amazon.com/cloudwatch/pricing/',
  xray: 'https://aws.amazon.com/xray/pricing/',
};

/** us-east-1, on demand, without free tiers (see `PRICES_AS_OF`). */
export const US_EAST_1 = {
  appsyncRequest: price('AppSync', 4.0, 1_000_000, 'query or mutation request', PAGES.appsync),
  appsyncRealtimeUpdate: price('AppSync', 2.0, 1_000_000, 'real-time update', PAGES.appsync),
  appsyncConnectionMinute: price('AppSync', 0.08, 1_000_000, 'real-time connection-minute', PAGES.appsync),
  lambdaRequest: price('Lambda', 0.2, 1_000_000, 'request', PAGES.lambda),
  lambdaGbSecond: price('Lambda', 0.0000166667, 1, 'GB-second (x86)', PAGES.lambda),
  lambdaArmGbSecond: price('Lambda', 0.0000133334, 1, 'GB-second (Arm)', PAGES.lambda),
  stateTransition: price('Step Functions', 0.025, 1_000, 'Standard state transition', PAGES.stepFunctions),
  expressRequest: price('Step Functions', 1.0, 1_000_000, 'Express execution', PAGES.stepFunctions),
  /** The first tier (the first 1,000 GB-hours of a month); later tiers are cheaper. */
  expressGbSecond: price('Step Functions', 0.00001667, 1, 'Express GB-second', PAGES.stepFunctions),
  /** After the November 2024 price cut for on-demand throughput. */
  dynamodbWriteUnit: price('DynamoDB', 0.625, 1_000_000, 'write request unit', PAGES.dynamodb),
  dynamodbReadUnit: price('DynamoDB', 0.125, 1_000_000, 'read request unit', PAGES.dynamodb),
  /** GetRecords by anything but Lambda triggers (those are free). */
  dynamodbStreamReadUnit: price('DynamoDB', 0.02, 100_000, 'streams read request unit', PAGES.dynamodb),
  /** Each 64 KB chunk of an event's payload is one event. */
  eventbridgeEvent: price('EventBridge', 1.0, 1_000_000, 'custom event', PAGES.eventbridge),
  /** Each 64 KB chunk of a message is one request; deliveries to Lambda and SQS are free. */
  snsPublish: price('SNS', 0.5, 1_000_000, 'publish request', PAGES.sns),
  sesEmail: price('SES', 0.1, 1_000, 'email', PAGES.ses),
  wafRequest: price('WAF', 0.6, 1_000_000, 'request', PAGES.waf),
  /** Standard log class; storage ($0.03 per GB-month) is not per order. */
  logsIngestedGb: price('CloudWatch Logs', 0.5, 1, 'GB ingested', PAGES.cloudwatch),
  xrayTrace: price('X-Ray', 5.0, 1_000_000, 'recorded trace', PAGES.xray),
} satisfies Record<string, Price>;

export type PriceList = Record<keyof typeof US_EAST_1, Price>;

/**
 * The quantities one order costs, as the local cloud counts them (averages over a run, so
 * fractions are fine). The required ones are those every order has a say in; 0 is a fine answer.
 */
export interface UsagePerOrder {
  /** Query and mutation requests through AppSync (the local AppSync counts them). */
  appsyncRequests: number;
  appsyncRealtimeUpdates?: number;
  appsyncConnectionMinutes?: number;
  /** Every Lambda invocation: resolvers, the authorizer, saga steps, triggers. */
  lambdaInvocations: number;
  /** Billed GB-seconds on x86: each invocation rounded up to the ms (`lambdaUsage`). */
  lambdaGbSeconds: number;
  lambdaArmGbSeconds?: number;
  /** Standard workflows: every state entered, retries included. */
  stateTransitions: number;
  /** Express workflows: executions and their billed GB-seconds (`expressUsage`). */
  expressExecutions?: number;
  expressGbSeconds?: number;
  dynamodbReadUnits: number;
  dynamodbWriteUnits: number;
  dynamodbStreamReadUnits?: number;
  /** Custom events put on an event bus (64 KB chunks). */
  events: number;
  /** SNS publishes (64 KB chunks). */
  snsMessages: number;
  /** Emails sent through SES. */
  emails: number;
  wafRequests: number;
  /** Log bytes ingested into CloudWatch Logs. */
  logBytes?: number;
  /** X-Ray traces recorded. */
  traces?: number;
}

/** An order that costs nothing: a base to spread a few quantities over. */
export const NO_USAGE: UsagePerOrder = {
  appsyncRequests: 0,
  lambdaInvocations: 0,
  lambdaGbSeconds: 0,
  stateTransitions: 0,
  dynamodbReadUnits: 0,
  dynamodbWriteUnits: 0,
  events: 0,
  snsMessages: 0,
  emails: 0,
  wafRequests: 0,
};

export interface CostLine {
  item: string;
  /** How many units 1,000 orders use. */
  quantityPer1000: number;
  unit: string;
  /** USD per unit. */
  unitPrice: number;
  /** USD for 1,000 orders. */
  cost: number;
  price: Price;
}

export interface CostBreakdown {
  lines: CostLine[];
  /** USD for 1,000 orders. */
  total: number;
  pricesAsOf: string;
}

/** CloudWatch bills log data by the GB of 2^30 bytes. */
const GB = 1024 ** 3;

/** Each usage field, the price it is billed at, and how one of its units becomes price units. */
const LINES: { item: string; field: keyof UsagePerOrder; price: keyof PriceList; scale?: number }[] = [
  { item: 'AppSync requests', field: 'appsyncRequests', price: 'appsyncRequest' },
  { item: 'AppSync real-time updates', field: 'appsyncRealtimeUpdates', price: 'appsyncRealtimeUpdate' },
  { item: 'AppSync connection-minutes', field: 'appsyncConnectionMinutes', price: 'appsyncConnectionMinute' },
  { item: 'Lambda requests', field: 'lambdaInvocations', price: 'lambdaRequest' },
  { item: 'Lambda duration (x86)', field: 'lambdaGbSeconds', price: 'lambdaGbSecond' },
  { item: 'Lambda duration (Arm)', field: 'lambdaArmGbSeconds', price: 'lambdaArmGbSecond' },
  { item: 'Step Functions transitions', field: 'stateTransitions', price: 'stateTransition' },
  { item: 'Step Functions Express runs', field: 'expressExecutions', price: 'expressRequest' },
  { item: 'Step Functions Express time', field: 'expressGbSeconds', price: 'expressGbSecond' },
  { item: 'DynamoDB reads', field: 'dynamodbReadUnits', price: 'dynamodbReadUnit' },
  { item: 'DynamoDB writes', field: 'dynamodbWriteUnits', price: 'dynamodbWriteUnit' },
  { item: 'DynamoDB Streams reads', field: 'dynamodbStreamReadUnits', price: 'dynamodbStreamReadUnit' },
  { item: 'EventBridge events', field: 'events', price: 'eventbridgeEvent' },
  { item: 'SNS publishes', field: 'snsMessages', price: 'snsPublish' },
  { item: 'SES emails', field: 'emails', price: 'sesEmail' },
  { item: 'WAF requests', field: 'wafRequests', price: 'wafRequest' },
  { item: 'CloudWatch Logs ingestion', field: 'logBytes', price: 'logsIngestedGb', scale: 1 / GB },
  { item: 'X-Ray traces', field: 'traces', price: 'xrayTrace' },
];

/**
 * The variable cost of 1,000 orders, line by line: one line per quantity the usage gives (the
 * optional ones only when given), priced at `prices`.
 */
export const costPer1000Orders = (usage: UsagePerOrder, prices: PriceList = US_EAST_1): CostBreakdown => {
  const lines: CostLine[] = [];
  for (const line of LINES) {
    const perOrder = usage[line.field];
    if (perOrder === undefined) continue;
    if (!Number.isFinite(perOrder) || perOrder < 0)
      throw new Error(`${line.field} must be a number >= 0, not ${perOrder}`);
    const p = prices[line.price];
    const quantityPer1000 = perOrder * 1000 * (line.scale ?? 1);
    lines.push({
      item: line.item,
      quantityPer1000,
      unit: p.unit,
      unitPrice: p.usd / p.per,
      cost: (quantityPer1000 * p.usd) / p.per,
      price: p,
    });
  }
  return { lines, total: lines.reduce((sum, l) => sum + l.cost, 0), pricesAsOf: PRICES_AS_OF };
};

export interface LambdaInvocation {
  /** As measured (the emulator's wall clock for the handler). */
  durationMs: number;
  /** The function's MemorySize from the templates (Amplify's `defineFunction` default is 512). */
  memoryMb: number;
  architecture?: 'x86_64' | 'arm64';
}

/** Lambda bills each invocation's duration rounded up to the next 1 ms, at GB-s = MB / 1024 × s. */
export const lambdaBilledGbSeconds = ({ durationMs, memoryMb }: LambdaInvocation): number =>
  ((Math.ceil(durationMs) / 1000) * memoryMb) / 1024;

/** The Lambda quantities of `orders` orders' invocations, per order. */
export const lambdaUsage = (
  invocations: LambdaInvocation[],
  orders = 1,
): Pick<UsagePerOrder, 'lambdaInvocations' | 'lambdaGbSeconds' | 'lambdaArmGbSeconds'> => {
  const sum = (arch: 'x86_64' | 'arm64') =>
    invocations
      .filter((i) => (i.architecture ?? 'x86_64') === arch)
      .reduce((total, i) => total + lambdaBilledGbSeconds(i), 0);
  return {
    lambdaInvocations: invocations.length / orders,
    lambdaGbSeconds: sum('x86_64') / orders,
    lambdaArmGbSeconds: sum('arm64') / orders,
  };
};

export interface ExpressExecution {
  durationMs: number;
  /** What the execution used; Step Functions bills it in 64 MB chunks, at least one. */
  memoryMb: number;
}

/** Express bills the duration rounded up to the next 100 ms, and the memory in 64 MB chunks. */
export const expressBilledGbSeconds = ({ durationMs, memoryMb }: ExpressExecution): number =>
  ((Math.ceil(durationMs / 100) / 10) * Math.max(1, Math.ceil(memoryMb / 64)) * 64) / 1024;

/** The Express quantities of `orders` orders' executions, per order. */
export const expressUsage = (
  executions: ExpressExecution[],
  orders = 1,
): Pick<UsagePerOrder, 'expressExecutions' | 'expressGbSeconds'> => ({
  expressExecutions: executions.length / orders,
  expressGbSeconds: executions.reduce((total, e) => total + expressBilledGbSeconds(e), 0) / orders,
});

const per = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}K`);
/** `$4.00 per 1M query or mutation requests`, `$0.50 per GB ingested`: at least two decimals, as published. */
export const formatPrice = (p: Price): string => {
  const decimals = Math.max(2, (String(p.usd).split('.')[1] ?? '').length);
  return `$${p.usd.toFixed(decimals)} per ${p.per === 1 ? p.unit : `${per(p.per)} ${p.unit}s`}`;
};

const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** The breakdown as a fixed-width table for a terminal, with the total and, if given, the target. */
export const formatCostTable = (breakdown: CostBreakdown, options: { target?: number } = {}): string => {
  const rows = breakdown.lines.map((l) => [
    l.item,
    quantity.format(l.quantityPer1000),
    formatPrice(l.price),
    l.cost.toFixed(6),
  ]);
  const header = ['item', 'per 1,000 orders', 'price', 'USD'];
  const footer: string[][] = [['total', '', '', breakdown.total.toFixed(6)]];
  if (options.target !== undefined) {
    const verdict = breakdown.total <= options.target ? 'within' : 'OVER';
    footer.push([`target (${verdict})`, '', '', options.target.toFixed(6)]);
  }
  const all = [header, ...rows, ...footer];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: string[]) =>
    [r[0].padEnd(widths[0]), r[1].padStart(widths[1]), r[2].padEnd(widths[2]), r[3].padStart(widths[3])]
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  return [
    line(header),
    rule,
    ...rows.map(line),
    rule,
    ...footer.map(line),
    `us-east-1 on-demand prices as of ${breakdown.pricesAsOf}, no free tiers`,
  ].join('\n');
};

/** The checkout saga's happy path: reserve, authorize, capture, commit, confirm (the bench counts 5). */
export const SAGA_STATES = 5;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`us-east-1 on-demand prices as of ${PRICES_AS_OF} (no free tiers):\n`);
  const list = Object.values(US_EAST_1 as PriceList);
  const width = Math.max(...list.map((p) => p.service.length));
  for (const p of list) console.log(`  ${p.service.padEnd(width)}  ${formatPrice(p)}`);
  const nonZero = (usage: UsagePerOrder) => {
    const breakdown = costPer1000Orders(usage);
    return formatCostTable({ ...breakdown, lines: breakdown.lines.filter((l) => l.quantityPer1000 > 0) });
  };
  console.log(`\nThe checkout saga as Standard (${SAGA_STATES} state transitions) per 1,000 orders:\n`);
  console.log(nonZero({ ...NO_USAGE, stateTransitions: SAGA_STATES }));
  console.log('\nThe checkout saga as Express (one execution, 2 s, 64 MB) per 1,000 orders:\n');
  console.log(nonZero({ ...NO_USAGE, ...expressUsage([{ durationMs: 2000, memoryMb: 64 }]) }));
}
