import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AdminGate } from '@/components/admin/admin-gate';

export const metadata: Metadata = { title: 'Store admin', robots: { index: false } };

// The store's live data, for admins only: never prerendered, never cached.
export const dynamic = 'force-dynamic';

/** Every admin page: the nav, and the refusal for anyone the API does not let in. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return <AdminGate>{children}</AdminGate>;
}
