import { describe, expect, it } from 'vitest';
import { authorized, featuredMark, homeShows } from './revalidation';

describe('the revalidation route', () => {
  it('takes the shared secret as a bearer token, and nothing else', () => {
    expect(authorized('Bearer s3cret', 's3cret')).toBe(true);
    expect(authorized('Bearer s3cre', 's3cret')).toBe(false);
    expect(authorized('s3cret', 's3cret')).toBe(false);
    expect(authorized(null, 's3cret')).toBe(false);
  });

  it('refuses everyone when the storefront has no secret', () => {
    expect(authorized('Bearer ', '')).toBe(false);
    expect(authorized('Bearer undefined', undefined)).toBe(false);
  });
});

describe('whether home shows a product', () => {
  const cached = `<ul><li ${featuredMark('MUG-1')}>…</li><li ${featuredMark('MUG-10')}>…</li></ul>`;

  it('is yes when the cached page features it (it did)', () => {
    expect(homeShows('MUG-1', cached, [])).toBe(true);
  });

  it('is yes when the featured list now has it (it will)', () => {
    expect(homeShows('NEW-1', cached, [{ sku: 'NEW-1' }])).toBe(true);
  });

  it('is no otherwise, even for a SKU that begins like a featured one', () => {
    expect(homeShows('MUG', cached, [{ sku: 'MUG-1' }])).toBe(false);
  });
});
