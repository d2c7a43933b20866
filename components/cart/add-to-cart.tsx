'use client';

import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { MAX_QUANTITY } from '@/lib/cart';
import { stockMessage } from '@/lib/stock';
import { cart } from './use-cart';

/**
 * The product page's stock and "Add to cart". `available` is the stock read for this request (null
 * when it could not be read: adding is still allowed, and checkout has the final word).
 */
export function AddToCart({ sku, name, available }: { sku: string; name: string; available: number | null }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const stock = available === null ? null : stockMessage(available);
  const soldOut = stock?.state === 'out';
  const max = available === null ? MAX_QUANTITY : Math.max(1, Math.min(MAX_QUANTITY, available));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get('quantity') ?? '').trim();
    const quantity = Number(typed);
    setAdded(null);
    if (!/^\d+$/.test(typed) || quantity < 1 || quantity > max) {
      setError(`Enter a quantity from 1 to ${max}.`);
      return;
    }
    setError(null);
    switch (cart.add(sku, quantity)) {
      case 'added':
        setAdded(`Added ${quantity} × ${name} to your cart.`);
        break;
      case 'capped':
        setAdded(`Your cart now holds ${MAX_QUANTITY} × ${name}, the most one order can have.`);
        break;
      case 'full':
        setError('Your cart is full. Remove a product before adding another.');
        break;
    }
  };

  return (
    <form className="add-to-cart" onSubmit={onSubmit} noValidate>
      {stock ? (
        <p className={`stock stock--${stock.state}`} data-testid="stock">
          {stock.text}
        </p>
      ) : (
        <p className="stock hint" data-testid="stock">
          We couldn’t check the stock right now.
        </p>
      )}
      <div className="add-to-cart__row">
        <div className="field field--quantity">
          <label htmlFor={`${id}-quantity`}>Quantity</label>
          <input
            id={`${id}-quantity`}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={max}
            step={1}
            defaultValue={1}
            disabled={soldOut}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={soldOut}>
          {soldOut ? 'Out of stock' : 'Add to cart'}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite">
        {added && (
          <p className="notice notice--success">
            {added} <Link href="/cart">View cart</Link>
          </p>
        )}
      </div>
    </form>
  );
}
