/**
 * Checkout's rules on the client: the address form's validation (the same limits the API enforces,
 * so most mistakes are caught before a request), the test cards, what the API's refusals mean for
 * the form, and the idempotency key that makes a repeated "Place order" the same order.
 */
import type { GraphQLErrorLike } from './graphql';
import type { CartLine, PlaceOrderInput, ShippingAddress } from './types';

/** Destinations: every country of the tax table (docs/pricing.md) and more, by ISO 3166-1 alpha-2 code. */
export const COUNTRIES: readonly { code: string; name: string }[] = [
  { code: 'AT', name: 'Austria' },
  { code: 'AU', name: 'Australia' },
  { code: 'BE', name: 'Belgium' },
  { code: 'BR', name: 'Brazil' },
  { code: 'CA', name: 'Canada' },
  { code: 'CH', name: 'Switzerland' },
  { code: 'CZ', name: 'Czechia' },
  { code: 'DE', name: 'Germany' },
  { code: 'DK', name: 'Denmark' },
  { code: 'ES', name: 'Spain' },
  { code: 'FI', name: 'Finland' },
  { code: 'FR', name: 'France' },
  { code: 'GB', name: 'United Kingdom' },
  { code: 'IE', name: 'Ireland' },
  { code: 'IN', name: 'India' },
  { code: 'IT', name: 'Italy' },
  { code: 'JP', name: 'Japan' },
  { code: 'KR', name: 'South Korea' },
  { code: 'MX', name: 'Mexico' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'NO', name: 'Norway' },
  { code: 'NZ', name: 'New Zealand' },
  { code: 'PL', name: 'Poland' },
  { code: 'PT', name: 'Portugal' },
  { code: 'SE', name: 'Sweden' },
  { code: 'SG', name: 'Singapore' },
  { code: 'US', name: 'United States' },
  { code: 'ZA', name: 'South Africa' },
].sort((a, b) => a.name.localeCompare(b.name, 'en'));

const COUNTRY_CODES = new Set(COUNTRIES.map((c) => c.code));

export const countryName = (code: string) => COUNTRIES.find((c) => c.code === code)?.name ?? code;

/**
 * The payments service's test cards (docs/payments.md): the outcome depends only on the token, and
 * no real card is ever charged.
 */
export const TEST_CARDS: readonly { token: string; label: string; outcome: string }[] = [
  { token: 'tok_visa', label: 'Test Visa', outcome: 'payment succeeds' },
  { token: 'tok_declined', label: 'Declined card', outcome: 'the card is declined' },
  { token: 'tok_insufficient_funds', label: 'Insufficient funds', outcome: 'declined for insufficient funds' },
  { token: 'tok_transient_2', label: 'Flaky provider', outcome: 'fails twice, then succeeds on retry' },
  { token: 'tok_timeout', label: 'Provider timeout', outcome: 'the provider times out and the order fails' },
];

export const DEFAULT_TEST_CARD = 'tok_visa';

export const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type CheckoutField = AddressField | 'paymentToken';
export type CheckoutValues = Record<CheckoutField, string>;
export type FieldErrors = Partial<Record<CheckoutField, string>>;

/** How each field is named to the shopper (labels, and the API's messages about it). */
export const FIELD_LABELS: Record<CheckoutField, string> = {
  name: 'Full name',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  region: 'State, province or region',
  postalCode: 'Postal code',
  country: 'Country',
  paymentToken: 'Test card',
};

const MAX_TEXT = 100;
const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/;

const REQUIRED: Partial<Record<CheckoutField, string>> = {
  name: 'Enter the name of the person receiving the order.',
  line1: 'Enter the street address.',
  city: 'Enter the city or town.',
  postalCode: 'Enter the postal code.',
  country: 'Choose a country.',
  paymentToken: 'Choose a test card.',
};

/**
 * Checks the form as the API would, with a message for each field that is wrong. On success answers
 * the trimmed address (optional fields left out when empty) and the card token.
 */
export function validateCheckout(
  values: Partial<CheckoutValues>,
): { ok: true; shippingAddress: ShippingAddress; paymentToken: string } | { ok: false; errors: FieldErrors } {
  const text = (field: CheckoutField) => (values[field] ?? '').trim();
  const errors: FieldErrors = {};

  for (const field of ['name', 'line1', 'line2', 'city', 'region'] as const) {
    const value = text(field);
    if (!value && REQUIRED[field]) errors[field] = REQUIRED[field];
    else if (value.length > MAX_TEXT) errors[field] = `${FIELD_LABELS[field]} must be at most ${MAX_TEXT} characters.`;
  }

  const postalCode = text('postalCode');
  if (!postalCode) errors.postalCode = REQUIRED.postalCode;
  else if (!POSTAL_CODE.test(postalCode)) {
    errors.postalCode = 'Enter a postal code of up to 16 letters, digits, spaces or dashes.';
  }

  const country = text('country').toUpperCase();
  if (!country) errors.country = REQUIRED.country;
  else if (!COUNTRY_CODES.has(country)) errors.country = 'Choose a country from the list.';

  const paymentToken = text('paymentToken');
  if (!paymentToken) errors.paymentToken = REQUIRED.paymentToken;
  else if (!TEST_CARDS.some((card) => card.token === paymentToken))
    errors.paymentToken = 'Choose one of the test cards.';

  if (Object.keys(errors).length) return { ok: false, errors };
  const optional = (field: 'line2' | 'region') => (text(field) ? { [field]: text(field) } : {});
  return {
    ok: true,
    shippingAddress: {
      name: text('name'),
      line1: text('line1'),
      ...optional('line2'),
      city: text('city'),
      ...optional('region'),
      postalCode,
      country,
    },
    paymentToken,
  };
}

/**
 * Sorts the API's refusal of an order into messages beside the fields they name
 * ("shippingAddress.postalCode must be …") and the rest, shown as the API said them
 * ("lines[0].quantity must be a whole number from 1 to 99", "unknown product SKU-X").
 */
export function checkoutErrorsOf(errors: readonly GraphQLErrorLike[]): { fields: FieldErrors; form: string[] } {
  const fields: FieldErrors = {};
  const form: string[] = [];
  for (const error of errors) {
    for (const sentence of (error.message || 'The order could not be placed.').split(/;\s+/).filter(Boolean)) {
      const match = /^(?:shippingAddress\.(\w+)|(paymentToken))\b\s*(.*)$/.exec(sentence);
      const field = (match?.[1] ?? match?.[2]) as CheckoutField | undefined;
      if (match && field && field in FIELD_LABELS) {
        const message = `${FIELD_LABELS[field]} ${match[3]}`.trim();
        fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
      } else {
        form.push(sentence);
      }
    }
  }
  return { fields, form };
}

// ---------------------------------------------------------------------------------------------
// Idempotency

/** The sessionStorage entry that keeps the current checkout attempt's key. */
export const CHECKOUT_ATTEMPT_KEY = 'cloudshop.checkout-attempt.v1';

export type AttemptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A fresh key the API accepts (8 to 64 of `[A-Za-z0-9_-]`). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Outside a secure context (plain HTTP on a non-local host) randomUUID is missing.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What makes two submissions the same order: lines (in any order), address and card. */
export function requestFingerprint(request: Omit<PlaceOrderInput, 'idempotencyKey'>): string {
  const lines = [...request.lines]
    .filter((line): line is CartLine => line !== null)
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .map((line) => [line.sku, line.quantity]);
  const a = request.shippingAddress;
  return JSON.stringify([
    lines,
    [a.name, a.line1, a.line2 ?? '', a.city, a.region ?? '', a.postalCode, a.country],
    request.paymentToken,
  ]);
}

/** The last attempt of this page, for when sessionStorage cannot be used. */
let memoryAttempt: { key: string; fingerprint: string } | null = null;

const readAttempt = (storage: AttemptStorage | null): { key: string; fingerprint: string } | null => {
  try {
    const saved = JSON.parse(storage?.getItem(CHECKOUT_ATTEMPT_KEY) ?? 'null') as unknown;
    if (!saved || typeof saved !== 'object') return null;
    const { key, fingerprint } = saved as { key?: unknown; fingerprint?: unknown };
    return typeof key === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(key) && typeof fingerprint === 'string'
      ? { key, fingerprint }
      : null;
  } catch {
    return null; // unreadable or corrupt: as if there were none
  }
};

/**
 * The idempotency key for this request: the one already used for the same request in this tab (a
 * double click, a retry after a network error, a reload), or a new one for a new attempt. Kept in
 * sessionStorage until the order is placed; without storage it lasts as long as the page.
 */
export function idempotencyKeyFor(
  storage: AttemptStorage | null,
  fingerprint: string,
  newKey: () => string = newIdempotencyKey,
): string {
  for (const attempt of [readAttempt(storage), memoryAttempt]) {
    if (attempt?.fingerprint === fingerprint) return attempt.key;
  }
  const attempt = { key: newKey(), fingerprint };
  memoryAttempt = attempt;
  try {
    storage?.setItem(CHECKOUT_ATTEMPT_KEY, JSON.stringify(attempt));
  } catch {
    // Kept in memory for this page.
  }
  return attempt.key;
}

/** The order is placed: the next checkout is a new attempt. */
export function forgetCheckoutAttempt(storage: AttemptStorage | null): void {
  memoryAttempt = null;
  try {
    storage?.removeItem(CHECKOUT_ATTEMPT_KEY);
  } catch {
    // Nothing kept.
  }
}
