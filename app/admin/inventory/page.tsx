import type { Metadata } from 'next';
import { InventoryAdmin } from '@/components/admin/inventory-admin';

export const metadata: Metadata = { title: 'Inventory · Store admin', robots: { index: false } };

export const dynamic = 'force-dynamic';

export default function AdminInventoryPage() {
  return <InventoryAdmin />;
}
