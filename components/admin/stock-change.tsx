'use client';

import { useId, useState, type FormEvent } from 'react';
import { ApiError, adjustStockAsAdmin, adminToken, setStockAsAdmin } from '@/lib/admin';
import { parseReason, parseStockDelta, parseStockLevel, type Parsed } from '@/lib/admin-forms';
import type { StockItem } from '@/lib/types';
import type { InventoryRow } from './inventory-admin';

type Kind = 'adjust' | 'set';

interface FormState {
  errors: { amount?: string; reason?: string; form?: string };
  busy: boolean;
}

const IDLE: FormState = { errors: {}, busy: false };

/**
 * Changes one SKU's stock: "Adjust stock" adds or removes units (a signed number), "Set stock" sets
 * the available units outright. Both need a reason, kept in the inventory's audit.
 */
export function StockChange({
  row,
  onChanged,
  onClose,
}: {
  row: InventoryRow;
  onChanged: (item: StockItem) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [forms, setForms] = useState<Record<Kind, FormState>>({ adjust: IDLE, set: IDLE });
  const [done, setDone] = useState<string | null>(null);

  const submit = (kind: Kind) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const amount: Parsed<number> =
      kind === 'adjust'
        ? parseStockDelta(String(form.get('delta') ?? ''))
        : parseStockLevel(String(form.get('available') ?? ''));
    const reason = parseReason(String(form.get('reason') ?? ''));
    setDone(null);
    if (!amount.ok || !reason.ok) {
      setForms((f) => ({
        ...f,
        [kind]: {
          busy: false,
          errors: { amount: amount.ok ? undefined : amount.error, reason: reason.ok ? undefined : reason.error },
        },
      }));
      return;
    }
    setForms((f) => ({ ...f, [kind]: { busy: true, errors: {} } }));
    try {
      const token = await adminToken();
      const item =
        kind === 'adjust'
          ? await adjustStockAsAdmin(token, { sku: row.sku, delta: amount.value, reason: reason.value })
          : await setStockAsAdmin(token, { sku: row.sku, available: amount.value, reason: reason.value });
      onChanged(item);
      setForms((f) => ({ ...f, [kind]: IDLE }));
      formElement.reset();
      setDone(`${row.name ?? row.sku} now has ${item.available} available and ${item.reserved} reserved.`);
    } catch (error) {
      const message =
        error instanceof ApiError && error.accessDenied
          ? 'You don’t have access to change stock.'
          : (error as Error).message || 'The stock was not changed.';
      setForms((f) => ({ ...f, [kind]: { busy: false, errors: { form: message } } }));
    }
  };

  const fieldProps = (kind: Kind, name: 'amount' | 'reason') => {
    const message = forms[kind].errors[name];
    return {
      id: `${id}-${kind}-${name}`,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `${id}-${kind}-${name}-error` : undefined,
    } as const;
  };
  const error = (kind: Kind, name: 'amount' | 'reason') =>
    forms[kind].errors[name] ? (
      <p id={`${id}-${kind}-${name}-error`} className="field__error">
        {forms[kind].errors[name]}
      </p>
    ) : null;
  const formError = (kind: Kind) =>
    forms[kind].errors.form ? (
      <p className="notice notice--error" role="alert">
        {forms[kind].errors.form}
      </p>
    ) : null;

  return (
    <div className="stock-change">
      <p>
        <code>{row.sku}</code>:{' '}
        {row.stock ? `${row.stock.available} available, ${row.stock.reserved} reserved.` : 'never stocked.'}
      </p>
      <div aria-live="polite">
        {done && (
          <p className="notice notice--success" role="status">
            {done}
          </p>
        )}
      </div>
      <div className="stock-change__forms">
        <form className="form" aria-label="Adjust stock" onSubmit={submit('adjust')} noValidate>
          <h3>Adjust stock</h3>
          {!row.stock && <p className="hint">Set its stock first: there is nothing to adjust yet.</p>}
          <div className="field">
            <label htmlFor={`${id}-adjust-amount`}>Change by</label>
            <input
              {...fieldProps('adjust', 'amount')}
              name="delta"
              inputMode="numeric"
              placeholder="+10 or -2"
              autoComplete="off"
              className="input--number"
            />
            {error('adjust', 'amount')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-adjust-reason`}>Reason</label>
            <input {...fieldProps('adjust', 'reason')} name="reason" placeholder="Delivery from the supplier" />
            {error('adjust', 'reason')}
          </div>
          {formError('adjust')}
          <button type="submit" className="button" disabled={forms.adjust.busy}>
            {forms.adjust.busy ? 'Adjusting…' : 'Adjust stock'}
          </button>
        </form>
        <form className="form" aria-label="Set stock" onSubmit={submit('set')} noValidate>
          <h3>Set stock</h3>
          <div className="field">
            <label htmlFor={`${id}-set-amount`}>Set available to</label>
            <input
              {...fieldProps('set', 'amount')}
              name="available"
              inputMode="numeric"
              placeholder="25"
              autoComplete="off"
              className="input--number"
            />
            {error('set', 'amount')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-set-reason`}>Reason</label>
            <input {...fieldProps('set', 'reason')} name="reason" placeholder="Stocktake" />
            {error('set', 'reason')}
          </div>
          {formError('set')}
          <button type="submit" className="button" disabled={forms.set.busy}>
            {forms.set.busy ? 'Setting…' : 'Set stock'}
          </button>
        </form>
      </div>
      <button type="button" className="button button--link" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
