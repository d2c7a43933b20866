'use client';

import { useEffect, useState } from 'react';
import { AddToCart } from '@/components/cart/add-to-cart';
import { STOCK_REFRESH_MS, readStockLevels } from '@/lib/stock';

/**
 * The product page's stock and "Add to cart". The page itself is cached for everyone, while stock
 * changes with every order: it is read here, in the browser, when the page opens and again every
 * little while it stays visible.
 */
export function ProductStock({ sku, name }: { sku: string; name: string }) {
  // undefined: not read yet; null: could not be read (adding is still allowed, checkout decides).
  const [available, setAvailable] = useState<number | null | undefined>(undefined);

  useEffect(() => {
    let active = true;
    const read = () =>
      readStockLevels([sku]).then(
        (levels) => active && setAvailable(levels.find((l) => l.sku === sku)?.available ?? 0),
        () => active && setAvailable((known) => (known === undefined ? null : known)),
      );
    void read();
    const timer = setInterval(() => document.visibilityState === 'visible' && void read(), STOCK_REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [sku]);

  if (available === undefined) {
    return (
      <div className="add-to-cart" aria-busy="true">
        <p className="stock hint" data-testid="stock">
          Checking stock…
        </p>
        <div className="add-to-cart__row">
          <div className="field field--quantity">
            <label htmlFor="quantity-pending">Quantity</label>
            <input id="quantity-pending" type="number" defaultValue={1} disabled />
          </div>
          <button type="button" className="button" disabled>
            Add to cart
          </button>
        </div>
      </div>
    );
  }
  return <AddToCart sku={sku} name={name} available={available} />;
}
