import type { Metadata } from 'next';
import { CartView } from '@/components/cart/cart-view';

export const metadata: Metadata = { title: 'Your cart', robots: { index: false } };

// Per browser and priced at request time: never prerendered, never cached.
export const dynamic = 'force-dynamic';

export default function CartPage() {
  return (
    <section className="cart-page" aria-labelledby="cart-title">
      <h1 id="cart-title">Your cart</h1>
      <CartView />
    </section>
  );
}
