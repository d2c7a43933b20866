/**
 * Money is integer minor units of an ISO 4217 currency (cents for USD, yen for JPY). It becomes a
 * decimal only for display, and a shopper's or admin's decimal becomes minor units exactly (no
 * floating point on the way).
 */

/** One locale for server and client rendering, so hydration never sees two spellings of a price. */
export const STORE_LOCALE = 'en-US';

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string): Intl.NumberFormat {
  const code = currency.toUpperCase();
  let format = formatters.get(code);
  if (!format) {
    format = new Intl.NumberFormat(STORE_LOCALE, { style: 'currency', currency: code });
    formatters.set(code, format);
  }
  return format;
}

/** Whether `currency` is a well-formed ISO 4217 code this runtime can format. */
export function isCurrencyCode(currency: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(currency)) return false;
  try {
    currencyFormat(currency);
    return true;
  } catch {
    return false;
  }
}

/** Digits after the decimal point in `currency`'s minor unit: 2 for USD, 0 for JPY, 3 for KWD. */
export function fractionDigits(currency: string): number {
  return currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `1250, 'USD'` → `$12.50`; `1250, 'JPY'` → `¥1,250`. */
export function formatPrice(minorUnits: number, currency: string): string {
  const format = currencyFormat(currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

/**
 * An amount typed in major units (`"12.5"`, `"1,299.99"`) as integer minor units of `currency`, or
 * an error message for the form. Exact: the string's digits are shifted, never multiplied as a float.
 */
export function toMinorUnits(
  amount: string,
  currency: string,
): { ok: true; value: number } | { ok: false; field: 'price' | 'currency'; error: string } {
  if (!isCurrencyCode(currency)) {
    return { ok: false, field: 'currency', error: 'Enter a three-letter currency code, like USD.' };
  }
  const digits = fractionDigits(currency);
  const text = amount.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, field: 'price', error: 'Enter a price like 12.50.' };
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits) {
    return {
      ok: false,
      field: 'price',
      error:
        digits === 0
          ? `${currency.toUpperCase()} has no minor unit: enter a whole number.`
          : `${currency.toUpperCase()} has ${digits} decimal places at most.`,
    };
  }
  const value = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(value)) return { ok: false, field: 'price', error: 'That price is too large.' };
  return { ok: true, value };
}
