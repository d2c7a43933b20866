import type { Metadata } from 'next';
import { AdminOrderView } from '@/components/admin/admin-order-view';

export const metadata: Metadata = { title: 'Order · Store admin', robots: { index: false } };

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
}

export default async function AdminOrderPage({ params }: Props) {
  const { id } = await params;
  return <AdminOrderView orderId={id} />;
}
