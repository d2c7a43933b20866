import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OrderTotals } from './order-totals';
import { Price } from './price';

/** The text a shopper reads for `amount` minor units of `currency`. */
const shown = (amount: number, currency: string) => {
  const { container } = render(<Price amount={amount} currency={currency} />);
  return container.textContent;
};

describe('Price', () => {
  it('shows dollars and cents from integer cents', () => {
    expect(shown(1250, 'USD')).toBe('$12.50');
    expect(shown(5, 'USD')).toBe('$0.05');
    expect(shown(29, 'USD')).toBe('$0.29');
  });

  it('shows yen without a decimal point: JPY has no minor unit', () => {
    expect(shown(1250, 'JPY')).toBe('¥1,250');
    expect(shown(7, 'JPY')).toBe('¥7');
  });

  it('shows euros with the euro sign, whatever the case of the code', () => {
    expect(shown(1999, 'EUR')).toBe('€19.99');
    expect(shown(1999, 'eur')).toBe('€19.99');
  });

  it('shows zero and negative amounts (a refund, a discount) as amounts, not blanks', () => {
    expect(shown(0, 'USD')).toBe('$0.00');
    expect(shown(0, 'JPY')).toBe('¥0');
    expect(shown(-500, 'USD')).toBe('-$5.00');
    expect(shown(-1250, 'JPY')).toBe('-¥1,250');
  });

  it('groups the digits of large amounts', () => {
    expect(shown(1_234_567_890, 'USD')).toBe('$12,345,678.90');
    expect(shown(1_234_567_890, 'JPY')).toBe('¥1,234,567,890');
  });

  it('keeps the amount and currency on the element for tests and scripts to read', () => {
    render(<Price amount={1250} currency="USD" />);
    const price = screen.getByText('$12.50');
    expect(price.dataset.amount).toBe('1250');
    expect(price.dataset.currency).toBe('USD');
  });
});

describe('OrderTotals', () => {
  const row = (label: string) => screen.getByText(label).closest('div')!.querySelector('dd')!.textContent;

  it('shows each total in the order’s currency, free shipping as Free and unknown tax with a note', () => {
    render(<OrderTotals currency="JPY" subtotal={3750} shipping={0} tax={null} total={3750} />);
    expect(row('Subtotal')).toBe('¥3,750');
    expect(row('Shipping')).toBe('Free');
    expect(row('Tax')).toBe('Calculated at checkout');
    expect(row('Total')).toBe('¥3,750');
  });

  it('shows the tax once it is known', () => {
    render(<OrderTotals currency="EUR" subtotal={2000} shipping={499} tax={400} total={2899} />);
    expect(row('Shipping')).toBe('€4.99');
    expect(row('Tax')).toBe('€4.00');
    expect(row('Total')).toBe('€28.99');
  });
});
