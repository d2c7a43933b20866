import { describe, expect, it } from 'vitest';
import {
  canonical,
  hostileRefused,
  moneyBalances,
  noOrphanPayments,
  nothingLost,
  ordersSettled,
  stockBalances,
  viewsMatch,
  type OrderRow,
} from './invariants';
import { judge } from './hostile';
import { seededRng } from './rng';
import { buckets, errorsByKind, percentile, summarise } from './stats';
import { escapeXml, lineChart, niceStep } from './svg';

describe('seeded RNG', () => {
  it('repeats itself for the same seed and differs for another', () => {
    const a = seededRng('s');
    const b = seededRng('s');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(seededRng('t').next()).not.toBe(seqA[0]);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('picks by weight, ints within bounds, and forks independent streams', () => {
    const rng = seededRng(1);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 2000; i++) counts[rng.weighted({ a: 3, b: 1, never: 0 })]++;
    expect(counts.never).toBe(0);
    expect(counts.a).toBeGreaterThan(counts.b * 2);
    for (let i = 0; i < 100; i++) expect([1, 2, 3]).toContain(rng.int(1, 3));
    expect(seededRng('x').fork('u1').next()).toBe(seededRng('x').fork('u1').next());
    expect(seededRng('x').fork('u1').next()).not.toBe(seededRng('x').fork('u2').next());
  });
});

describe('stats', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
  });

  it('summarises per operation, counts errors by kind and buckets over time', () => {
    const samples = [
      { op: 'browse', at: 0, ms: 10 },
      { op: 'browse', at: 1000, ms: 30, error: 'browse: HTTP 502' },
      { op: 'placeOrder', at: 6000, ms: 100 },
    ];
    expect(summarise(samples)[0]).toMatchObject({ op: 'browse', count: 2, errors: 1, p50: 10, max: 30 });
    expect(errorsByKind(samples)).toEqual([['browse: HTTP 502', 1]]);
    const b = buckets(samples, 5);
    expect(b.map((x) => [x.t, x.rate, x.errors])).toEqual([
      [0, 0.4, 1],
      [5, 0.2, 0],
    ]);
  });
});

describe('SVG writer', () => {
  it('writes a standalone chart with escaped text, a line per series and gaps at NaN', () => {
    const svg = lineChart({
      title: 'p99 <ms> & more',
      xLabel: 's',
      yLabel: 'ms',
      series: [
        {
          name: 'a',
          points: [
            [0, 1],
            [1, 2],
            [2, Number.NaN],
            [3, 4],
            [4, 5],
          ],
        },
        { name: 'b', points: [[0, 3]] },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('p99 &lt;ms&gt; &amp; more');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('<circle');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(escapeXml(`"'`)).toBe('&quot;&apos;');
    expect(niceStep(97)).toBe(20);
    expect(niceStep(0)).toBe(1);
  });
});

const order = (orderId: string, status: string, total: number, lines = [{ sku: 'A', quantity: 1 }]): OrderRow => ({
  orderId,
  status,
  total,
  lines,
});

describe('invariants', () => {
  it('finds stuck and missing orders', () => {
    const orders = [order('1', 'CONFIRMED', 10), order('2', 'PENDING', 10), order('3', 'FAILED', 0)];
    const v = ordersSettled(orders, ['1', '2', '3', '4']);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([
      'order 2 is stuck PENDING',
      'order 4 was placed (the API answered its id) but is not in the orders table',
    ]);
    expect(
      ordersSettled(
        orders.filter((o) => o.orderId !== '2'),
        ['1', '3'],
      ).ok,
    ).toBe(true);
  });

  it('balances stock: initial + admin = left + confirmed − restocked, nothing reserved, never below zero', () => {
    const row = {
      sku: 'A',
      initial: 100,
      adminDelta: 10,
      available: 85,
      reserved: 0,
      committed: 25,
      restocked: 5,
      lowestSeen: 3,
    };
    // 100 + 10 = 85 + (25 + 5) − 5
    expect(stockBalances([row]).ok).toBe(true);
    expect(stockBalances([{ ...row, available: 84 }]).problems[0]).toMatch(/^A: initial 100 \+ admin 10 ≠ left 84/);
    expect(stockBalances([{ ...row, reserved: 2, available: 83 }]).problems.join()).toMatch(/still reserved/);
    expect(stockBalances([{ ...row, lowestSeen: -1 }]).problems.join()).toMatch(/below zero/);
  });

  it('balances money: captured − refunded = confirmed orders not cancelled', () => {
    const orders = [
      order('1', 'CONFIRMED', 100),
      order('2', 'CANCELLED', 50),
      order('3', 'FAILED', 70),
      order('4', 'SHIPPED', 30),
    ];
    const payments = [
      { orderId: '1', status: 'CAPTURED', amount: 100 },
      { orderId: '2', status: 'REFUNDED', amount: 50 },
      { orderId: '3', status: 'VOIDED', amount: 70 },
      { orderId: '4', status: 'CAPTURED', amount: 30 },
    ];
    const v = moneyBalances(payments, orders);
    expect(v).toMatchObject({ ok: true, figures: expect.stringContaining('captured 180, refunded 50, net 130') });
    const charged = moneyBalances(
      [...payments.slice(0, 2), { orderId: '3', status: 'CAPTURED', amount: 70 }, payments[3]],
      orders,
    );
    expect(charged.ok).toBe(false);
    expect(charged.problems.join('\n')).toMatch(/order 3 is FAILED but its payment is still CAPTURED/);
  });

  it('finds payments without orders, hostile requests let through, lost deliveries and view drift', () => {
    expect(noOrphanPayments([{ orderId: 'x', status: 'CAPTURED', amount: 1 }], new Set(['y'])).ok).toBe(false);
    expect(hostileRefused([{ kind: 'k', refused: true, answer: '401' }], []).ok).toBe(true);
    expect(hostileRefused([{ kind: 'k', refused: false, answer: '200' }], []).problems).toEqual([
      'k was not refused: 200',
    ]);
    expect(hostileRefused([], ['the attacker has 1 orders']).ok).toBe(false);
    const quiet = {
      events: { 'dead-lettered': 1, dropped: 0, pending: 0 },
      streamDiscarded: 1,
      streamFailuresSent: 1,
      executionsRunning: 0,
    };
    expect(nothingLost(quiet).ok).toBe(true);
    expect(nothingLost({ ...quiet, events: { dropped: 2, pending: 0 } }).ok).toBe(false);
    expect(nothingLost({ ...quiet, streamFailuresSent: 0 }).ok).toBe(false);
    expect(viewsMatch({ v: [{ a: 1, b: 2 }] }, { v: [{ b: 2, a: 1 }] }).ok).toBe(true);
    expect(viewsMatch({ v: [{ a: 1 }] }, { v: [{ a: 2 }] }).problems).toHaveLength(2);
    expect(canonical({ b: { d: 1, c: 2 }, a: [2, 1] })).toBe('{"a":[2,1],"b":{"c":2,"d":1}}');
  });
});

describe('judging a hostile answer', () => {
  it('counts an error with a message and no data as refused, anything with data as let through', () => {
    const refused = judge('k', {
      status: 200,
      body: '',
      json: { data: { placeOrder: null }, errors: [{ message: 'lines[0].quantity must be …' }] },
    });
    expect(refused.refused).toBe(true);
    expect(judge('k', { status: 401, body: 'Unauthorized' }).refused).toBe(true);
    expect(judge('k', { status: 431, body: '' })).toMatchObject({ refused: true, answer: '431 HTTP 431' });
    expect(
      judge('k', { status: 500, body: '', json: { errors: [{ message: 'An internal failure occurred.' }] } }).refused,
    ).toBe(false);
    expect(judge('k', { status: 200, body: '', json: { data: { placeOrder: { orderId: 'o' } } } }).refused).toBe(false);
    expect(judge('k', { status: 200, body: '', json: { data: null, errors: [{ message: ' ' }] } }).refused).toBe(false);
  });
});
