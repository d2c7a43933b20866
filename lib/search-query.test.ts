import { describe, expect, it } from 'vitest';
import { parseSearch, searchHref } from './search-query';

describe('parseSearch', () => {
  it('asks for everything, featured first, when the URL says nothing', () => {
    expect(parseSearch({})).toEqual({
      fields: { q: '', category: '', min: '', max: '', sort: 'featured' },
      query: { sort: 'FEATURED' },
      errors: {},
      filtered: false,
    });
  });

  it('turns the typed prices into exact minor units, with every filter and the sort', () => {
    const parsed = parseSearch({ q: ' mug ', category: 'kitchen', min: '10', max: '19.99', sort: 'price-desc' });
    expect(parsed.query).toEqual({
      text: 'mug',
      category: 'kitchen',
      minPrice: 1000,
      maxPrice: 1999,
      sort: 'PRICE_DESC',
    });
    expect(parsed.filtered).toBe(true);
    expect(parseSearch({ min: '0.10', max: '0.29' }).query).toMatchObject({ minPrice: 10, maxPrice: 29 });
    expect(parseSearch({ min: '1250' }, 'JPY').query).toMatchObject({ minPrice: 1250 });
  });

  it('takes the first of a repeated parameter, and the default sort for an unknown one', () => {
    expect(parseSearch({ q: ['tea', 'mug'], sort: 'cheapest' }).query).toEqual({ text: 'tea', sort: 'FEATURED' });
  });

  it('reports a price it cannot use and leaves the price range out', () => {
    expect(parseSearch({ min: 'ten' })).toMatchObject({ errors: { min: 'Enter a price like 12.50.' }, query: {} });
    expect(parseSearch({ min: '-5' }).errors.min).toBe('Enter a price like 12.50.');
    expect(parseSearch({ max: '1.999' }).errors.max).toBe('USD has 2 decimal places at most.');
    const backwards = parseSearch({ min: '20', max: '10' });
    expect(backwards.errors).toEqual({ max: 'Enter a max price no lower than the min price.' });
    expect(backwards.query).not.toHaveProperty('minPrice');
    expect(backwards.query).not.toHaveProperty('maxPrice');
  });

  it('caps a bound above any price the catalog allows', () => {
    expect(parseSearch({ max: '99999999999' }).query.maxPrice).toBe(100_000_000);
  });
});

describe('searchHref', () => {
  it('keeps what is set, leaving out empty fields and the default sort', () => {
    expect(searchHref({ q: 'mug', category: '', min: '5', sort: 'featured' })).toBe('/search?q=mug&min=5');
    expect(searchHref({ q: 'tea cup', sort: 'newest' })).toBe('/search?q=tea+cup&sort=newest');
    expect(searchHref({})).toBe('/search');
  });
});
