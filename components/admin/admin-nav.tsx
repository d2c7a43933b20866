'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ADMIN_SECTIONS } from './admin-sections';

/** The admin area's sections; the one the page belongs to is marked current. */
export function AdminNav() {
  const pathname = usePathname() ?? '';
  return (
    <nav className="admin-nav" aria-label="Store admin">
      <p className="admin-nav__title">Store admin</p>
      <ul>
        {ADMIN_SECTIONS.map(({ href, label }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link href={href} aria-current={current ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
