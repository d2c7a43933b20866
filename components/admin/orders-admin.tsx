'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { adminToken, ordersAsAdmin, type AdminOrderRow } from '@/lib/admin';
import { ORDER_STATUSES, STATUS_LABELS } from '@/lib/admin-orders';
import type { OrderStatus } from '@/lib/types';
import { formatOrderTime } from '../orders/status-timeline';
import { Price } from '../price';
import { LoadFailed } from '../load-failed';
import { Loading } from './admin-state';
import { TableScroll } from '../table-scroll';
import { useLoad } from '../use-load';

type Loaded = { name: 'ready'; orders: AdminOrderRow[]; nextToken: string | null };

/** The store's orders in one status, newest first, a page at a time; the status is in the URL. */
export function OrdersAdmin({ status }: { status: OrderStatus }) {
  const router = useRouter();
  const { state, setState, retry } = useLoad(
    useCallback(async (): Promise<Loaded> => {
      const page = await ordersAsAdmin(await adminToken(), status);
      return { name: 'ready', orders: page.items, nextToken: page.nextToken };
    }, [status]),
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const loadMore = useCallback(async () => {
    if (state.name !== 'ready' || !state.nextToken) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await ordersAsAdmin(await adminToken(), status, state.nextToken);
      const seen = new Set(state.orders.map((o) => o.order.orderId));
      setState({
        name: 'ready',
        orders: [...state.orders, ...page.items.filter((o) => !seen.has(o.order.orderId))],
        nextToken: page.nextToken,
      });
    } catch (error) {
      setMoreError((error as Error).message);
    } finally {
      setLoadingMore(false);
    }
  }, [state, status]);

  return (
    <section className="admin-page" aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <div className="admin-filter">
        <div className="field">
          <label htmlFor="order-status">Status</label>
          <select
            id="order-status"
            value={status}
            onChange={(event) => router.push(`/admin/orders?status=${event.target.value}`)}
          >
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {state.name === 'loading' && <Loading>Loading orders…</Loading>}
      {state.name === 'failed' && <LoadFailed what="the orders" message={state.message} onRetry={retry} />}
      {state.name === 'ready' &&
        (state.orders.length === 0 ? (
          <p className="empty">No {STATUS_LABELS[status].toLowerCase()} orders.</p>
        ) : (
          <>
            <TableScroll label="Orders table">
              <table className="table">
                <caption className="visually-hidden">{STATUS_LABELS[status]} orders, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Placed</th>
                    <th scope="col">Customer</th>
                    <th scope="col" className="numeric">
                      Items
                    </th>
                    <th scope="col" className="numeric">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {state.orders.map(({ order, customerEmail, customerId }) => (
                    <tr key={order.orderId}>
                      <th scope="row">
                        <Link href={`/admin/orders/${encodeURIComponent(order.orderId)}`}>
                          <span className="visually-hidden">Order </span>
                          <code>{order.orderId.slice(0, 8)}</code>
                        </Link>
                      </th>
                      <td>
                        <time dateTime={order.createdAt}>{formatOrderTime(order.createdAt, 'short')}</time>
                      </td>
                      <td>{customerEmail ?? <code>{customerId}</code>}</td>
                      <td className="numeric">{order.lines.reduce((sum, line) => sum + line.quantity, 0)}</td>
                      <td className="numeric">
                        <Price amount={order.total} currency={order.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {moreError && (
              <p className="notice notice--error" role="alert">
                More orders could not be loaded: {moreError}
              </p>
            )}
            {state.nextToken && (
              <button type="button" className="button button--secondary" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more orders'}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
