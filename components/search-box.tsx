'use client';

import Form from 'next/form';
import { usePathname, useSearchParams } from 'next/navigation';

/** The header search box's label, field and button. */
export function SearchFields({ defaultValue }: { defaultValue?: string }) {
  return (
    <>
      <label htmlFor="site-search" className="visually-hidden">
        Search products
      </label>
      <input
        id="site-search"
        type="search"
        name="q"
        placeholder="Search products"
        defaultValue={defaultValue}
        key={defaultValue}
      />
      <button type="submit" className="button button--small">
        Search
      </button>
    </>
  );
}

/**
 * The header's search box, showing the search in the URL. The search page has its own, with the
 * filters: there the header's steps aside, so that one box has the label.
 */
export function SearchBox() {
  const q = useSearchParams().get('q') ?? '';
  if (usePathname() === '/search') return null;
  return (
    <Form action="/search" role="search" className="search-form">
      <SearchFields defaultValue={q} />
    </Form>
  );
}
