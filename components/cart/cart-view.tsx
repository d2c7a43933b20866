'use client';

import Link from 'next/link';
import { useEffect, useId, useState } from 'react';
import { MAX_QUANTITY, MIN_QUANTITY, isQuantity } from '@/lib/cart';
import type { CartLine, OrderLine, Quote } from '@/lib/types';
import { OrderTotals } from '../order-totals';
import { Price } from '../price';
import { cart, useCart } from './use-cart';
import { useQuote } from './use-quote';
import { QuoteFailed } from './quote-failed';

/**
 * The cart page: the lines this browser holds, priced by the server's `quote` (never from prices
 * the client has seen), the lines the server says cannot be sold (with why, and a way to remove
 * them), and the way to checkout.
 */
export function CartView() {
  const { lines, ready } = useCart();
  const quote = useQuote(lines, null, ready);

  if (!ready) return <p role="status">Loading your cart…</p>;

  if (lines.length === 0) {
    return (
      <div className="empty-state">
        <p>Your cart is empty.</p>
        <p>
          <Link href="/" className="button">
            Continue shopping
          </Link>
        </p>
      </div>
    );
  }

  const priced = quote.status === 'empty' ? null : quote.quote;
  const busy = quote.status === 'loading';
  const unavailable = priced?.unavailable ?? [];
  const canCheckOut = quote.status === 'ready' && unavailable.length === 0 && priced?.currency;

  return (
    <div className="cart">
      <section className="cart__lines" aria-labelledby="cart-items-title" aria-busy={busy}>
        <h2 id="cart-items-title" className="visually-hidden">
          Items
        </h2>
        <ul className="cart-lines" aria-label="Items in your cart">
          {lines
            .filter((line) => !unavailable.some((u) => u.sku === line.sku))
            .map((line) => (
              <CartLineItem
                key={line.sku}
                line={line}
                priced={priced?.lines.find((l) => l.sku === line.sku) ?? null}
                currency={priced?.currency ?? null}
              />
            ))}
        </ul>
        {unavailable.length > 0 && <UnavailableLines quote={priced!} />}
      </section>

      <section className="cart__summary" aria-labelledby="cart-summary-title" aria-busy={busy}>
        <h2 id="cart-summary-title">Order summary</h2>
        {quote.status === 'failed' && <QuoteFailed what="cart" message={quote.message} retry={quote.retry} />}
        {priced?.currency ? (
          <OrderTotals
            currency={priced.currency}
            subtotal={priced.subtotal}
            shipping={priced.shipping}
            tax={null}
            total={priced.total}
            totalLabel="Total before tax"
          />
        ) : (
          quote.status !== 'failed' && <p className="hint">{busy ? 'Pricing your cart…' : 'Nothing to price.'}</p>
        )}
        <p className="visually-hidden" aria-live="polite">
          {busy ? 'Updating prices…' : ''}
        </p>
        {unavailable.length > 0 && <p className="hint">Remove the items that can’t be ordered to check out.</p>}
        {canCheckOut ? (
          <Link href="/checkout" className="button cart__checkout">
            Check out
          </Link>
        ) : (
          <button type="button" className="button cart__checkout" disabled>
            Check out
          </button>
        )}
      </section>
    </div>
  );
}

function CartLineItem({
  line,
  priced,
  currency,
}: {
  line: CartLine;
  priced: OrderLine | null;
  currency: string | null;
}) {
  const name = priced?.name ?? line.sku;
  return (
    <li className="cart-line">
      <div className="cart-line__what">
        <span className="cart-line__name">{name}</span>
        <span className="hint">
          {priced && currency ? (
            <>
              <Price amount={priced.unitPrice} currency={currency} /> each
            </>
          ) : (
            'Pricing…'
          )}
        </span>
      </div>
      <QuantityControl sku={line.sku} name={name} quantity={line.quantity} />
      <div className="cart-line__total">
        {priced && currency && priced.quantity === line.quantity ? (
          <Price amount={priced.lineTotal} currency={currency} />
        ) : (
          <span className="hint">…</span>
        )}
      </div>
      <button
        type="button"
        className="button button--link cart-line__remove"
        onClick={() => cart.remove(line.sku)}
        aria-label={`Remove ${name}`}
      >
        Remove
      </button>
    </li>
  );
}

/** − / number / +: a quantity from 1 to 99; what is typed is kept only when it is one. */
function QuantityControl({ sku, name, quantity }: { sku: string; name: string; quantity: number }) {
  const id = useId();
  const [text, setText] = useState(String(quantity));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setText(String(quantity));
    setError(null);
  }, [quantity]);

  const onChange = (value: string) => {
    setText(value);
    const n = Number(value);
    if (/^\d+$/.test(value.trim()) && isQuantity(n)) {
      setError(null);
      if (n !== quantity) cart.setQuantity(sku, n);
    } else {
      setError(`Enter a quantity from ${MIN_QUANTITY} to ${MAX_QUANTITY}. Your cart keeps ${quantity}.`);
    }
  };

  return (
    <div className="quantity">
      <label htmlFor={`${id}-quantity`} className="visually-hidden">
        Quantity of {name}
      </label>
      <div className="quantity__controls">
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => cart.setQuantity(sku, quantity - 1)}
          disabled={quantity <= MIN_QUANTITY}
          aria-label={`One fewer ${name}`}
        >
          −
        </button>
        <input
          id={`${id}-quantity`}
          type="number"
          inputMode="numeric"
          min={MIN_QUANTITY}
          max={MAX_QUANTITY}
          step={1}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="quantity__input"
        />
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => cart.setQuantity(sku, quantity + 1)}
          disabled={quantity >= MAX_QUANTITY}
          aria-label={`One more ${name}`}
        >
          +
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Lines the server will not sell (unknown, or no longer for sale), each with why and a way out. */
export function UnavailableLines({ quote }: { quote: Pick<Quote, 'unavailable'> }) {
  return (
    <div className="notice notice--error unavailable-lines" role="alert">
      <h3>Some items can’t be ordered</h3>
      <ul>
        {quote.unavailable.map((line) => (
          <li key={line.sku}>
            <span>
              <strong>{line.sku}</strong>: {line.reason}
            </span>{' '}
            <button
              type="button"
              className="button button--link"
              onClick={() => cart.remove(line.sku)}
              aria-label={`Remove ${line.sku}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
