'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { adminToken, listProductsAsAdmin, setProductActiveAsAdmin } from '@/lib/admin';
import type { AdminProduct } from '@/lib/types';
import { LoadFailed } from '../load-failed';
import { Loading } from './admin-state';
import { useLoad } from '../use-load';
import { useCategories } from './use-categories';
import { ProductForm } from './product-form';
import { ProductTable } from './product-table';

type Loaded = { name: 'ready'; products: AdminProduct[]; nextToken: string | null };

/** Every product, active or not, a page at a time; the "New product" form; on and off sale. */
export function ProductsAdmin() {
  const { state, setState, retry, attempt } = useLoad(
    useCallback(async (): Promise<Loaded> => {
      const page = await listProductsAsAdmin(await adminToken());
      return { name: 'ready', products: page.items, nextToken: page.nextToken };
    }, []),
  );
  const categories = useCategories(attempt);
  const [loadingMore, setLoadingMore] = useState(false);
  const [created, setCreated] = useState<AdminProduct | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const loadMore = useCallback(async () => {
    if (state.name !== 'ready' || !state.nextToken) return;
    setLoadingMore(true);
    try {
      const page = await listProductsAsAdmin(await adminToken(), state.nextToken);
      setState({ name: 'ready', products: [...state.products, ...page.items], nextToken: page.nextToken });
    } catch (error) {
      setNotice({ kind: 'error', text: `More products could not be loaded: ${(error as Error).message}` });
    } finally {
      setLoadingMore(false);
    }
  }, [state]);

  const replace = useCallback((product: AdminProduct) => {
    setState((current) =>
      current.name === 'ready'
        ? { ...current, products: [product, ...current.products.filter((p) => p.sku !== product.sku)] }
        : current,
    );
  }, []);

  const toggleActive = useCallback(async (product: AdminProduct) => {
    setBusy(product.sku);
    setNotice(null);
    try {
      const changed = await setProductActiveAsAdmin(await adminToken(), product.sku, !product.active);
      setState((current) =>
        current.name === 'ready'
          ? { ...current, products: current.products.map((p) => (p.sku === changed.sku ? changed : p)) }
          : current,
      );
      setNotice({
        kind: 'success',
        text: changed.active ? `“${changed.name}” is on sale again.` : `“${changed.name}” is off sale.`,
      });
    } catch (error) {
      setNotice({ kind: 'error', text: `“${product.name}” was not changed: ${(error as Error).message}` });
    } finally {
      setBusy(null);
    }
  }, []);

  return (
    <section className="admin-page" aria-labelledby="products-title">
      <h1 id="products-title">Products</h1>
      <div className="admin">
        <section aria-labelledby="new-product-title" className="admin__form">
          <h2 id="new-product-title">New product</h2>
          <div aria-live="polite">
            {created && (
              <p className="notice notice--success" role="status">
                Created “{created.name}”.{' '}
                <Link href={`/admin/products/${encodeURIComponent(created.sku)}`}>Edit it</Link>
                {' · '}
                <Link href={`/product/${encodeURIComponent(created.slug)}`}>View it in the shop</Link>
              </p>
            )}
          </div>
          <ProductForm
            categories={categories}
            onSaved={(product) => {
              setCreated(product);
              replace(product);
            }}
          />
        </section>
        <section aria-labelledby="products-list-title" className="admin__list">
          <h2 id="products-list-title">All products</h2>
          <div aria-live="polite">
            {notice && (
              <p className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
                {notice.text}
              </p>
            )}
          </div>
          {state.name === 'loading' && <Loading>Loading products…</Loading>}
          {state.name === 'failed' && <LoadFailed what="the products" message={state.message} onRetry={retry} />}
          {state.name === 'ready' && (
            <>
              <ProductTable products={state.products} busy={busy} onToggleActive={toggleActive} />
              {state.nextToken && (
                <button type="button" className="button button--secondary" onClick={loadMore} disabled={loadingMore}>
                  {loadingMore ? 'Loading…' : 'Load more products'}
                </button>
              )}
            </>
          )}
        </section>
      </div>
    </section>
  );
}
