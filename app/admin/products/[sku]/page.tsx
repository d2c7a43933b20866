import type { Metadata } from 'next';
import { ProductEditor } from '@/components/admin/product-editor';

export const metadata: Metadata = { title: 'Edit product · Store admin', robots: { index: false } };

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ sku: string }>;
}

export default async function AdminProductPage({ params }: Props) {
  const { sku } = await params;
  return <ProductEditor sku={sku} />;
}
