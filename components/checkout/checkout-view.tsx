'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { cart, useCart } from '../cart/use-cart';
import { SignInNotice, useSignedInSession } from '../session';
import { CheckoutForm } from './checkout-form';

/**
 * Checkout is for signed-in shoppers: a guest is sent to sign in, and comes back here after. The
 * session lives in the browser (aws-amplify's tokens), so this is decided here, not on the server.
 */
export function CheckoutView() {
  const session = useSignedInSession('/checkout');
  const router = useRouter();
  const { lines, ready } = useCart();
  const [placed, setPlaced] = useState<string | null>(null);

  const onPlaced = useCallback(
    (orderId: string) => {
      setPlaced(orderId);
      cart.clear();
      router.push(`/orders/${encodeURIComponent(orderId)}`);
    },
    [router],
  );

  if (placed) {
    return (
      <p className="notice notice--success" role="status">
        Your order is placed. Taking you to it…{' '}
        <Link href={`/orders/${encodeURIComponent(placed)}`}>View your order</Link>
      </p>
    );
  }
  if (session.status === 'loading' || !ready) return <p role="status">Loading checkout…</p>;
  if (session.status === 'unconfigured') {
    return (
      <p className="notice notice--error" role="alert">
        Checkout is not available right now: the store is not configured.
      </p>
    );
  }
  if (session.status === 'signed-out') {
    return <SignInNotice next="/checkout">Sign in to check out. Your cart is kept.</SignInNotice>;
  }
  if (lines.length === 0) {
    return (
      <div className="empty-state">
        <p>Your cart is empty, so there is nothing to check out.</p>
        <p>
          <Link href="/" className="button">
            Continue shopping
          </Link>
        </p>
      </div>
    );
  }
  return <CheckoutForm lines={lines} onPlaced={onPlaced} />;
}
