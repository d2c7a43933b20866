import Form from 'next/form';
import { fractionDigits } from '@/lib/money';
import { SORT_OPTIONS, type ParsedSearch } from '@/lib/search-query';
import type { Category } from '@/lib/types';

/**
 * The search page's form: text, category, price range (in the currency's major units) and sort,
 * sent as a GET to /search so the state lives in the URL and works before JavaScript loads.
 */
export function ProductFilters({
  categories,
  search: { fields, errors },
  currency,
}: {
  categories: Category[];
  search: ParsedSearch;
  currency: string;
}) {
  const step = String(10 ** -fractionDigits(currency)); // 0.01 for USD, 1 for JPY
  /** The range's low or high end; its error, if any, is named by the field and read with it. */
  const priceField = (field: 'min' | 'max', label: string) => (
    <div className="field">
      <label htmlFor={`filter-${field}`}>{label}</label>
      <input
        id={`filter-${field}`}
        type="number"
        name={field}
        min={0}
        step={step}
        inputMode="decimal"
        defaultValue={fields[field]}
        aria-describedby={`filter-currency${errors[field] ? ` filter-${field}-error` : ''}`}
        aria-invalid={errors[field] ? true : undefined}
      />
      {errors[field] ? (
        <p id={`filter-${field}-error`} className="field__error">
          {errors[field]}
        </p>
      ) : null}
    </div>
  );
  return (
    <Form action="/search" role="search" aria-label="Products" className="filters" key={JSON.stringify(fields)}>
      <div className="field filters__text">
        <label htmlFor="filter-q">Search products</label>
        <input id="filter-q" type="search" name="q" defaultValue={fields.q} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="filter-category">Category</label>
        <select id="filter-category" name="category" defaultValue={fields.category}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {priceField('min', 'Min price')}
      {priceField('max', 'Max price')}
      <div className="field">
        <label htmlFor="filter-sort">Sort by</label>
        <select id="filter-sort" name="sort" defaultValue={fields.sort}>
          {SORT_OPTIONS.map((o) => (
            <option key={o.param} value={o.param}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <p id="filter-currency" className="hint filters__hint">
        Prices in {currency}.
      </p>
      <button type="submit" className="button">
        Search
      </button>
    </Form>
  );
}
