import Link from 'next/link';
import type { Category } from '@/lib/types';

/**
 * Links to every product (the search page, featured first) and to each category; `active` is the
 * current category's slug, or null when no category is shown.
 */
export function CategoryNav({ categories, active }: { categories: Category[]; active: string | null }) {
  return (
    <nav className="category-nav" aria-label="Categories">
      <h2 className="category-nav__title">Categories</h2>
      <ul>
        <li>
          <Link href="/search">All products</Link>
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
