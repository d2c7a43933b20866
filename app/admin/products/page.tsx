import type { Metadata } from 'next';
import { ProductsAdmin } from '@/components/admin/products-admin';

export const metadata: Metadata = { title: 'Products · Store admin', robots: { index: false } };

export const dynamic = 'force-dynamic';

export default function AdminProductsPage() {
  return <ProductsAdmin />;
}
