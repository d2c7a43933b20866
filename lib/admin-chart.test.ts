import { describe, expect, it } from 'vitest';
import {
  chartShape,
  labelledDays,
  lastDays,
  niceCeiling,
  reportCurrencies,
  seriesIn,
  ticks,
  totalsOn,
} from './admin-chart';
import type { DailySales } from './types';

const day = (d: string, orders: number, revenue: [string, number][] = []): DailySales => ({
  day: d,
  orders,
  units: orders,
  revenue: revenue.map(([currency, amount]) => ({ currency, amount })),
});

const REPORT = [
  day('2026-03-01', 2, [['USD', 5000]]),
  day('2026-03-02', 0),
  day('2026-03-03', 3, [
    ['USD', 2500],
    ['EUR', 9000],
  ]),
];

describe('the date range', () => {
  it('is the last 30 UTC days, today included', () => {
    expect(lastDays(new Date('2026-03-30T23:59:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-30' });
    expect(lastDays(new Date('2024-03-01T00:30:00Z'), 3)).toEqual({ from: '2024-02-28', to: '2024-03-01' });
  });
});

describe('the report', () => {
  it('names its currencies, the largest revenue first', () => {
    expect(reportCurrencies(REPORT)).toEqual(['EUR', 'USD']);
    expect(reportCurrencies([day('2026-03-01', 0)])).toEqual([]);
  });

  it("gives one currency's series, 0 where nothing sold in it", () => {
    expect(seriesIn(REPORT, 'USD')).toEqual([
      { day: '2026-03-01', orders: 2, revenue: 5000 },
      { day: '2026-03-02', orders: 0, revenue: 0 },
      { day: '2026-03-03', orders: 3, revenue: 2500 },
    ]);
  });

  it("tells a day's totals, and nothing for a day it does not cover", () => {
    expect(totalsOn(REPORT, '2026-03-03')).toEqual({
      orders: 3,
      revenue: [
        { currency: 'USD', amount: 2500 },
        { currency: 'EUR', amount: 9000 },
      ],
    });
    expect(totalsOn(REPORT, '2026-04-01')).toEqual({ orders: 0, revenue: [] });
  });
});

describe('the scales', () => {
  it('end on 1, 2 or 5 times a power of ten at or above the largest value', () => {
    expect([0, 1, 3, 7, 10, 11, 240, 5000, 5001].map((v) => niceCeiling(v))).toEqual([
      1, 1, 5, 10, 10, 20, 500, 5000, 10000,
    ]);
    expect(niceCeiling(0, 100)).toBe(100);
    expect(ticks(500)).toEqual([0, 125, 250, 375, 500]);
  });
});

describe('the chart', () => {
  const box = { width: 400, height: 200, padding: { top: 10, right: 40, bottom: 30, left: 60 } };

  it('draws a bar per day up to the revenue axis, and the orders line on its own axis', () => {
    const shape = chartShape(seriesIn(REPORT, 'USD'), box);
    expect(shape.revenueMax).toBe(5000);
    expect(shape.ordersMax).toBe(5);
    // 300 wide for 3 days: 100 per slot, bars 70 wide and centred.
    expect(shape.bars.map((b) => [b.x, b.width])).toEqual([
      [75, 70],
      [175, 70],
      [275, 70],
    ]);
    // 160 high from y 10 to the baseline at 170.
    expect(shape.bars.map((b) => [b.y, b.height])).toEqual([
      [10, 160],
      [170, 0],
      [90, 80],
    ]);
    expect(shape.points).toEqual([
      { day: '2026-03-01', x: 110, y: 170 - (2 / 5) * 160 },
      { day: '2026-03-02', x: 210, y: 170 },
      { day: '2026-03-03', x: 310, y: 170 - (3 / 5) * 160 },
    ]);
  });

  it('keeps an axis for a period with no sales at all', () => {
    const shape = chartShape(seriesIn([day('2026-03-01', 0), day('2026-03-02', 0)], 'USD'), box);
    expect(shape.revenueMax).toBe(100);
    expect(shape.ordersMax).toBe(1);
    expect(shape.bars.every((b) => b.height === 0)).toBe(true);
  });

  it('labels at most a few days, always the last', () => {
    const days = Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
    const labelled = labelledDays(days);
    expect(labelled.size).toBeLessThanOrEqual(6);
    expect(labelled.has('2026-03-30')).toBe(true);
    expect(labelledDays(days.slice(0, 3))).toEqual(new Set(days.slice(0, 3)));
  });
});
