import { ProductGridSkeleton } from '@/components/product-grid-skeleton';

export default function Loading() {
  return <ProductGridSkeleton label="Loading products…" />;
}
