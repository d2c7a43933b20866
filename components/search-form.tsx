import { SearchBox, SearchFields } from './search-box';

/**
 * The header's search: a GET form to /search, so it works before JavaScript loads. It reads the URL
 * (`useSearchParams`), so render it in a Suspense boundary with `SearchForm.Fallback`, which a cached
 * page is rendered with. (A server module: a client one's static `Fallback` would not reach the server.)
 */
export function SearchForm() {
  return <SearchBox />;
}

SearchForm.Fallback = function SearchFormFallback() {
  return (
    <form action="/search" role="search" className="search-form">
      <SearchFields />
    </form>
  );
};
