import type { ReactNode } from 'react';
import { Price } from './price';

/**
 * Subtotal, shipping, tax and total as the server computed them (integer minor units). `tax` null
 * means not known yet (no destination): `taxNote` says why, and `totalLabel` what the total covers.
 */
export function OrderTotals({
  currency,
  subtotal,
  shipping,
  tax,
  total,
  taxNote = 'Calculated at checkout',
  totalLabel = 'Total',
}: {
  currency: string;
  subtotal: number;
  shipping: number;
  tax: number | null | undefined;
  total: number;
  taxNote?: ReactNode;
  totalLabel?: string;
}) {
  return (
    <dl className="totals">
      <div className="totals__row">
        <dt>Subtotal</dt>
        <dd>
          <Price amount={subtotal} currency={currency} />
        </dd>
      </div>
      <div className="totals__row">
        <dt>Shipping</dt>
        <dd>{shipping === 0 ? 'Free' : <Price amount={shipping} currency={currency} />}</dd>
      </div>
      <div className="totals__row">
        <dt>Tax</dt>
        <dd>
          {tax === null || tax === undefined ? (
            <span className="hint">{taxNote}</span>
          ) : (
            <Price amount={tax} currency={currency} />
          )}
        </dd>
      </div>
      <div className="totals__row totals__row--total">
        <dt>{totalLabel}</dt>
        <dd>
          <Price amount={total} currency={currency} />
        </dd>
      </div>
    </dl>
  );
}
