'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, listCategoriesAsGuest, listProductsAsAdmin } from '@/lib/admin';
import { currentIdToken } from '@/lib/auth';
import type { AdminProduct, Category } from '@/lib/types';
import { useSession } from '../session';
import { NewProductForm } from './new-product-form';
import { ProductTable } from './product-table';

type State =
  | { name: 'checking' }
  | { name: 'denied' }
  | { name: 'failed'; message: string }
  | { name: 'ready'; products: AdminProduct[]; nextToken: string | null };

/**
 * The admin area. Whether the user may be here is the API's decision, not the page's: the first
 * request it sends is the admin `listProducts` with the user's ID token, and a refusal shows the
 * access notice (the authorizer tells the user through SNS as well).
 */
export function AdminDashboard() {
  const { session } = useSession();
  const [state, setState] = useState<State>({ name: 'checking' });
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const startedFor = useRef<string | null>(null);

  const email = session.status === 'signed-in' ? session.user.email : null;

  useEffect(() => {
    // Once per signed-in user: React's development double effects must not send a second request.
    if (!email || startedFor.current === email) return;
    startedFor.current = email;
    setState({ name: 'checking' });
    void (async () => {
      try {
        const token = await currentIdToken();
        if (!token) throw new Error('Your session has expired. Sign in again.');
        const page = await listProductsAsAdmin(token);
        setState({ name: 'ready', products: page.items, nextToken: page.nextToken });
      } catch (error) {
        if (error instanceof ApiError && error.accessDenied) setState({ name: 'denied' });
        else setState({ name: 'failed', message: (error as Error).message });
        return;
      }
      try {
        setCategories(await listCategoriesAsGuest());
      } catch {
        setCategories([]);
      }
    })();
  }, [email]);

  const loadMore = useCallback(async () => {
    if (state.name !== 'ready' || !state.nextToken) return;
    setLoadingMore(true);
    try {
      const token = await currentIdToken();
      if (!token) throw new Error('Your session has expired. Sign in again.');
      const page = await listProductsAsAdmin(token, state.nextToken);
      setState({ name: 'ready', products: [...state.products, ...page.items], nextToken: page.nextToken });
    } catch (error) {
      setState({ name: 'failed', message: (error as Error).message });
    } finally {
      setLoadingMore(false);
    }
  }, [state]);

  const onCreated = useCallback((product: AdminProduct) => {
    setState((current) =>
      current.name === 'ready'
        ? { ...current, products: [product, ...current.products.filter((p) => p.sku !== product.sku)] }
        : current,
    );
  }, []);

  if (session.status === 'loading') return <p role="status">Checking your access…</p>;
  if (session.status === 'unconfigured') {
    return (
      <p className="notice notice--error" role="alert">
        The admin area is unavailable: the store is not configured.
      </p>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <div className="notice">
        <p>Sign in with an admin account to manage the store.</p>
        <p>
          <Link className="button" href="/sign-in?next=/admin">
            Sign in
          </Link>
        </p>
      </div>
    );
  }

  switch (state.name) {
    case 'checking':
      return <p role="status">Checking your access…</p>;
    case 'denied':
      return (
        <section className="notice notice--error" role="alert" aria-labelledby="admin-denied-title">
          <h2 id="admin-denied-title">You don’t have access to the admin area</h2>
          <p>
            You are signed in as <strong>{email}</strong>, which is not a store admin account.
          </p>
          <p>
            <Link href="/">Back to the shop</Link>
          </p>
        </section>
      );
    case 'failed':
      return (
        <div className="notice notice--error" role="alert">
          <p>We couldn’t load the admin area. Try again in a moment.</p>
          <p className="hint">{state.message}</p>
        </div>
      );
    case 'ready':
      return (
        <div className="admin">
          <section aria-labelledby="new-product-title" className="admin__form">
            <h2 id="new-product-title">New product</h2>
            <NewProductForm categories={categories} onCreated={onCreated} />
          </section>
          <section aria-labelledby="products-title" className="admin__list">
            <h2 id="products-title">Products</h2>
            <ProductTable products={state.products} />
            {state.nextToken && (
              <button type="button" className="button button--secondary" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more products'}
              </button>
            )}
          </section>
        </div>
      );
  }
}
