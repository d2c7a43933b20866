import type { Metadata } from 'next';
import { OrderHistory } from '@/components/orders/order-history';

export const metadata: Metadata = { title: 'Your orders', robots: { index: false } };

// One customer's orders, which change as they are placed, shipped and cancelled: never prerendered, never cached.
export const dynamic = 'force-dynamic';

export default function OrdersPage() {
  return (
    <section className="orders-page" aria-labelledby="orders-title">
      <OrderHistory />
    </section>
  );
}
