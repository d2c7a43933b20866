import { describe, expect, it } from 'vitest';
import {
  decimalOf,
  imageUrlProblem,
  parseImageUrls,
  parseReason,
  parseStockDelta,
  parseStockLevel,
} from './admin-forms';
import { toMinorUnits } from './money';

describe('image URLs', () => {
  it.each(['https://images.example.com/mug.jpg', '/products/espresso-cup.svg', '  /products/a/b.png  '])(
    'accept %s',
    (url) => expect(imageUrlProblem(url)).toBeNull(),
  );

  it.each([
    ['http://images.example.com/mug.jpg', 'Image URLs must use https.'],
    ['/images/mug.jpg', 'A site image must be a file under /products/'],
    ['/products/', 'A site image must be a file under /products/'],
    ['/products/../secret', 'A site image must be a file under /products/'],
    ['mug.jpg', 'Enter an https URL'],
    ['javascript:alert(1)', 'Image URLs must use https.'],
    ['https://a b.example/x.jpg', 'An image URL has no spaces.'],
  ])('refuse %s', (url, message) => expect(imageUrlProblem(url)).toContain(message));

  it('drop blank entries and name each wrong one by its position', () => {
    expect(parseImageUrls(['/products/a.svg', ' ', 'https://x.example/b.png'])).toEqual({
      ok: true,
      value: ['/products/a.svg', 'https://x.example/b.png'],
    });
    expect(parseImageUrls(['/products/a.svg', 'http://x.example/b.png', 'b.png'])).toEqual({
      ok: false,
      errors: { 1: 'Image URLs must use https.', 2: expect.stringContaining('Enter an https URL') },
    });
    expect(parseImageUrls([])).toEqual({ ok: true, value: [] });
  });

  it('refuse the same image twice, at the repeat', () => {
    expect(parseImageUrls(['/products/a.svg', '/products/b.svg', ' /products/a.svg'])).toEqual({
      ok: false,
      errors: { 2: 'This image is listed twice.' },
    });
  });
});

describe('stock changes', () => {
  it('take a signed whole number other than 0', () => {
    expect(parseStockDelta('5')).toEqual({ ok: true, value: 5 });
    expect(parseStockDelta('+5')).toEqual({ ok: true, value: 5 });
    expect(parseStockDelta(' -2 ')).toEqual({ ok: true, value: -2 });
    expect(parseStockDelta('\u22122')).toEqual({ ok: true, value: -2 });
    for (const bad of ['', '0', '1.5', 'ten', '--2'])
      expect(parseStockDelta(bad)).toMatchObject({ ok: false, error: expect.any(String) });
    expect(parseStockDelta('2000000')).toEqual({
      ok: false,
      error: 'Change stock by at most 1,000,000 units at once.',
    });
  });

  it('set a whole number from 0', () => {
    expect(parseStockLevel('0')).toEqual({ ok: true, value: 0 });
    expect(parseStockLevel('12')).toEqual({ ok: true, value: 12 });
    for (const bad of ['', '-1', '2.5', 'x'])
      expect(parseStockLevel(bad)).toEqual({ ok: false, error: 'Enter a whole number of units, 0 or more.' });
  });

  it('need a reason', () => {
    expect(parseReason('  Recount  ')).toEqual({ ok: true, value: 'Recount' });
    expect(parseReason('   ')).toEqual({ ok: false, error: 'Say why the stock changes (for the audit).' });
    expect(parseReason('x'.repeat(501))).toMatchObject({ ok: false });
  });
});

describe('a price shown for editing', () => {
  it('is the exact decimal of its minor units, and reads back the same', () => {
    expect(decimalOf(1250, 'USD')).toBe('12.50');
    expect(decimalOf(5, 'USD')).toBe('0.05');
    expect(decimalOf(1250, 'JPY')).toBe('1250');
    expect(decimalOf(1234, 'KWD')).toBe('1.234');
    for (const [amount, currency] of [
      [1999, 'USD'],
      [7, 'EUR'],
      [100_000_000, 'USD'],
      [42, 'JPY'],
    ] as const)
      expect(toMinorUnits(decimalOf(amount, currency), currency)).toEqual({ ok: true, value: amount });
  });
});
