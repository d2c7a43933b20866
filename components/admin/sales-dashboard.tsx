'use client';

import { useCallback, useId, useState, type FormEvent } from 'react';
import { adminToken, salesReportAsAdmin } from '@/lib/admin';
import { lastDays, reportCurrencies, seriesIn, totalsOn, utcDay } from '@/lib/admin-chart';
import { formatPrice } from '@/lib/money';
import type { DailySales } from '@/lib/types';
import { LoadFailed } from '../load-failed';
import { Loading } from './admin-state';
import { useLoad } from '../use-load';
import { SalesChart, SalesTable } from './sales-chart';

type Loaded = { name: 'ready'; report: DailySales[]; today: DailySales[] };

/** `Today: 2 orders, $59.40` (and other currencies after a plus); days are UTC, as the report counts them. */
export function todayText(report: DailySales[], today: string): string {
  const { orders, revenue } = totalsOn(report, today);
  const money = revenue.length
    ? revenue.map((r) => formatPrice(r.amount, r.currency)).join(' + ')
    : formatPrice(0, 'USD');
  return `Today: ${orders} ${orders === 1 ? 'order' : 'orders'}, ${money}`;
}

/**
 * The sales dashboard: today's totals, and for a range of days (the last 30 by default) a chart of
 * daily revenue and orders with its numbers in a table. Read from the DailySales view
 * (`salesReport`): confirmed orders on their confirmation day, cancelled ones taken off.
 */
export function SalesDashboard() {
  const id = useId();
  const [range, setRange] = useState(() => lastDays(new Date()));
  const { state, retry } = useLoad(
    useCallback(async (): Promise<Loaded> => {
      const token = await adminToken();
      const day = utcDay(new Date());
      const [report, today] = await Promise.all([
        salesReportAsAdmin(token, range.from, range.to),
        salesReportAsAdmin(token, day, day),
      ]);
      return { name: 'ready', report, today };
    }, [range]),
  );
  const [currency, setCurrency] = useState<string | null>(null);
  const [rangeError, setRangeError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = String(form.get('from') ?? '');
    const to = String(form.get('to') ?? '');
    if (!from || !to) return setRangeError('Choose both days.');
    if (from > to) return setRangeError('The first day must not be after the last.');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > 366) return setRangeError('Choose at most 366 days.');
    setRangeError(null);
    setRange({ from, to });
  };

  const currencies = state.name === 'ready' ? reportCurrencies(state.report) : [];
  const shown = currency && currencies.includes(currency) ? currency : (currencies[0] ?? 'USD');

  return (
    <section className="admin-page" aria-labelledby="sales-title">
      <h1 id="sales-title">Sales</h1>
      {state.name === 'ready' && (
        <p className="sales-today" aria-live="polite">
          {todayText(state.today, utcDay(new Date()))}
        </p>
      )}
      <form className="admin-filter sales-range" onSubmit={onSubmit} aria-describedby={`${id}-range-error`}>
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} name="from" type="date" defaultValue={range.from} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} name="to" type="date" defaultValue={range.to} required />
        </div>
        <button type="submit" className="button button--secondary">
          Show
        </button>
        {currencies.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-currency`}>Currency</label>
            <select id={`${id}-currency`} value={shown} onChange={(event) => setCurrency(event.target.value)}>
              {currencies.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
        )}
      </form>
      <div id={`${id}-range-error`}>
        {rangeError && (
          <p className="field__error" role="alert">
            {rangeError}
          </p>
        )}
      </div>
      <p className="hint">
        Days are UTC. An order counts on the day it was confirmed; a cancelled one comes off again.
      </p>

      {state.name === 'loading' && <Loading>Loading sales…</Loading>}
      {state.name === 'failed' && <LoadFailed what="the sales report" message={state.message} onRetry={retry} />}
      {state.name === 'ready' && (
        <>
          {state.report.every((d) => d.orders === 0 && d.revenue.length === 0) && (
            <p className="empty">
              No sales from {range.from} to {range.to}.
            </p>
          )}
          <figure className="sales-figure">
            <SalesChart id={`${id}-chart`} days={seriesIn(state.report, shown)} currency={shown} />
            <figcaption className="sales-legend">
              <span className="sales-legend__bar" aria-hidden="true" /> Revenue ({shown}){' '}
              <span className="sales-legend__line" aria-hidden="true" /> Orders
            </figcaption>
          </figure>
          <details className="sales-data">
            <summary>The numbers, day by day</summary>
            <SalesTable days={state.report} currencies={currencies.length ? currencies : [shown]} />
          </details>
        </>
      )}
    </section>
  );
}
