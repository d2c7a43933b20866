import type { Metadata } from 'next';
import Link from 'next/link';
import { ADMIN_SECTIONS } from '@/components/admin/admin-sections';

export const metadata: Metadata = { title: 'Store admin', robots: { index: false } };

export const dynamic = 'force-dynamic';

const ABOUT: Record<(typeof ADMIN_SECTIONS)[number]['href'], string> = {
  '/admin/products': 'Create products, edit them and their images, and take them on or off sale.',
  '/admin/inventory': 'Every SKU’s available and reserved units; adjust or set stock, and see what runs low.',
  '/admin/orders': 'The store’s orders by status, newest first, and each one’s customer and timeline.',
  '/admin/sales': 'Today’s sales, and daily revenue and orders over a range of days.',
};

/** The admin area's overview: what each section is for. */
export default function AdminPage() {
  return (
    <section className="admin-page" aria-labelledby="admin-overview-title">
      <h1 id="admin-overview-title">Store admin</h1>
      <ul className="admin-overview">
        {ADMIN_SECTIONS.map(({ href, label }) => (
          <li key={href}>
            <h2>
              <Link href={href}>{label}</Link>
            </h2>
            <p>{ABOUT[href]}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
