'use client';

import Link from 'next/link';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/lib/api';
import { currentIdToken } from '@/lib/auth';
import {
  COUNTRIES,
  DEFAULT_TEST_CARD,
  FIELD_LABELS,
  TEST_CARDS,
  checkoutErrorsOf,
  countryName,
  forgetCheckoutAttempt,
  idempotencyKeyFor,
  requestFingerprint,
  validateCheckout,
  type CheckoutField,
  type CheckoutValues,
  type FieldErrors,
} from '@/lib/checkout';
import { placeOrder } from '@/lib/shop';
import type { CartLine } from '@/lib/types';
import { UnavailableLines } from '../cart/cart-view';
import { useQuote } from '../cart/use-quote';
import { OrderTotals } from '../order-totals';
import { Price } from '../price';
import { QuoteFailed } from '../cart/quote-failed';
import { signInPath } from '../session';

const EMPTY: CheckoutValues = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
  paymentToken: DEFAULT_TEST_CARD,
};

/** A problem that is not about one field: the API's words, or what happened and what to do. */
interface Problem {
  title: string;
  messages: ReactNode[];
}

const sessionStore = () => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

const fieldId = (field: CheckoutField) => `checkout-${field}`;

/**
 * The shipping address, a test card and the order summary priced by `quote(lines, country)`. The
 * form is checked here first (a message per field); what the API refuses is shown as it says it.
 * "Place order" sends one idempotency key per attempt, so a double click, a retry after a network
 * error or a reload mid-request gets the same order rather than a second one.
 */
export function CheckoutForm({ lines, onPlaced }: { lines: readonly CartLine[]; onPlaced: (orderId: string) => void }) {
  const [values, setValues] = useState<CheckoutValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [placing, setPlacing] = useState(false);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const quote = useQuote(lines, values.country || null);

  const priced = quote.status === 'empty' ? null : quote.quote;
  const unavailable = priced?.unavailable ?? [];

  const set = (field: CheckoutField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  const focusFirstError = (fields: FieldErrors) => {
    const first = (Object.keys(EMPTY) as CheckoutField[]).find((field) => fields[field]);
    if (!first) return;
    const target =
      first === 'paymentToken'
        ? formRef.current?.querySelector<HTMLInputElement>(
            'input[name="paymentToken"]:checked, input[name="paymentToken"]',
          )
        : document.getElementById(fieldId(first));
    target?.focus();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return; // a double click: the first request is on its way
    setProblem(null);

    const checked = validateCheckout(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(checked.errors);
      return;
    }
    setErrors({});
    if (unavailable.length > 0) {
      setProblem({
        title: 'Your order was not placed.',
        messages: ['Some items in your cart can’t be ordered. Remove them, then place your order.'],
      });
      return;
    }

    const request = {
      lines: lines.map(({ sku, quantity }) => ({ sku, quantity })),
      shippingAddress: checked.shippingAddress,
      paymentToken: checked.paymentToken,
    };
    const storage = sessionStore();
    const idempotencyKey = idempotencyKeyFor(storage, requestFingerprint(request));

    inFlight.current = true;
    setPlacing(true);
    try {
      const token = await currentIdToken();
      if (!token) {
        setProblem({
          title: 'Your session has expired.',
          messages: [
            <>
              <Link href={signInPath('/checkout')}>Sign in again</Link> to place your order. Your cart is kept.
            </>,
          ],
        });
        return;
      }
      const order = await placeOrder(token, { ...request, idempotencyKey });
      forgetCheckoutAttempt(storage);
      onPlaced(order.orderId);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setProblem({
          title: 'Your order was not placed.',
          messages: [(error as Error)?.message || 'Please try again.'],
        });
      } else if (error.network) {
        setProblem({
          title: 'We couldn’t reach the store.',
          messages: [
            'We don’t know whether your order was placed. Check your connection and press “Place order” again: the same order is sent, so you won’t be charged twice.',
          ],
        });
      } else if (error.accessDenied) {
        setProblem({
          title: 'Your order was not placed.',
          messages: ['This account can’t place orders. Sign in with a shopper account.'],
        });
      } else {
        const refused = checkoutErrorsOf(error.errors);
        setErrors(refused.fields);
        setProblem({
          title: 'Your order was not placed.',
          messages: [...refused.form, ...(Object.keys(refused.fields).length ? ['Check the highlighted fields.'] : [])],
        });
        focusFirstError(refused.fields);
      }
    } finally {
      inFlight.current = false;
      setPlacing(false);
    }
  };

  const errorCount = Object.keys(errors).length;

  return (
    <div className="checkout">
      <form
        ref={formRef}
        className="form checkout__form"
        onSubmit={onSubmit}
        noValidate
        aria-describedby="checkout-problems"
      >
        <div id="checkout-problems">
          {errorCount > 0 && !problem && (
            <div className="notice notice--error" role="alert">
              <p>
                {errorCount === 1 ? 'One field needs your attention:' : `${errorCount} fields need your attention:`}
              </p>
              <ul>
                {(Object.keys(EMPTY) as CheckoutField[])
                  .filter((field) => errors[field])
                  .map((field) => (
                    <li key={field}>
                      <a href={`#${fieldId(field)}`}>{errors[field]}</a>
                    </li>
                  ))}
              </ul>
            </div>
          )}
          {problem && (
            <div className="notice notice--error" role="alert">
              <p>
                <strong>{problem.title}</strong>
              </p>
              <ul>
                {problem.messages.map((message, index) => (
                  <li key={index}>{message}</li>
                ))}
              </ul>
            </div>
          )}
        </div>

        <fieldset className="fieldset">
          <legend>Shipping address</legend>
          <TextField field="name" value={values.name} onChange={set('name')} error={errors.name} autoComplete="name" />
          <TextField
            field="line1"
            value={values.line1}
            onChange={set('line1')}
            error={errors.line1}
            autoComplete="address-line1"
          />
          <TextField
            field="line2"
            value={values.line2}
            onChange={set('line2')}
            error={errors.line2}
            autoComplete="address-line2"
            optional
          />
          <div className="field-row">
            <TextField
              field="city"
              value={values.city}
              onChange={set('city')}
              error={errors.city}
              autoComplete="address-level2"
            />
            <TextField
              field="region"
              value={values.region}
              onChange={set('region')}
              error={errors.region}
              autoComplete="address-level1"
              optional
            />
          </div>
          <div className="field-row">
            <TextField
              field="postalCode"
              value={values.postalCode}
              onChange={set('postalCode')}
              error={errors.postalCode}
              autoComplete="postal-code"
            />
            <div className="field">
              <label htmlFor={fieldId('country')}>{FIELD_LABELS.country}</label>
              <select
                id={fieldId('country')}
                name="country"
                autoComplete="country"
                value={values.country}
                onChange={(event) => set('country')(event.currentTarget.value)}
                aria-invalid={errors.country ? true : undefined}
                aria-describedby={errors.country ? `${fieldId('country')}-error` : undefined}
                required
              >
                <option value="">Choose a country</option>
                {COUNTRIES.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.name} ({country.code})
                  </option>
                ))}
              </select>
              {errors.country && (
                <p id={`${fieldId('country')}-error`} className="field__error">
                  {errors.country}
                </p>
              )}
            </div>
          </div>
        </fieldset>

        <fieldset
          className="fieldset"
          aria-describedby={`test-cards-hint${errors.paymentToken ? ` ${fieldId('paymentToken')}-error` : ''}`}
        >
          <legend>Payment: test cards</legend>
          <p id="test-cards-hint" className="hint">
            This store takes test cards only: no real card is charged. Each one makes checkout end a known way.
          </p>
          <div
            className="test-cards"
            role="radiogroup"
            aria-label="Test card"
            aria-invalid={errors.paymentToken ? true : undefined}
          >
            {TEST_CARDS.map((card, index) => (
              <label key={card.token} className="test-card">
                <input
                  type="radio"
                  name="paymentToken"
                  value={card.token}
                  checked={values.paymentToken === card.token}
                  onChange={() => set('paymentToken')(card.token)}
                  id={index === 0 ? fieldId('paymentToken') : undefined}
                />
                <span>
                  <strong>{card.label}</strong> <code>{card.token}</code>
                  <span className="hint"> — {card.outcome}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.paymentToken && (
            <p id={`${fieldId('paymentToken')}-error`} className="field__error">
              {errors.paymentToken}
            </p>
          )}
        </fieldset>

        <button type="submit" className="button" disabled={placing} aria-busy={placing}>
          {placing ? 'Placing order…' : 'Place order'}
        </button>
      </form>

      <section
        className="checkout__summary"
        aria-labelledby="checkout-summary-title"
        aria-busy={quote.status === 'loading'}
      >
        <h2 id="checkout-summary-title">Order summary</h2>
        {quote.status === 'failed' && <QuoteFailed what="order" message={quote.message} retry={quote.retry} />}
        {priced && priced.lines.length > 0 && priced.currency && (
          <>
            <ul className="summary-lines" aria-label="Items in your order">
              {priced.lines.map((line) => (
                <li key={line.sku}>
                  <span>
                    {line.name} × {line.quantity}
                  </span>
                  <Price amount={line.lineTotal} currency={priced.currency!} />
                </li>
              ))}
            </ul>
            <OrderTotals
              currency={priced.currency}
              subtotal={priced.subtotal}
              shipping={priced.shipping}
              tax={priced.tax}
              total={priced.total}
              taxNote="Choose a country to see the tax"
              totalLabel={priced.tax === null || priced.tax === undefined ? 'Total before tax' : 'Total'}
            />
            {values.country && priced.tax !== null && priced.tax !== undefined && (
              <p className="hint">Tax for delivery to {countryName(values.country)}.</p>
            )}
          </>
        )}
        {!priced && quote.status === 'loading' && <p className="hint">Pricing your order…</p>}
        {unavailable.length > 0 && <UnavailableLines quote={priced!} />}
        <p>
          <Link href="/cart">Edit your cart</Link>
        </p>
      </section>
    </div>
  );
}

function TextField({
  field,
  value,
  onChange,
  error,
  autoComplete,
  optional = false,
}: {
  field: CheckoutField;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  autoComplete: string;
  optional?: boolean;
}) {
  const id = fieldId(field);
  return (
    <div className="field">
      <label htmlFor={id}>
        {FIELD_LABELS[field]}
        {optional && <span className="hint"> (optional)</span>}
      </label>
      <input
        id={id}
        name={field}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autoComplete={autoComplete}
        required={!optional}
        maxLength={field === 'postalCode' ? 16 : 100}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
