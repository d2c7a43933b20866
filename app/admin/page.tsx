import type { Metadata } from 'next';
import { AdminDashboard } from '@/components/admin/admin-dashboard';

export const metadata: Metadata = { title: 'Store admin', robots: { index: false } };

export default function AdminPage() {
  return (
    <section className="admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">Store admin</h1>
      <AdminDashboard />
    </section>
  );
}
