import type { Metadata } from 'next';
import { OrdersAdmin } from '@/components/admin/orders-admin';
import { orderStatusOf } from '@/lib/admin-orders';

export const metadata: Metadata = { title: 'Orders · Store admin', robots: { index: false } };

export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<{ status?: string | string[] }>;
}

export default async function AdminOrdersPage({ searchParams }: Props) {
  const status = orderStatusOf((await searchParams).status);
  return <OrdersAdmin key={status} status={status} />;
}
