import { beforeEach, describe, expect, it } from 'vitest';
import {
  CHECKOUT_ATTEMPT_KEY,
  COUNTRIES,
  TEST_CARDS,
  checkoutErrorsOf,
  forgetCheckoutAttempt,
  idempotencyKeyFor,
  newIdempotencyKey,
  requestFingerprint,
  validateCheckout,
  type AttemptStorage,
  type CheckoutValues,
} from './checkout';

const VALID: CheckoutValues = {
  name: ' Ada Lovelace ',
  line1: '12 St James’s Square',
  line2: '',
  city: 'London',
  region: '  ',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
  paymentToken: 'tok_visa',
};

describe('validateCheckout', () => {
  it('accepts a complete address and answers it trimmed, without empty optional fields', () => {
    expect(validateCheckout(VALID)).toEqual({
      ok: true,
      shippingAddress: {
        name: 'Ada Lovelace',
        line1: '12 St James’s Square',
        city: 'London',
        postalCode: 'SW1Y 4JH',
        country: 'GB',
      },
      paymentToken: 'tok_visa',
    });
    const withOptional = validateCheckout({ ...VALID, line2: 'Flat 2', region: 'Westminster' });
    expect(withOptional.ok && withOptional.shippingAddress).toMatchObject({ line2: 'Flat 2', region: 'Westminster' });
  });

  it('names every missing required field with its own message', () => {
    const result = validateCheckout({});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      name: 'Enter the name of the person receiving the order.',
      line1: 'Enter the street address.',
      city: 'Enter the city or town.',
      postalCode: 'Enter the postal code.',
      country: 'Choose a country.',
      paymentToken: 'Choose a test card.',
    });
  });

  it('treats whitespace as empty', () => {
    const result = validateCheckout({ ...VALID, name: '   ', city: '\t' });
    expect(!result.ok && Object.keys(result.errors)).toEqual(['name', 'city']);
  });

  it('holds texts to the API’s 100 characters, optional ones too', () => {
    const long = 'x'.repeat(101);
    const result = validateCheckout({ ...VALID, line1: long, region: long });
    expect(!result.ok && result.errors).toEqual({
      line1: 'Address line 1 must be at most 100 characters.',
      region: 'State, province or region must be at most 100 characters.',
    });
    expect(validateCheckout({ ...VALID, line1: 'x'.repeat(100) }).ok).toBe(true);
  });

  it('checks the postal code as the API does', () => {
    for (const good of ['94103', 'SW1Y 4JH', '100-0001', 'K1A0B1', 'A']) {
      expect(validateCheckout({ ...VALID, postalCode: good }).ok).toBe(true);
    }
    for (const bad of ['-123', '12345678901234567', '94103!', ' #1']) {
      const result = validateCheckout({ ...VALID, postalCode: bad });
      expect(!result.ok && result.errors.postalCode).toBe(
        'Enter a postal code of up to 16 letters, digits, spaces or dashes.',
      );
    }
  });

  it('takes only listed ISO country codes, in either case', () => {
    const lower = validateCheckout({ ...VALID, country: 'de' });
    expect(lower.ok && lower.shippingAddress.country).toBe('DE');
    const unknown = validateCheckout({ ...VALID, country: 'XX' });
    expect(!unknown.ok && unknown.errors.country).toBe('Choose a country from the list.');
  });

  it('offers every country of the tax table', () => {
    const codes = COUNTRIES.map((c) => c.code);
    for (const code of ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'JP', 'AU']) expect(codes).toContain(code);
  });

  it('takes only the test cards', () => {
    expect(TEST_CARDS.map((c) => c.token)).toEqual([
      'tok_visa',
      'tok_declined',
      'tok_insufficient_funds',
      'tok_transient_2',
      'tok_timeout',
    ]);
    for (const token of TEST_CARDS.map((c) => c.token)) {
      expect(validateCheckout({ ...VALID, paymentToken: token }).ok).toBe(true);
    }
    const card = validateCheckout({ ...VALID, paymentToken: '4242424242424242' });
    expect(!card.ok && card.errors.paymentToken).toBe('Choose one of the test cards.');
  });
});

describe('checkoutErrorsOf (the API’s refusals)', () => {
  it('puts an address problem beside its field and keeps the rest as the API said it', () => {
    expect(
      checkoutErrorsOf([
        {
          errorType: 'Lambda:Unhandled',
          message:
            'lines[0].quantity must be a whole number from 1 to 99; shippingAddress.postalCode must be 1 to 16 letters, digits, spaces or dashes',
        },
        { message: 'unknown product SKU-X; SKU-Y is no longer for sale' },
      ]),
    ).toEqual({
      fields: { postalCode: 'Postal code must be 1 to 16 letters, digits, spaces or dashes' },
      form: [
        'lines[0].quantity must be a whole number from 1 to 99',
        'unknown product SKU-X',
        'SKU-Y is no longer for sale',
      ],
    });
  });

  it('knows the card field, and never loses a message', () => {
    expect(checkoutErrorsOf([{ message: 'paymentToken must not be empty' }]).fields).toEqual({
      paymentToken: 'Test card must not be empty',
    });
    expect(checkoutErrorsOf([{ message: 'shippingAddress.planet must be Earth' }]).form).toEqual([
      'shippingAddress.planet must be Earth',
    ]);
    expect(checkoutErrorsOf([{ message: '' }]).form).toEqual(['The order could not be placed.']);
  });
});

describe('the idempotency key', () => {
  const memoryStorage = () => {
    const items = new Map<string, string>();
    const storage: AttemptStorage & { items: Map<string, string> } = {
      items,
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    };
    return storage;
  };
  const request = {
    lines: [
      { sku: 'KIT-001', quantity: 2 },
      { sku: 'APP-001', quantity: 1 },
    ],
    shippingAddress: { name: 'Ada', line1: '1 Road', city: 'London', postalCode: 'N1', country: 'GB' },
    paymentToken: 'tok_visa',
  };
  let counter = 0;
  const keys = () => `key-${String(++counter).padStart(4, '0')}`;

  beforeEach(() => forgetCheckoutAttempt(null));

  it('is a UUID the API accepts', () => {
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it('stays the same for the same request (double click, retry, reload) until the order is placed', () => {
    const storage = memoryStorage();
    const first = idempotencyKeyFor(storage, requestFingerprint(request), keys);
    const reordered = { ...request, lines: [...request.lines].reverse() };
    expect(idempotencyKeyFor(storage, requestFingerprint(reordered), keys)).toBe(first);
    expect(JSON.parse(storage.items.get(CHECKOUT_ATTEMPT_KEY)!).key).toBe(first);

    forgetCheckoutAttempt(storage);
    expect(storage.items.has(CHECKOUT_ATTEMPT_KEY)).toBe(false);
    expect(idempotencyKeyFor(storage, requestFingerprint(request), keys)).not.toBe(first);
  });

  it('is new when the request changes (another card, address or quantity)', () => {
    const storage = memoryStorage();
    const first = idempotencyKeyFor(storage, requestFingerprint(request), keys);
    const declined = idempotencyKeyFor(storage, requestFingerprint({ ...request, paymentToken: 'tok_declined' }), keys);
    expect(declined).not.toBe(first);
    const moved = { ...request, shippingAddress: { ...request.shippingAddress, country: 'DE' } };
    expect(idempotencyKeyFor(storage, requestFingerprint(moved), keys)).not.toBe(declined);
    const more = { ...request, lines: [{ sku: 'KIT-001', quantity: 3 }, request.lines[1]] };
    expect(requestFingerprint(more)).not.toBe(requestFingerprint(request));
  });

  it('survives corrupt storage, and storage that throws, for the life of the page', () => {
    const corrupt = memoryStorage();
    corrupt.items.set(CHECKOUT_ATTEMPT_KEY, '{not json');
    const key = idempotencyKeyFor(corrupt, requestFingerprint(request), keys);
    expect(key).toMatch(/^key-/);

    forgetCheckoutAttempt(null);
    const throwing: AttemptStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const first = idempotencyKeyFor(throwing, requestFingerprint(request), keys);
    expect(idempotencyKeyFor(throwing, requestFingerprint(request), keys)).toBe(first);
    expect(idempotencyKeyFor(null, requestFingerprint(request), keys)).toBe(first);
  });
});
