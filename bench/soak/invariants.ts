/**
 * The books the soak balances at the end, as pure arithmetic over what the tables hold (read by
 * books.ts). Each check answers its verdict and the figures it was judged on, for the report.
 */
export interface Verdict {
  name: string;
  ok: boolean;
  /** The figures, in words, e.g. `412 orders: 380 confirmed, 20 failed, 12 cancelled, 0 stuck`. */
  figures: string;
  /** What broke it (a few examples), when it did not hold. */
  problems: string[];
}

const verdict = (name: string, problems: string[], figures: string): Verdict => ({
  name,
  ok: problems.length === 0,
  figures,
  problems: problems.slice(0, 10),
});

export interface OrderRow {
  orderId: string;
  status: string;
  /** Minor units. */
  total: number;
  currency?: string;
  lines: { sku: string; quantity: number }[];
}

/** Every placed order reached a final status: CONFIRMED (or SHIPPED after it), FAILED or CANCELLED. */
export const ordersSettled = (orders: readonly OrderRow[], placed: readonly string[]): Verdict => {
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  const counts: Record<string, number> = {};
  const problems: string[] = [];
  for (const id of placed) {
    const order = byId.get(id);
    if (!order) {
      problems.push(`order ${id} was placed (the API answered its id) but is not in the orders table`);
      continue;
    }
    counts[order.status] = (counts[order.status] ?? 0) + 1;
    if (!['CONFIRMED', 'SHIPPED', 'FAILED', 'CANCELLED'].includes(order.status))
      problems.push(`order ${id} is stuck ${order.status}`);
  }
  const parts = Object.entries(counts)
    .sort()
    .map(([s, n]) => `${n} ${s.toLowerCase()}`);
  return verdict('every placed order is final', problems, `${placed.length} placed: ${parts.join(', ') || 'none'}`);
};

export interface StockRow {
  sku: string;
  initial: number;
  /** The admins' changes during the run (the stock adjustments audit, summed). */
  adminDelta: number;
  available: number;
  reserved: number;
  /** Units of COMMITTED reservations: sold and not given back. */
  committed: number;
  /** Units of RESTOCKED reservations: sold, then given back by a cancellation. */
  restocked: number;
  /** The lowest `available` the run saw. */
  lowestSeen: number;
}

/**
 * Per SKU: initial stock (plus the admins' changes) = stock left + units in confirmed orders − units
 * restocked by cancellations, nothing still reserved, and stock never below zero. "Units in
 * confirmed orders" counts every order that was ever confirmed, cancelled ones included; that is why
 * their restocked units come off again.
 */
export const stockBalances = (rows: readonly StockRow[]): Verdict => {
  const problems: string[] = [];
  let sold = 0;
  let restocked = 0;
  for (const r of rows) {
    const expected = r.initial + r.adminDelta;
    const accounted = r.available + (r.committed + r.restocked) - r.restocked;
    sold += r.committed + r.restocked;
    restocked += r.restocked;
    if (expected !== accounted)
      problems.push(
        `${r.sku}: initial ${r.initial} + admin ${r.adminDelta} ≠ left ${r.available} + confirmed ${r.committed + r.restocked} − restocked ${r.restocked}`,
      );
    if (r.reserved !== 0) problems.push(`${r.sku}: ${r.reserved} units still reserved after the system settled`);
    if (r.available < 0 || r.lowestSeen < 0)
      problems.push(`${r.sku}: stock went below zero (${Math.min(r.available, r.lowestSeen)})`);
  }
  return verdict(
    'stock balances per SKU and never goes below zero',
    problems,
    `${rows.length} SKUs: ${sold} units in confirmed orders, ${restocked} restocked by cancellations, lowest stock seen ${Math.min(...rows.map((r) => r.lowestSeen), ...rows.map((r) => r.available))}`,
  );
};

export interface PaymentRow {
  orderId: string;
  status: string;
  amount: number;
  currency?: string;
}

/** Money taken: a payment CAPTURED or later REFUNDED was captured; REFUNDED was given back. */
export const moneyBalances = (payments: readonly PaymentRow[], orders: readonly OrderRow[]): Verdict => {
  const mine = new Set(orders.map((o) => o.orderId));
  const ours = payments.filter((p) => mine.has(p.orderId));
  const captured = ours
    .filter((p) => p.status === 'CAPTURED' || p.status === 'REFUNDED')
    .reduce((s, p) => s + p.amount, 0);
  const refunded = ours.filter((p) => p.status === 'REFUNDED').reduce((s, p) => s + p.amount, 0);
  const kept = orders.filter((o) => o.status === 'CONFIRMED' || o.status === 'SHIPPED');
  const value = kept.reduce((s, o) => s + o.total, 0);
  const problems: string[] = [];
  if (captured - refunded !== value)
    problems.push(
      `captured ${captured} − refunded ${refunded} = ${captured - refunded}, confirmed orders are worth ${value}`,
    );
  const paid = new Map(ours.map((p) => [p.orderId, p]));
  for (const o of kept) {
    const p = paid.get(o.orderId);
    if (p?.status !== 'CAPTURED')
      problems.push(`order ${o.orderId} is ${o.status} but its payment is ${p?.status ?? 'missing'}`);
    else if (p.amount !== o.total) problems.push(`order ${o.orderId} totals ${o.total} but ${p.amount} was captured`);
  }
  for (const o of orders.filter((x) => x.status === 'FAILED' || x.status === 'CANCELLED')) {
    const p = paid.get(o.orderId);
    if (p?.status === 'CAPTURED' || p?.status === 'AUTHORIZED')
      problems.push(`order ${o.orderId} is ${o.status} but its payment is still ${p.status}`);
  }
  return verdict(
    'captured − refunded = confirmed orders not cancelled',
    problems,
    `captured ${captured}, refunded ${refunded}, net ${captured - refunded}; ${kept.length} confirmed orders worth ${value} (minor units)`,
  );
};

/** Every payment record belongs to an order in the orders table. */
export const noOrphanPayments = (payments: readonly PaymentRow[], orderIds: ReadonlySet<string>): Verdict => {
  const orphans = payments.filter((p) => !orderIds.has(p.orderId));
  return verdict(
    'no payment without an order',
    orphans.map((p) => `payment ${p.orderId} (${p.status}, ${p.amount}) has no order`),
    `${payments.length} payments, ${orphans.length} without an order`,
  );
};

export interface HostileOutcome {
  kind: string;
  refused: boolean;
  /** The error the API gave, or why it counts as not refused. */
  answer: string;
}

/** Every hostile request was refused with an error that says what was wrong, and nothing was written. */
export const hostileRefused = (outcomes: readonly HostileOutcome[], writes: readonly string[]): Verdict => {
  const accepted = outcomes.filter((o) => !o.refused);
  const kinds = new Set(outcomes.map((o) => o.kind));
  return verdict(
    'every hostile request refused, nothing written',
    [...accepted.map((o) => `${o.kind} was not refused: ${o.answer}`), ...writes],
    `${outcomes.length} hostile requests of ${kinds.size} kinds: ${outcomes.length - accepted.length} refused, ${writes.length} writes found`,
  );
};

export interface DeliveryCounts {
  /** Event targets: delivered, dead-lettered, dropped, still pending. */
  events: Record<string, number>;
  /** Stream records: discarded (given up) and sent to the on-failure destination. */
  streamDiscarded: number;
  streamFailuresSent: number;
  /** Saga executions still running. */
  executionsRunning: number;
}

/** Each event reached its target or its dead-letter queue; each discarded stream record its destination. */
export const nothingLost = (c: DeliveryCounts): Verdict => {
  const problems: string[] = [];
  if (c.events.dropped) problems.push(`${c.events.dropped} event deliveries were dropped (no DLQ)`);
  if (c.events.pending) problems.push(`${c.events.pending} event deliveries still pending after the system settled`);
  if (c.streamDiscarded > c.streamFailuresSent)
    problems.push(
      `${c.streamDiscarded - c.streamFailuresSent} stream records were discarded without reaching their on-failure destination`,
    );
  if (c.executionsRunning) problems.push(`${c.executionsRunning} saga executions still running`);
  const e = Object.entries(c.events)
    .sort()
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  return verdict(
    'no message or event lost',
    problems,
    `event deliveries: ${e || 'none'}; stream records discarded ${c.streamDiscarded}, sent to a DLQ ${c.streamFailuresSent}; ${c.executionsRunning} executions running`,
  );
};

/** JSON with every object's keys sorted, so that equal items compare equal whatever their key order. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );

/** Two snapshots of the views, the kept and the rebuilt, compared item by item. */
export const viewsMatch = (
  kept: Record<string, readonly unknown[]>,
  rebuilt: Record<string, readonly unknown[]>,
): Verdict => {
  const problems: string[] = [];
  const sizes: string[] = [];
  for (const view of Object.keys(kept)) {
    const a = kept[view].map(canonical);
    const b = new Set((rebuilt[view] ?? []).map(canonical));
    const aSet = new Set(a);
    sizes.push(`${view} ${a.length}`);
    for (const item of a)
      if (!b.has(item)) problems.push(`${view}: kept item not in the rebuild: ${item.slice(0, 200)}`);
    for (const item of b) if (!aSet.has(item)) problems.push(`${view}: rebuilt item not kept: ${item.slice(0, 200)}`);
  }
  return verdict('every view equals a rebuild from the write side', problems, `items: ${sizes.join(', ')}`);
};
