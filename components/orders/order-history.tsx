'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { ApiError } from '@/lib/api';
import { signedInToken } from '@/lib/auth';
import { appendOrders, lineSummary } from '@/lib/orders';
import { myOrders } from '@/lib/shop';
import type { OrderHistoryPage, OrderSummary } from '@/lib/types';
import { LoadMore } from '../load-more';
import { Price } from '../price';
import { SignInNotice, useSignedInSession } from '../session';
import { useLoad } from '../use-load';
import { LoadFailed } from '../load-failed';
import { OrdersUnconfigured } from './order-notices';
import { RefundNotice } from './refund-notice';
import { formatOrderTime, StatusTimeline } from './status-timeline';

async function loadPage(nextToken: string | null): Promise<OrderHistoryPage> {
  return myOrders(await signedInToken(), nextToken);
}

const loadFirstPage = async (): Promise<{ name: 'ready'; page: OrderHistoryPage }> => ({
  name: 'ready',
  page: await loadPage(null),
});

const messageOf = (error: unknown) =>
  error instanceof ApiError && error.network
    ? 'We couldn’t reach the store.'
    : (error as Error)?.message || 'Your orders could not be loaded.';

/**
 * The signed-in customer's orders, newest first (`myOrders`), with "Load more". Read on every visit,
 * never cached; a guest is sent to sign in and back here.
 */
export function OrderHistory() {
  const session = useSignedInSession('/orders');
  const email = session.status === 'signed-in' ? session.user.email : null;
  const { state, setState, retry } = useLoad(loadFirstPage, { owner: email, messageOf });
  const [moreFailed, setMoreFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [pending, startTransition] = useTransition();

  if (session.status === 'unconfigured') {
    return (
      <>
        <Heading />
        <OrdersUnconfigured />
      </>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <>
        <Heading />
        <SignInNotice next="/orders">Sign in to see your orders.</SignInNotice>
      </>
    );
  }
  if (session.status === 'loading' || state.name === 'loading') {
    return (
      <>
        <Heading />
        <p role="status">Loading your orders…</p>
      </>
    );
  }
  if (state.name === 'failed') {
    return (
      <>
        <Heading />
        <LoadFailed
          what="your orders"
          message={state.message}
          onRetry={() => {
            setMoreFailed(false);
            retry();
          }}
        />
      </>
    );
  }

  const { items, nextToken } = state.page;
  if (items.length === 0 && !nextToken) {
    return (
      <>
        <Heading />
        <div className="empty-state">
          <p>You haven’t placed any orders yet.</p>
          <p>
            <Link href="/" className="button">
              Start shopping
            </Link>
          </p>
        </div>
      </>
    );
  }

  const loadMore = () => {
    if (!nextToken) return;
    setMoreFailed(false);
    startTransition(async () => {
      try {
        const more = await loadPage(nextToken);
        setState((current) =>
          current.name === 'ready'
            ? {
                name: 'ready',
                page: { items: appendOrders(current.page.items, more.items), nextToken: more.nextToken },
              }
            : current,
        );
        setAnnouncement(more.items.length === 1 ? '1 more order loaded.' : `${more.items.length} more orders loaded.`);
      } catch {
        setMoreFailed(true);
      }
    });
  };

  return (
    <>
      <Heading />
      <ol className="order-list" aria-label="Your orders">
        {items.map((order) => (
          <li key={order.orderId} data-order-id={order.orderId}>
            <OrderCard order={order} />
          </li>
        ))}
      </ol>
      <LoadMore
        announcement={announcement}
        failedMessage={moreFailed ? 'We couldn’t load more orders. Try again.' : null}
        hasMore={Boolean(nextToken)}
        pending={pending}
        onLoadMore={loadMore}
      />
    </>
  );
}

function Heading() {
  return <h1 id="orders-title">Your orders</h1>;
}

function OrderCard({ order }: { order: OrderSummary }) {
  const titleId = `order-${order.orderId}-title`;
  return (
    <article className="order-card" aria-labelledby={titleId}>
      <div className="order-card__head">
        <h2 id={titleId} className="order-card__title">
          <Link href={`/orders/${encodeURIComponent(order.orderId)}`}>
            Order <code>{order.orderId.slice(0, 8)}</code>
          </Link>
        </h2>
        <span className={`order-badge order-badge--${order.status.toLowerCase()}`} data-testid="order-status">
          {order.status}
        </span>
      </div>
      <p className="hint">
        Placed <time dateTime={order.createdAt}>{formatOrderTime(order.createdAt, 'short')}</time> · Total{' '}
        <Price amount={order.total} currency={order.currency} />
      </p>
      <p className="order-card__lines">{lineSummary(order)}</p>
      <RefundNotice refund={order.refund} timeStyle="short" />
      <StatusTimeline
        changes={order.timeline}
        timeStyle="short"
        className="order-card__timeline"
        aria-label="Status timeline"
      />
    </article>
  );
}
