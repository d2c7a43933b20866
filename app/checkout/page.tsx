import type { Metadata } from 'next';
import { CheckoutView } from '@/components/checkout/checkout-view';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false } };

// A signed-in shopper's own cart and order: never prerendered, never cached.
export const dynamic = 'force-dynamic';

export default function CheckoutPage() {
  return (
    <section className="checkout-page" aria-labelledby="checkout-title">
      <h1 id="checkout-title">Checkout</h1>
      <CheckoutView />
    </section>
  );
}
