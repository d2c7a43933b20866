'use client';

import { useState, useTransition, type ReactNode } from 'react';
import { loadMoreProducts } from '@/lib/catalog-actions';
import type { CatalogQuery, GridPage, GridProduct } from '@/lib/types';
import { LoadMore } from './load-more';
import { ProductCard } from './product-card';

/**
 * A grid of products with "Load more" (the API's nextToken). Render it with a `key` that changes
 * with `query`, so a new list starts from its own first page. `empty` is shown when nothing matches.
 */
export function ProductGrid({
  initial,
  query,
  label,
  empty,
}: {
  initial: GridPage;
  query: CatalogQuery;
  label: string;
  empty: ReactNode;
}) {
  const [items, setItems] = useState<GridProduct[]>(initial.items);
  const [nextToken, setNextToken] = useState<string | null>(initial.nextToken);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [pending, startTransition] = useTransition();

  const loadMore = () => {
    if (!nextToken) return;
    setFailed(false);
    startTransition(async () => {
      const result = await loadMoreProducts(query, nextToken);
      if (!result.ok) {
        setFailed(true);
        return;
      }
      setItems((current) => {
        const seen = new Set(current.map((p) => p.sku));
        return [...current, ...result.page.items.filter((p) => !seen.has(p.sku))];
      });
      setNextToken(result.page.nextToken);
      setAnnouncement(
        result.page.items.length === 1 ? '1 more product loaded.' : `${result.page.items.length} more products loaded.`,
      );
    });
  };

  if (items.length === 0 && !nextToken) return <div className="empty">{empty}</div>;

  return (
    <div className="product-grid-wrapper">
      <ul className="product-grid" aria-label={label}>
        {items.map((product, index) => (
          <li key={product.sku}>
            <ProductCard product={product} priority={index < 4} />
          </li>
        ))}
      </ul>
      <LoadMore
        announcement={announcement}
        failedMessage={failed ? 'We couldn’t load more products. Try again.' : null}
        hasMore={Boolean(nextToken)}
        pending={pending}
        onLoadMore={loadMore}
      />
    </div>
  );
}
