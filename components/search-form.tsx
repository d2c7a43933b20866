'use client';

import Form from 'next/form';
import { useSearchParams } from 'next/navigation';

function Fields({ defaultValue }: { defaultValue?: string }) {
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

/** The header's search box: a GET form to /search, so it works before JavaScript loads. */
export function SearchForm() {
  const q = useSearchParams().get('q') ?? '';
  return (
    <Form action="/search" role="search" className="search-form">
      <Fields defaultValue={q} />
    </Form>
  );
}

SearchForm.Fallback = function SearchFormFallback() {
  return (
    <form action="/search" role="search" className="search-form">
      <Fields />
    </form>
  );
};
