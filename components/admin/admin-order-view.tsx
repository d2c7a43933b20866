'use client';

import Link from 'next/link';
import { useCallback } from 'react';
import { ApiError, adminToken, orderAsAdmin } from '@/lib/admin';
import { countryName } from '@/lib/checkout';
import type { AdminOrder } from '@/lib/types';
import { OrderTotals } from '../order-totals';
import { formatOrderTime, StatusTimeline } from '../orders/status-timeline';
import { Price } from '../price';
import { LoadFailed } from '../load-failed';
import { Loading } from './admin-state';
import { TableScroll } from '../table-scroll';
import { useLoad } from '../use-load';

type Loaded = { name: 'not-found' } | { name: 'ready'; found: AdminOrder };

/** Any customer's order for an admin: who placed it, where it goes, its lines, totals and timeline. */
export function AdminOrderView({ orderId }: { orderId: string }) {
  const { state, retry } = useLoad(
    useCallback(async (): Promise<Loaded> => {
      try {
        return { name: 'ready', found: await orderAsAdmin(await adminToken(), orderId) };
      } catch (error) {
        if (error instanceof ApiError && error.notFound) return { name: 'not-found' };
        throw error;
      }
    }, [orderId]),
  );

  const back = (status?: string) => (
    <p className="breadcrumb">
      <Link href={status ? `/admin/orders?status=${status}` : '/admin/orders'}>All orders</Link>
    </p>
  );

  if (state.name !== 'ready')
    return (
      <section className="admin-page" aria-labelledby="order-title">
        {back()}
        <h1 id="order-title">Order</h1>
        {state.name === 'loading' && <Loading>Loading the order…</Loading>}
        {state.name === 'not-found' && (
          <p className="notice" role="status">
            There is no order with id <code>{orderId}</code>.
          </p>
        )}
        {state.name === 'failed' && <LoadFailed what="the order" message={state.message} onRetry={retry} />}
      </section>
    );

  const { order, customerEmail, customerId } = state.found;
  const address = order.shippingAddress;
  return (
    <section className="admin-page admin-order" aria-labelledby="order-title">
      {back(order.status ?? undefined)}
      <h1 id="order-title">
        Order <code>{order.orderId.slice(0, 8)}</code>
      </h1>
      <dl className="admin-order__facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`order-badge order-badge--${order.status?.toLowerCase()}`}>{order.status}</span>
            {order.failureReason && <span className="hint"> — {order.failureReason}</span>}
          </dd>
        </div>
        <div>
          <dt>Order id</dt>
          <dd>
            <code>{order.orderId}</code>
          </dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>
            <time dateTime={order.createdAt}>{formatOrderTime(order.createdAt, 'medium')}</time>
          </dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>
            {customerEmail ? (
              <a href={`mailto:${customerEmail}`}>{customerEmail}</a>
            ) : (
              <span className="hint">No email</span>
            )}{' '}
            <span className="hint">
              (<code>{customerId}</code>)
            </span>
          </dd>
        </div>
      </dl>

      <div className="order__columns">
        <section aria-labelledby="order-lines-title">
          <h2 id="order-lines-title">Lines</h2>
          <TableScroll label="The order’s lines">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">SKU</th>
                  <th scope="col" className="numeric">
                    Unit price
                  </th>
                  <th scope="col" className="numeric">
                    Quantity
                  </th>
                  <th scope="col" className="numeric">
                    Line total
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.lines.map((line) => (
                  <tr key={line.sku}>
                    <th scope="row">{line.name}</th>
                    <td>
                      <code>{line.sku}</code>
                    </td>
                    <td className="numeric">
                      <Price amount={line.unitPrice} currency={order.currency} />
                    </td>
                    <td className="numeric">{line.quantity}</td>
                    <td className="numeric">
                      <Price amount={line.lineTotal} currency={order.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <OrderTotals
            currency={order.currency}
            subtotal={order.subtotal}
            shipping={order.shipping}
            tax={order.tax}
            total={order.total}
          />
        </section>
        <div>
          <section aria-labelledby="order-address-title" className="order__address">
            <h2 id="order-address-title">Shipping address</h2>
            <address>
              {address.name}
              <br />
              {address.line1}
              {address.line2 && (
                <>
                  <br />
                  {address.line2}
                </>
              )}
              <br />
              {address.postalCode} {address.city}
              {address.region ? `, ${address.region}` : ''}
              <br />
              {countryName(address.country)}
            </address>
          </section>
          <section aria-labelledby="order-timeline-title" className="order__history">
            <h2 id="order-timeline-title">Timeline</h2>
            <StatusTimeline changes={order.statusHistory} timeStyle="medium" />
          </section>
        </div>
      </div>
    </section>
  );
}
