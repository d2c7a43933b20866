import { describe, expect, it } from 'vitest';
import {
  costPer1000Orders,
  expressBilledGbSeconds,
  expressUsage,
  formatCostTable,
  formatPrice,
  lambdaBilledGbSeconds,
  lambdaUsage,
  NO_USAGE,
  PRICES_AS_OF,
  TARGET_PER_1000_ORDERS,
  US_EAST_1,
  type PriceList,
} from './cost';

/** Every figure below is worked by hand from the prices in docs/cost.md. */
describe('the price list', () => {
  it('says where each price comes from and when', () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const p of Object.values(US_EAST_1 as PriceList)) {
      expect(p.page).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z-]+\/pricing\//);
      expect(p.usd).toBeGreaterThan(0);
    }
  });

  it('prints prices as published', () => {
    expect(formatPrice(US_EAST_1.appsyncRequest)).toBe('$4.00 per 1M query or mutation requests');
    expect(formatPrice(US_EAST_1.stateTransition)).toBe('$0.025 per 1K Standard state transitions');
    expect(formatPrice(US_EAST_1.lambdaGbSecond)).toBe('$0.0000166667 per GB-second (x86)');
    expect(formatPrice(US_EAST_1.dynamodbStreamReadUnit)).toBe('$0.02 per 100K streams read request units');
    expect(formatPrice(US_EAST_1.logsIngestedGb)).toBe('$0.50 per GB ingested');
  });
});

describe('Lambda billing', () => {
  it('rounds each invocation up to the ms and bills MB / 1024 × seconds', () => {
    // 12.3 ms → 13 ms; 0.013 s × 0.5 GB
    expect(lambdaBilledGbSeconds({ durationMs: 12.3, memoryMb: 512 })).toBeCloseTo(0.0065, 12);
    expect(lambdaBilledGbSeconds({ durationMs: 100, memoryMb: 512 })).toBeCloseTo(0.05, 12);
    expect(lambdaBilledGbSeconds({ durationMs: 1000, memoryMb: 128 })).toBeCloseTo(0.125, 12);
  });

  it('sums invocations per order, by architecture', () => {
    const usage = lambdaUsage(
      [
        { durationMs: 12.3, memoryMb: 512 },
        { durationMs: 100, memoryMb: 512 },
        { durationMs: 99.01, memoryMb: 1024, architecture: 'arm64' },
        { durationMs: 0.2, memoryMb: 512 },
      ],
      2,
    );
    expect(usage.lambdaInvocations).toBe(2);
    // (13 + 100 + 1) ms × 0.5 GB = 0.057 GB-s, over 2 orders
    expect(usage.lambdaGbSeconds).toBeCloseTo(0.0285, 12);
    // 100 ms × 1 GB, over 2 orders
    expect(usage.lambdaArmGbSeconds).toBeCloseTo(0.05, 12);
  });
});

describe('Step Functions billing', () => {
  it('bills Express by 100 ms and 64 MB chunks, at least one chunk', () => {
    // 2 s × 64 MB = 0.125 GB-s
    expect(expressBilledGbSeconds({ durationMs: 2000, memoryMb: 64 })).toBeCloseTo(0.125, 12);
    // 2001 ms → 2.1 s; 65 MB → 128 MB: 2.1 × 0.125 GB
    expect(expressBilledGbSeconds({ durationMs: 2001, memoryMb: 65 })).toBeCloseTo(0.2625, 12);
    // 10 MB still bills one chunk; 1 ms bills 100 ms
    expect(expressBilledGbSeconds({ durationMs: 1, memoryMb: 10 })).toBeCloseTo(0.00625, 12);
  });

  it('prices the checkout saga: 7 Standard transitions against one 2 s Express execution', () => {
    const standard = costPer1000Orders({ ...NO_USAGE, stateTransitions: 7 });
    // 7,000 × $0.025 / 1,000
    expect(standard.total).toBeCloseTo(0.175, 12);

    const express = costPer1000Orders({ ...NO_USAGE, ...expressUsage([{ durationMs: 2000, memoryMb: 64 }]) });
    const line = (item: string) => express.lines.find((l) => l.item === item)!;
    // 1,000 executions × $1.00 / 1M
    expect(line('Step Functions Express runs').cost).toBeCloseTo(0.001, 12);
    // 125 GB-s × $0.00001667
    expect(line('Step Functions Express time').quantityPer1000).toBeCloseTo(125, 9);
    expect(line('Step Functions Express time').cost).toBeCloseTo(0.00208375, 12);
    expect(express.total).toBeCloseTo(0.00308375, 12);
  });
});

describe('costPer1000Orders', () => {
  /** An order as the checkout might cost it: Standard saga, one confirmation email. */
  const order = {
    appsyncRequests: 3,
    lambdaInvocations: 10,
    lambdaGbSeconds: 0.5, // 10 × 100 ms × 512 MB
    stateTransitions: 7,
    dynamodbReadUnits: 10,
    dynamodbWriteUnits: 12,
    events: 1,
    snsMessages: 1,
    emails: 1,
    wafRequests: 3,
  };

  it('prices every line and adds them up', () => {
    const { lines, total, pricesAsOf } = costPer1000Orders(order);
    expect(pricesAsOf).toBe(PRICES_AS_OF);
    const costs = Object.fromEntries(lines.map((l) => [l.item, l.cost]));
    const expected = {
      'AppSync requests': 0.012, // 3,000 × $4 / 1M
      'Lambda requests': 0.002, // 10,000 × $0.20 / 1M
      'Lambda duration (x86)': 0.00833335, // 500 GB-s × $0.0000166667
      'Step Functions transitions': 0.175, // 7,000 × $0.025 / 1K
      'DynamoDB reads': 0.00125, // 10,000 × $0.125 / 1M
      'DynamoDB writes': 0.0075, // 12,000 × $0.625 / 1M
      'EventBridge events': 0.001, // 1,000 × $1 / 1M
      'SNS publishes': 0.0005, // 1,000 × $0.50 / 1M
      'SES emails': 0.1, // 1,000 × $0.10 / 1K
      'WAF requests': 0.0018, // 3,000 × $0.60 / 1M
    };
    expect(Object.keys(costs)).toEqual(Object.keys(expected));
    for (const [item, cost] of Object.entries(expected)) expect(costs[item]).toBeCloseTo(cost, 12);
    expect(total).toBeCloseTo(0.30938335, 12);
    expect(total).toBeGreaterThan(TARGET_PER_1000_ORDERS);
  });

  it('stays within the target with an Express saga instead', () => {
    const { total } = costPer1000Orders({
      ...order,
      stateTransitions: 0,
      ...expressUsage([{ durationMs: 2000, memoryMb: 64 }]),
    });
    // 0.30938335 − 0.175 + 0.00308375
    expect(total).toBeCloseTo(0.1374671, 12);
    expect(total).toBeLessThanOrEqual(TARGET_PER_1000_ORDERS);
  });

  it('converts log bytes to GB of 2^30 bytes, and gives lines for optional quantities only when given', () => {
    const { lines } = costPer1000Orders({ ...NO_USAGE, logBytes: 2048, traces: 1 });
    const logs = lines.find((l) => l.item === 'CloudWatch Logs ingestion')!;
    // 2,048,000 bytes = 0.0019073486328125 GB × $0.50
    expect(logs.quantityPer1000).toBeCloseTo(0.0019073486328125, 15);
    expect(logs.cost).toBeCloseTo(0.00095367431640625, 15);
    expect(lines.find((l) => l.item === 'X-Ray traces')!.cost).toBeCloseTo(0.005, 12);
    expect(lines.map((l) => l.item)).not.toContain('AppSync real-time updates');
    expect(lines).toHaveLength(12);
  });

  it('takes another price list, and refuses quantities that are not numbers >= 0', () => {
    const doubled = Object.fromEntries(
      Object.entries(US_EAST_1).map(([key, p]) => [key, { ...p, usd: p.usd * 2 }]),
    ) as PriceList;
    expect(costPer1000Orders(order, doubled).total).toBeCloseTo(2 * 0.30938335, 12);
    expect(() => costPer1000Orders({ ...NO_USAGE, emails: -1 })).toThrow(/emails/);
    expect(() => costPer1000Orders({ ...NO_USAGE, events: Number.NaN })).toThrow(/events/);
  });
});

describe('formatCostTable', () => {
  it('prints a fixed-width table with the total and the verdict on the target', () => {
    const breakdown = costPer1000Orders({
      ...NO_USAGE,
      appsyncRequests: 3,
      stateTransitions: 7,
      dynamodbWriteUnits: 0.4,
    });
    breakdown.lines = breakdown.lines.filter((l) => l.quantityPer1000 > 0);
    expect(formatCostTable(breakdown, { target: 0.25 })).toBe(
      [
        'item                        per 1,000 orders  price                                          USD',
        '------------------------------------------------------------------------------------------------',
        'AppSync requests                       3,000  $4.00 per 1M query or mutation requests   0.012000',
        'Step Functions transitions             7,000  $0.025 per 1K Standard state transitions  0.175000',
        'DynamoDB writes                          400  $0.625 per 1M write request units         0.000250',
        '------------------------------------------------------------------------------------------------',
        'total                                                                                   0.187250',
        'target (within)                                                                         0.250000',
        `us-east-1 on-demand prices as of ${PRICES_AS_OF}, no free tiers`,
      ].join('\n'),
    );
    expect(formatCostTable({ ...breakdown, total: 0.3 }, { target: 0.25 })).toContain('target (OVER)');
  });
});
