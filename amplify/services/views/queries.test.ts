import { describe, expect, it } from 'vitest';
import { UserInputError } from '../shared/errors';
import { parseMyOrders, parseProductCards, parseSalesReport } from './queries';

describe('salesReport arguments', () => {
  it('accept a range of up to 366 days, both ends included', () => {
    expect(parseSalesReport({ from: '2024-01-01', to: '2024-12-31' })).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(parseSalesReport({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
  });

  it.each([
    [{ from: '2026-03-02', to: '2026-03-01' }, 'from must not be after to'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'a report covers at most 366 days'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from is not a real date'],
    [{ from: '2026-03-01', to: '2026-13-45' }, 'to is not a real date'],
    [{ from: '2026-03-01', to: '1 March' }, 'to must be a date such as 2026-03-01'],
  ])('refuse %j: %s', (args, message) => {
    expect(() => parseSalesReport(args)).toThrow(UserInputError);
    expect(() => parseSalesReport(args)).toThrow(message);
  });
});

describe('productCards arguments', () => {
  it('take search words normalized as the cards are, and every filter with its sort', () => {
    expect(
      parseProductCards({
        text: '  Crème-BRÛLÉE  torch ',
        category: ' kitchen ',
        minPrice: 0,
        maxPrice: 2500,
        sort: 'PRICE_DESC',
        limit: 12,
        nextToken: null,
      }),
    ).toEqual({
      words: ['creme', 'brulee', 'torch'],
      category: 'kitchen',
      minPrice: 0,
      maxPrice: 2500,
      sort: 'PRICE_DESC',
      limit: 12,
    });
    expect(parseProductCards({ text: ' ,. ', minPrice: 500, maxPrice: 500 })).toMatchObject({
      words: [],
      minPrice: 500,
      maxPrice: 500,
    });
  });

  it.each([
    [{ minPrice: 501, maxPrice: 500 }, 'minPrice must not be more than maxPrice'],
    [{ minPrice: -1 }, 'minPrice must not be negative'],
    [{ maxPrice: -5 }, 'maxPrice must not be negative'],
    [{ maxPrice: 12.5 }, 'maxPrice must be a whole number of minor units'],
    [{ maxPrice: 100_000_001 }, 'maxPrice must be at most 100000000 minor units'],
    [{ sort: 'CHEAPEST' }, 'sort must be one of FEATURED, NAME, PRICE_ASC, PRICE_DESC, NEWEST'],
    [{ text: 'a b c d e f g h i' }, 'text must have at most 8 words'],
    [{ text: 'x'.repeat(201) }, 'text must be at most 200 characters'],
    [{ category: '  ' }, 'category must not be empty'],
    [{ limit: 101 }, 'limit must be at most 100'],
  ])('refuse %j: %s', (args, message) => {
    expect(() => parseProductCards(args)).toThrow(UserInputError);
    expect(() => parseProductCards(args)).toThrow(message);
  });
});

describe('page arguments', () => {
  it('default the limit and bound it', () => {
    expect(parseProductCards({})).toEqual({ words: [], sort: 'FEATURED', limit: 24 });
    expect(parseMyOrders({ limit: null })).toEqual({ limit: 20, nextToken: undefined });
    expect(() => parseMyOrders({ limit: 101 })).toThrow('limit must be at most 100');
    expect(() => parseProductCards({ limit: 0 })).toThrow('limit must be at least 1');
  });
});
