/**
 * The search page's state, kept in its URL (`q`, `category`, `min`, `max`, `sort`), and what it
 * asks the catalog for. Prices are typed in the store currency's major units (`12.50`) and become
 * minor units exactly (lib/money.ts). Pure, for the page and its tests.
 */
import { MAX_PRICE } from '@/amplify/services/catalog/product';
import { STORE_CURRENCY } from './constants';
import { toMinorUnits } from './money';
import type { CatalogQuery, ProductSort } from './types';

/** The "Sort by" options, as the URL spells them and as the form labels them. */
export const SORT_OPTIONS: readonly { param: string; sort: ProductSort; label: string }[] = [
  { param: 'featured', sort: 'FEATURED', label: 'Featured' },
  { param: 'name', sort: 'NAME', label: 'Name' },
  { param: 'price-asc', sort: 'PRICE_ASC', label: 'Price: low to high' },
  { param: 'price-desc', sort: 'PRICE_DESC', label: 'Price: high to low' },
  { param: 'newest', sort: 'NEWEST', label: 'Newest' },
];

/** The form's fields as the shopper typed them (what the form shows again). */
export interface SearchFields {
  q: string;
  category: string;
  min: string;
  max: string;
  sort: string;
}

export interface ParsedSearch {
  fields: SearchFields;
  query: CatalogQuery;
  /** A price the shopper typed that could not be used, by field. */
  errors: { min?: string; max?: string };
  /** Whether a category or a price narrows the list (what "Clear filters" takes away). */
  filtered: boolean;
}

type Params = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

const priceOf = (typed: string, currency: string): { value?: number; error?: string } => {
  if (!typed.trim()) return {};
  const minor = toMinorUnits(typed, currency);
  if (!minor.ok) return { error: minor.error };
  // Nothing costs more than MAX_PRICE: a larger bound is the same bound.
  return { value: Math.min(minor.value, MAX_PRICE) };
};

/** The URL's search parameters as a catalog query; a bad price is reported and left out. */
export function parseSearch(params: Params, currency: string = STORE_CURRENCY): ParsedSearch {
  const fields: SearchFields = {
    q: first(params.q).trim().slice(0, 200),
    category: first(params.category).trim().slice(0, 100),
    min: first(params.min).trim().slice(0, 20),
    max: first(params.max).trim().slice(0, 20),
    sort: first(params.sort),
  };
  const option = SORT_OPTIONS.find((o) => o.param === fields.sort) ?? SORT_OPTIONS[0];
  fields.sort = option.param;
  const min = priceOf(fields.min, currency);
  const max = priceOf(fields.max, currency);
  const errors: ParsedSearch['errors'] = {};
  if (min.error) errors.min = min.error;
  if (max.error) errors.max = max.error;
  if (min.value !== undefined && max.value !== undefined && min.value > max.value) {
    errors.max = 'Enter a max price no lower than the min price.';
  }
  const usable = !errors.min && !errors.max;
  const query: CatalogQuery = {
    sort: option.sort,
    ...(fields.q ? { text: fields.q } : {}),
    ...(fields.category ? { category: fields.category } : {}),
    ...(usable && min.value !== undefined ? { minPrice: min.value } : {}),
    ...(usable && max.value !== undefined ? { maxPrice: max.value } : {}),
  };
  return {
    fields,
    query,
    errors,
    filtered: Boolean(fields.category || fields.min || fields.max),
  };
}

/** The search page's URL for these fields; empty ones and the default sort are left out. */
export function searchHref(fields: Partial<SearchFields>): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'category', 'min', 'max', 'sort'] as const) {
    const value = fields[key]?.trim();
    if (value && !(key === 'sort' && value === SORT_OPTIONS[0].param)) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}
