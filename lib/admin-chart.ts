/**
 * The sales dashboard's arithmetic, apart from drawing: the default date range, today's totals,
 * one currency's series, and the chart's scales and shapes. Pure, for server and client.
 */
import type { DailySales } from './types';

const DAY_MS = 86_400_000;

/** `date`'s UTC day, YYYY-MM-DD: the day the DailySales view counts an order on. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** The `days` days ending on `today` (UTC), both ends included: the dashboard's default range. */
export function lastDays(today: Date, days = 30): { from: string; to: string } {
  return { from: utcDay(new Date(today.getTime() - (days - 1) * DAY_MS)), to: utcDay(today) };
}

/** The report's currencies, the one with the most revenue first (ties alphabetical). */
export function reportCurrencies(report: readonly DailySales[]): string[] {
  const totals = new Map<string, number>();
  for (const day of report)
    for (const { currency, amount } of day.revenue) totals.set(currency, (totals.get(currency) ?? 0) + amount);
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
}

export interface ChartDay {
  day: string;
  orders: number;
  /** Minor units of the chart's currency. */
  revenue: number;
}

/** Each day's orders and its revenue in `currency` (0 where it sold nothing in it). */
export function seriesIn(report: readonly DailySales[], currency: string): ChartDay[] {
  return report.map((d) => ({
    day: d.day,
    orders: d.orders,
    revenue: d.revenue.find((r) => r.currency === currency)?.amount ?? 0,
  }));
}

/** A day's orders and revenue per currency; nothing sold is 0 orders and no revenue. */
export function totalsOn(report: readonly DailySales[], day: string): Pick<DailySales, 'orders' | 'revenue'> {
  const found = report.find((d) => d.day === day);
  return { orders: found?.orders ?? 0, revenue: found?.revenue.filter((r) => r.amount !== 0) ?? [] };
}

/**
 * The smallest "nice" number (1, 2 or 5 times a power of ten) at or above `value`, so an axis ends
 * on a round figure; at least `floor`, so an empty chart still has an axis.
 */
export function niceCeiling(value: number, floor = 1): number {
  const target = Math.max(value, floor);
  const power = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 5, 10]) if (step * power >= target) return step * power;
  return 10 * power;
}

/** `count` + 1 evenly spaced ticks from 0 to `max`. */
export const ticks = (max: number, count = 4) => Array.from({ length: count + 1 }, (_, i) => (max * i) / count);

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axes' labels. */
  padding: { top: number; right: number; bottom: number; left: number };
}

export interface ChartShape {
  /** One revenue bar per day. */
  bars: { day: string; x: number; y: number; width: number; height: number }[];
  /** The orders line's points, one per day, at the middle of its bar. */
  points: { day: string; x: number; y: number }[];
  revenueMax: number;
  ordersMax: number;
  /** Where a value of each axis sits vertically. */
  revenueY: (minorUnits: number) => number;
  ordersY: (orders: number) => number;
}

/**
 * Revenue as bars on the left axis, orders as a line on the right one, both from 0 to a nice
 * ceiling of their largest day. Bars fill 70 % of their slot; a day with no revenue has no height.
 * `revenueFloor` keeps a quiet period's axis at a sensible size (e.g. one major unit).
 */
export function chartShape(days: readonly ChartDay[], box: ChartBox, revenueFloor = 100): ChartShape {
  const { top, right, bottom, left } = box.padding;
  const plotWidth = Math.max(0, box.width - left - right);
  const plotHeight = Math.max(0, box.height - top - bottom);
  const baseline = top + plotHeight;
  const revenueMax = niceCeiling(Math.max(0, ...days.map((d) => d.revenue)), revenueFloor);
  const ordersMax = niceCeiling(Math.max(0, ...days.map((d) => d.orders)), 1);
  const revenueY = (value: number) => baseline - (Math.max(0, value) / revenueMax) * plotHeight;
  const ordersY = (value: number) => baseline - (Math.max(0, value) / ordersMax) * plotHeight;
  const slot = days.length > 0 ? plotWidth / days.length : 0;
  const barWidth = slot * 0.7;
  const bars = days.map((d, i) => {
    const y = revenueY(d.revenue);
    return { day: d.day, x: left + i * slot + (slot - barWidth) / 2, y, width: barWidth, height: baseline - y };
  });
  const points = days.map((d, i) => ({ day: d.day, x: left + i * slot + slot / 2, y: ordersY(d.orders) }));
  return { bars, points, revenueMax, ordersMax, revenueY, ordersY };
}

/** Labels for at most `max` of `days`, evenly picked and always the last, so they never overlap. */
export function labelledDays(days: readonly string[], max = 6): Set<string> {
  if (days.length <= max) return new Set(days);
  const every = Math.ceil(days.length / max);
  return new Set(days.filter((_, i) => (days.length - 1 - i) % every === 0));
}
