'use client';

import Link from 'next/link';
import { useCart } from './use-cart';

/**
 * The header's link to the cart, with how many items it holds (known once the page has loaded: the
 * cart is in this browser's storage). The link keeps one width (`.cart-link`'s min-width), so the
 * count arriving moves nothing.
 */
export function CartLink() {
  const { count, ready } = useCart();
  const label = !ready ? 'Cart' : count === 1 ? 'Cart, 1 item' : `Cart, ${count} items`;
  return (
    <Link href="/cart" className="cart-link" aria-label={label}>
      <span aria-hidden="true">Cart</span>
      {ready && (
        <span className="cart-link__count" aria-hidden="true" data-testid="cart-count">
          {count}
        </span>
      )}
    </Link>
  );
}
