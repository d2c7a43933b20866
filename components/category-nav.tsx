import Link from 'next/link';
import type { Category } from '@/lib/types';

/** Links to every category; `active` is the current category's slug (null on the all-products page). */
export function CategoryNav({ categories, active }: { categories: Category[]; active: string | null }) {
  return (
    <nav className="category-nav" aria-label="Categories">
      <h2 className="category-nav__title">Categories</h2>
      <ul>
        <li>
          <Link href="/" aria-current={active === null ? 'page' : undefined}>
            All products
          </Link>
        </li>
        {categories.map((category) => (
          <li key={category.slug}>
            <Link
              href={`/category/${encodeURIComponent(category.slug)}`}
              aria-current={active === category.slug ? 'page' : undefined}
            >
              {category.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
