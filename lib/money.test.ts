import { describe, expect, it } from 'vitest';
import { formatPrice, fractionDigits, isCurrencyCode, toMinorUnits } from './money';

describe('money', () => {
  it('knows each currency’s minor unit', () => {
    expect(fractionDigits('USD')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
    expect(fractionDigits('KWD')).toBe(3);
  });

  it('formats minor units with the currency’s own fraction digits', () => {
    expect(formatPrice(1250, 'USD')).toBe('$12.50');
    expect(formatPrice(1250, 'JPY')).toBe('¥1,250');
    expect(formatPrice(1250, 'KWD').replace(/\s/g, ' ')).toBe('KWD 1.250'); // Intl puts a no-break space
    expect(formatPrice(199, 'eur')).toBe('€1.99');
  });

  it('turns typed major units into exact minor units', () => {
    expect(toMinorUnits('12.5', 'USD')).toEqual({ ok: true, value: 1250 });
    expect(toMinorUnits('0.29', 'USD')).toEqual({ ok: true, value: 29 }); // 0.29 * 100 is 28.999… as a float
    expect(toMinorUnits('1,299.99', 'USD')).toEqual({ ok: true, value: 129999 });
    expect(toMinorUnits('1250', 'JPY')).toEqual({ ok: true, value: 1250 });
    expect(toMinorUnits('1.5', 'KWD')).toEqual({ ok: true, value: 1500 });
    expect(toMinorUnits(' 3 ', 'USD')).toEqual({ ok: true, value: 300 });
  });

  it('refuses what is not a price in that currency', () => {
    expect(toMinorUnits('12.345', 'USD').ok).toBe(false);
    expect(toMinorUnits('12.5', 'JPY').ok).toBe(false);
    expect(toMinorUnits('-1', 'USD').ok).toBe(false);
    expect(toMinorUnits('abc', 'USD').ok).toBe(false);
    expect(toMinorUnits('', 'USD').ok).toBe(false);
    expect(toMinorUnits('1', 'DOLLARS')).toMatchObject({ ok: false, field: 'currency' });
    expect(toMinorUnits('1.234', 'USD')).toMatchObject({ ok: false, field: 'price' });
    expect(isCurrencyCode('usd')).toBe(true);
  });
});
