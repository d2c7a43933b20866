import type { Order, OrderStatus } from '../orders/order';

/**
 * DailySales: an order counts on its confirmation day (UTC) while it is CONFIRMED or SHIPPED, and
 * comes off again when it is cancelled. What one order adds is kept as its contribution (with the
 * order version it reflects), so a day's totals move by the difference between the contribution
 * held and the new one: replays, duplicates and out-of-order records leave the same totals.
 */
export interface Contribution {
  orderId: string;
  /** The UTC day of confirmation, YYYY-MM-DD. */
  day: string;
  currency: string;
  orders: number;
  revenue: number;
  units: number;
  version: number;
}

const COUNTED: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'SHIPPED']);

/**
 * An Orders stream record → the order's contribution now. Nothing for an order never confirmed: it
 * contributes nothing in any version, so there is nothing to hold against an older record.
 */
export const contributionOf = (before: Order | undefined, after: Order | undefined): Contribution[] => {
  const order = after ?? before;
  const confirmed = order?.statusHistory?.find((c) => c.status === 'CONFIRMED');
  if (!order || !confirmed) return [];
  const counted = !!after && COUNTED.has(after.status);
  return [
    {
      orderId: order.orderId,
      day: confirmed.at.slice(0, 10),
      currency: order.currency,
      orders: counted ? 1 : 0,
      revenue: counted ? order.total : 0,
      units: counted ? order.lines.reduce((sum, l) => sum + l.quantity, 0) : 0,
      // A deleted order's record carries its last version; its removal is one step newer.
      version: after ? order.version : order.version + 1,
    },
  ];
};

/** What a day's totals move by when `held` (if any) is replaced by `next`. */
export const deltaOf = (held: Contribution | undefined, next: Contribution) => ({
  orders: next.orders - (held?.orders ?? 0),
  revenue: next.revenue - (held?.revenue ?? 0),
  units: next.units - (held?.units ?? 0),
});
