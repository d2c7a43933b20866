'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { adminToken, productAsAdmin, setProductActiveAsAdmin } from '@/lib/admin';
import type { AdminProduct } from '@/lib/types';
import { LoadFailed } from '../load-failed';
import { Loading } from './admin-state';
import { ProductForm } from './product-form';
import { useLoad } from '../use-load';
import { useCategories } from './use-categories';

type Loaded = { name: 'not-found' } | { name: 'ready'; product: AdminProduct };

/** One product's fields, images and whether it is on sale, for editing. Its SKU never changes. */
export function ProductEditor({ sku }: { sku: string }) {
  const { state, setState, retry, attempt } = useLoad(
    useCallback(async (): Promise<Loaded> => {
      const product = await productAsAdmin(await adminToken(), sku);
      return product ? { name: 'ready', product } : { name: 'not-found' };
    }, [sku]),
  );
  const categories = useCategories(attempt);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [toggling, setToggling] = useState(false);

  const back = (
    <p className="breadcrumb">
      <Link href="/admin/products">All products</Link>
    </p>
  );

  if (state.name !== 'ready') {
    return (
      <section className="admin-page" aria-labelledby="product-title">
        {back}
        <h1 id="product-title">Edit product</h1>
        {state.name === 'loading' && <Loading>Loading the product…</Loading>}
        {state.name === 'not-found' && (
          <p className="notice" role="status">
            There is no product with SKU <code>{sku}</code>.
          </p>
        )}
        {state.name === 'failed' && <LoadFailed what="the product" message={state.message} onRetry={retry} />}
      </section>
    );
  }

  const { product } = state;
  const toggle = async () => {
    setToggling(true);
    setNotice(null);
    try {
      const changed = await setProductActiveAsAdmin(await adminToken(), product.sku, !product.active);
      setState({ name: 'ready', product: changed });
      setNotice({
        kind: 'success',
        text: changed.active ? 'The product is on sale again.' : 'The product is off sale.',
      });
    } catch (error) {
      setNotice({ kind: 'error', text: `The product was not changed: ${(error as Error).message}` });
    } finally {
      setToggling(false);
    }
  };

  return (
    <section className="admin-page" aria-labelledby="product-title">
      {back}
      <h1 id="product-title">{product.name}</h1>
      <div className="admin-product__status">
        <p>
          <code>{product.sku}</code>{' '}
          <span className={product.active ? 'badge' : 'badge badge--muted'}>
            {product.active ? 'Active' : 'Inactive'}
          </span>
          {product.active && (
            <>
              {' '}
              <Link href={`/product/${encodeURIComponent(product.slug)}`}>View it in the shop</Link>
            </>
          )}
        </p>
        <button type="button" className="button button--secondary" onClick={toggle} disabled={toggling}>
          {product.active ? 'Deactivate' : 'Activate'}
        </button>
      </div>
      <div aria-live="polite">
        {notice && (
          <p className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </p>
        )}
      </div>
      <div className="admin__form">
        <ProductForm
          key={product.sku}
          product={product}
          categories={categories}
          onSaved={(saved) => {
            setState({ name: 'ready', product: saved });
            setNotice({ kind: 'success', text: `Saved “${saved.name}”.` });
          }}
        />
      </div>
    </section>
  );
}
