import type { Metadata } from 'next';
import { SalesDashboard } from '@/components/admin/sales-dashboard';

export const metadata: Metadata = { title: 'Sales · Store admin', robots: { index: false } };

export const dynamic = 'force-dynamic';

export default function AdminSalesPage() {
  return <SalesDashboard />;
}
