'use client';

import { useSyncExternalStore } from 'react';
import { CART_STORAGE_KEY, CartStore, cartCount, type CartLine } from '@/lib/cart';

const browserStorage = () => (typeof window === 'undefined' ? null : window.localStorage);

/** This browser's cart, one store for the page (the header, the product page, the cart page). */
export const cart = new CartStore(browserStorage);

let followingOtherTabs = false;

const subscribe = (listener: () => void) => {
  if (!followingOtherTabs && typeof window !== 'undefined') {
    followingOtherTabs = true;
    window.addEventListener('storage', (event) => {
      if (event.key === null || event.key === CART_STORAGE_KEY) cart.reload();
    });
  }
  return cart.subscribe(listener);
};

const serverSnapshot = () => CartStore.empty;

/**
 * The cart's lines, kept in step with every change (in this tab or another). Empty on the server and
 * in the first render, so hydration always matches; `ready` tells when the stored cart is known.
 */
export function useCart(): { lines: readonly CartLine[]; count: number; ready: boolean } {
  const lines = useSyncExternalStore(subscribe, cart.getSnapshot, serverSnapshot);
  const ready = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return { lines, count: cartCount(lines), ready };
}
