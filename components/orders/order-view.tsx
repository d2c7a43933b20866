'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '@/lib/api';
import { currentIdToken, signedInToken } from '@/lib/auth';
import { countryName } from '@/lib/checkout';
import { canCancel, cancelFailureMessage } from '@/lib/orders';
import { applyUpdate, followOrder } from '@/lib/live-order';
import { poll } from '@/lib/poll';
import { cancelOrder, getOrder } from '@/lib/shop';
import type { Order, OrderStatus } from '@/lib/types';
import { cart } from '../cart/use-cart';
import { OrderTotals } from '../order-totals';
import { Price } from '../price';
import { SignInNotice, useSignedInSession } from '../session';
import { TableScroll } from '../table-scroll';
import { LoadFailed } from '../load-failed';
import { OrdersUnconfigured } from './order-notices';
import { RefundNotice } from './refund-notice';
import { formatOrderTime, StatusTimeline } from './status-timeline';

type State =
  { name: 'loading' } | { name: 'not-found' } | { name: 'failed'; message: string } | { name: 'ready'; order: Order };

/** How the page follows the order: the realtime subscription, or polling when the socket is unavailable. */
type Watch = 'connecting' | 'live' | 'polling';

/** Failed looks in a row before the page stops and offers "Try again". */
const MAX_FAILURES = 5;
/** After this long still PENDING, the page says it is taking a while (and keeps watching). */
const SLOW_AFTER_MS = 60_000;

const STATUS_TEXT: Record<OrderStatus, string> = {
  PENDING: 'We’re reserving your items and taking payment. This page updates by itself.',
  CONFIRMED: 'Thank you! Your order is confirmed. We’ll tell you when it ships.',
  FAILED: 'Your order could not be completed, and you have not been charged for it.',
  SHIPPED: 'Your order is on its way.',
  CANCELLED: 'Your order is cancelled, and your payment refunded.',
};

/** Statuses after which nothing more happens to an order. */
const FINAL: ReadonlySet<OrderStatus> = new Set(['FAILED', 'SHIPPED', 'CANCELLED']);

/** Nothing more will happen to the order: final, and if cancelled, refunded (a moment after). */
const isSettled = (order: Pick<Order, 'status' | 'refund'>) =>
  FINAL.has(order.status) && (order.status !== 'CANCELLED' || Boolean(order.refund));

/**
 * One of the signed-in customer's orders, watched until it is final (shipped, failed or cancelled):
 * read once, then followed through the `onOrderUpdated` subscription, and read once more when the
 * subscription is acknowledged so that a change between the two is never missed. When the socket
 * cannot be opened, the page polls `order(orderId)` instead, every second backing off to every 3 s.
 * Another customer's order and a missing one look the same: "Order not found".
 */
export function OrderView({ orderId }: { orderId: string }) {
  const session = useSignedInSession(`/orders/${orderId}`);
  const router = useRouter();
  const [state, setState] = useState<State>({ name: 'loading' });
  const [trouble, setTrouble] = useState(false);
  const [slow, setSlow] = useState(false);
  const [run, setRun] = useState(0);
  const [watch, setWatch] = useState<Watch>('connecting');
  /** Why the last "Cancel order" failed (the server's refusal); kept while the order moves on. */
  const [cancelError, setCancelError] = useState<string | null>(null);
  const email = session.status === 'signed-in' ? session.user.email : null;

  useEffect(() => {
    if (!email) return;
    let failures = 0;
    let closed = false;
    let final = false;
    let stopPolling: (() => void) | undefined;
    let stopLive: (() => void) | undefined;
    const started = Date.now();
    setTrouble(false);
    setSlow(false);
    setWatch('connecting');
    const load = async () => getOrder(await signedInToken(), orderId);
    const settle = (order: Order) => {
      if (!isSettled(order)) return;
      final = true;
      stopLive?.();
    };
    const show = (order: Order) => {
      failures = 0;
      setTrouble(false);
      // A read answered after a newer live update does not take the page back.
      setState((current) =>
        current.name === 'ready' && current.order.orderId === order.orderId && current.order.updatedAt > order.updatedAt
          ? current
          : { name: 'ready', order },
      );
      setSlow(order.status === 'PENDING' && Date.now() - started > SLOW_AFTER_MS);
      settle(order);
    };
    const onError = (error: unknown): 'retry' | 'stop' => {
      if (error instanceof ApiError && error.notFound) {
        setState({ name: 'not-found' });
        return 'stop';
      }
      if (++failures >= MAX_FAILURES || (error instanceof ApiError && error.accessDenied)) {
        setState((current) =>
          current.name === 'ready'
            ? current
            : { name: 'failed', message: (error as Error)?.message || 'The order could not be loaded.' },
        );
        setTrouble(true);
        return 'stop';
      }
      setTrouble(true);
      return 'retry';
    };
    /** Today's polling: until the order is final, or an error says stop. */
    const startPolling = () => {
      if (closed || stopPolling) return;
      stopLive?.();
      setWatch('polling');
      stopPolling = poll<Order>({ load, isDone: isSettled, onValue: show, onError });
    };
    /** One read; a failure that polling would retry hands the watching over to polling. */
    const readOnce = () =>
      load().then(
        (order) => !closed && show(order),
        (error) => !closed && onError(error) === 'retry' && startPolling(),
      );

    void readOnce();
    void currentIdToken().then((token) => {
      if (closed || final || !token) return;
      stopLive = followOrder(orderId, token, {
        onLive: () => {
          if (closed) return;
          setWatch('live');
          void readOnce();
        },
        onUpdate: (update) => {
          setState((current) =>
            current.name === 'ready' ? { name: 'ready', order: applyUpdate(current.order, update) } : current,
          );
          if (isSettled(update)) {
            final = true;
            stopLive?.();
          }
        },
        onUnavailable: startPolling,
      });
    });
    return () => {
      closed = true;
      stopLive?.();
      stopPolling?.();
    };
  }, [email, orderId, run]);

  if (session.status === 'loading') {
    return (
      <>
        <Heading>Your order</Heading>
        <p role="status">Loading your order…</p>
      </>
    );
  }
  if (session.status === 'unconfigured') {
    return (
      <>
        <Heading>Your order</Heading>
        <OrdersUnconfigured />
      </>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <>
        <Heading>Your order</Heading>
        <SignInNotice next={`/orders/${orderId}`}>Sign in to see your order.</SignInNotice>
      </>
    );
  }

  switch (state.name) {
    case 'loading':
      return (
        <>
          <Heading>Your order</Heading>
          <p role="status">Loading your order…</p>
        </>
      );
    case 'not-found':
      return (
        <div className="unavailable">
          <Heading>Order not found</Heading>
          <p>
            We couldn’t find this order in your account. Check the link, or that you are signed in as the shopper who
            placed it.
          </p>
          <p>
            <Link href="/" className="button">
              Back to the shop
            </Link>
          </p>
        </div>
      );
    case 'failed':
      return (
        <>
          <Heading>Your order</Heading>
          <LoadFailed what="your order" message={state.message} onRetry={() => setRun((n) => n + 1)} />
        </>
      );
    case 'ready':
      return (
        <OrderDetails
          order={state.order}
          watch={watch}
          slow={slow}
          trouble={trouble}
          onRetry={() => setRun((n) => n + 1)}
          cancelError={cancelError}
          onCancelled={(order) => {
            setCancelError(null);
            setState({ name: 'ready', order });
            setRun((n) => n + 1); // a look already on its way may still say CONFIRMED: start watching afresh
          }}
          onCancelRefused={(message) => {
            setCancelError(message);
            setRun((n) => n + 1); // the order moved on (shipped?): look again
          }}
          onReorder={() => {
            cart.addAll(
              state.order.lines.flatMap((line) => (line ? [{ sku: line.sku, quantity: line.quantity }] : [])),
            );
            router.push('/cart');
          }}
        />
      );
  }
}

/** Tells the shopper how the page keeps up: live, or by checking every few seconds. */
function LiveNotice({ watch }: { watch: Watch }) {
  return (
    <p className="hint order-live" aria-live="polite" data-testid="order-live" data-watch={watch}>
      {watch === 'live' && (
        <>
          <span className="order-live__dot" aria-hidden="true" /> Live: changes to your order appear here as they
          happen.
        </>
      )}
      {watch === 'polling' && 'We check for changes to your order every few seconds.'}
      {watch === 'connecting' && 'Connecting for live updates…'}
    </p>
  );
}

function Heading({ children }: { children: string }) {
  return <h1 id="order-title">{children}</h1>;
}

function OrderDetails({
  order,
  watch,
  slow,
  trouble,
  onRetry,
  cancelError,
  onCancelled,
  onCancelRefused,
  onReorder,
}: {
  order: Order;
  watch: Watch;
  slow: boolean;
  trouble: boolean;
  onRetry: () => void;
  cancelError: string | null;
  onCancelled: (order: Order) => void;
  onCancelRefused: (message: string) => void;
  onReorder: () => void;
}) {
  const status = order.status ?? 'PENDING';
  const lines = order.lines.flatMap((line) => (line ? [line] : []));
  const history = order.statusHistory.flatMap((change) => (change ? [change] : []));
  const address = order.shippingAddress;

  return (
    <div className="order">
      <Heading>Your order</Heading>
      <p className="hint">
        Order number <code>{order.orderId}</code> · placed {formatOrderTime(order.createdAt, 'medium')}
      </p>

      <div
        className={`order-status order-status--${status.toLowerCase()}`}
        role="status"
        aria-live="polite"
        aria-atomic="true"
      >
        <p>
          Status: <strong data-testid="order-status">{status}</strong>
        </p>
        <p>{STATUS_TEXT[status]}</p>
        {status === 'PENDING' && slow && (
          <p className="hint">
            This is taking longer than usual. You can leave this page: your order is still being processed.
          </p>
        )}
      </div>
      {!FINAL.has(status) && <LiveNotice watch={watch} />}
      <RefundNotice refund={order.refund} />
      {trouble && status === 'PENDING' && (
        <div className="notice notice--error">
          <p>We’re having trouble reaching the store to check on your order.</p>
          <p>
            <button type="button" className="button button--small" onClick={onRetry}>
              Check again
            </button>
          </p>
        </div>
      )}

      {cancelError && (
        <p className="notice notice--error" role="alert" data-testid="cancel-error">
          {cancelError}
        </p>
      )}
      {canCancel(status) && (
        <CancelOrder orderId={order.orderId} onCancelled={onCancelled} onRefused={onCancelRefused} />
      )}

      {status === 'FAILED' && (
        <div className="notice notice--error order__failure" role="alert">
          <h2>Why your order failed</h2>
          <p className="order__failure-reason">{order.failureReason || 'The order could not be completed.'}</p>
          <p>
            <button type="button" className="button button--small" onClick={onReorder}>
              Put these items back in your cart
            </button>
          </p>
        </div>
      )}

      <section aria-labelledby="order-items-title">
        <h2 id="order-items-title">Items</h2>
        <TableScroll label="Items">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Price</th>
                <th scope="col">Quantity</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.sku}>
                  <th scope="row">{line.name}</th>
                  <td>
                    <Price amount={line.unitPrice} currency={order.currency} />
                  </td>
                  <td>{line.quantity}</td>
                  <td>
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

      <div className="order__columns">
        <section aria-labelledby="order-address-title">
          <h2 id="order-address-title">Shipping to</h2>
          <address className="order__address">
            {[
              address.name,
              address.line1,
              address.line2,
              [address.city, address.region].filter(Boolean).join(', '),
              address.postalCode,
              address.country ? countryName(address.country) : null,
            ]
              .filter(Boolean)
              .map((line, index) => (
                <span key={index}>{line}</span>
              ))}
          </address>
        </section>

        <section aria-labelledby="order-history-title">
          <h2 id="order-history-title">Status history</h2>
          <StatusTimeline changes={history} timeStyle="medium" className="order__history" />
        </section>
      </div>

      <p>
        <Link href="/">Continue shopping</Link>
      </p>
    </div>
  );
}

/**
 * "Cancel order" with a confirm step, for a CONFIRMED order. A refusal (the order shipped or moved on
 * meanwhile) is shown in the server's own words, and the page looks at the order again.
 */
function CancelOrder({
  orderId,
  onCancelled,
  onRefused,
}: {
  orderId: string;
  onCancelled: (order: Order) => void;
  onRefused: (message: string) => void;
}) {
  const [step, setStep] = useState<'idle' | 'confirming' | 'cancelling'>('idle');
  const keepRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (step === 'confirming') keepRef.current?.focus();
    else if (step === 'idle' && wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = step !== 'idle';
  }, [step]);

  const confirm = async () => {
    setStep('cancelling');
    try {
      const token = await currentIdToken();
      if (!token) throw new ApiError([{ message: 'Not Authorized', errorType: 'Unauthorized' }]);
      onCancelled(await cancelOrder(token, orderId));
    } catch (thrown) {
      const failure = thrown instanceof ApiError ? thrown : new ApiError([{ message: String(thrown) }]);
      setStep('idle');
      onRefused(cancelFailureMessage(failure.errors, failure));
    }
  };

  return (
    <section className="order__cancel" aria-labelledby="order-cancel-title">
      <h2 id="order-cancel-title" className="visually-hidden">
        Cancel this order
      </h2>
      {step === 'idle' ? (
        <button
          ref={openRef}
          type="button"
          className="button button--small button--secondary"
          onClick={() => setStep('confirming')}
        >
          Cancel order
        </button>
      ) : (
        <div className="notice" role="group" aria-labelledby="order-cancel-question">
          <p id="order-cancel-question">Cancel this order? Your payment will be refunded, and this can’t be undone.</p>
          <div className="order__cancel-actions">
            <button
              type="button"
              className="button button--small"
              onClick={confirm}
              disabled={step === 'cancelling'}
              aria-busy={step === 'cancelling'}
            >
              {step === 'cancelling' ? 'Cancelling…' : 'Yes, cancel order'}
            </button>
            <button
              ref={keepRef}
              type="button"
              className="button button--small button--secondary"
              onClick={() => setStep('idle')}
              disabled={step === 'cancelling'}
            >
              Keep order
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
