import type { Metadata } from 'next';
import { OrderView } from '@/components/orders/order-view';

export const metadata: Metadata = { title: 'Your order', robots: { index: false } };

// One customer's order, whose status changes while it is watched: never prerendered, never cached.
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
}

export default async function OrderPage({ params }: Props) {
  const { id } = await params;
  return (
    <section className="order-page" aria-labelledby="order-title">
      <OrderView orderId={id} />
    </section>
  );
}
