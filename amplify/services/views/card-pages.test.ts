import { describe, expect, it } from 'vitest';
import { UserInputError } from '../shared/errors';
import { pageOfCards, searchWords, type CardQuery, type CardSort, type ListedCard } from './card-pages';

const card = (sku: string, name: string, price: number, createdAt: string, inStock = true): ListedCard => ({
  sku,
  slug: sku.toLowerCase(),
  name,
  price,
  currency: 'USD',
  category: 'kitchen',
  inStock,
  createdAt,
});

const cards = [
  card('MUG-1', 'Stoneware mug', 1800, '2026-01-03T00:00:00.000Z'),
  card('POT-1', 'Tea pot', 4200, '2026-01-05T00:00:00.000Z', false),
  card('CUP-1', 'Espresso cup', 900, '2026-01-01T00:00:00.000Z'),
  card('MUG-2', 'mug, tall', 1800, '2026-01-04T00:00:00.000Z'),
  card('BOWL-1', 'Bowl 10', 2500, '2026-01-02T00:00:00.000Z'),
  card('BOWL-2', 'Bowl 9', 2500, '2026-01-02T00:00:00.000Z'),
];

const query = (sort: CardSort, words: string[] = []): CardQuery => ({ words, sort });
const order = (sort: CardSort, words?: string[]) =>
  pageOfCards(cards, query(sort, words), { limit: 100 }).items.map((c) => c.sku);

/** Every page, following nextToken, as "Load more" does. */
const walk = (q: CardQuery, limit: number, from: readonly ListedCard[] = cards) => {
  const pages: string[][] = [];
  let nextToken: string | undefined;
  do {
    const page = pageOfCards(from, q, { limit, nextToken });
    pages.push(page.items.map((c) => c.sku));
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return pages;
};

describe('the grid order', () => {
  it('features what can be bought, newest first, then what cannot', () => {
    expect(order('FEATURED')).toEqual(['MUG-2', 'MUG-1', 'BOWL-1', 'BOWL-2', 'CUP-1', 'POT-1']);
  });

  it('ranks by relevance while there are words: those in the name first', () => {
    expect(order('FEATURED', ['mug'])[0]).toBe('MUG-2');
    expect(order('FEATURED', ['stoneware', 'mug']).slice(0, 2)).toEqual(['MUG-1', 'MUG-2']);
  });

  it('sorts by name without regard to case, numbers as numbers', () => {
    expect(order('NAME')).toEqual(['BOWL-2', 'BOWL-1', 'CUP-1', 'MUG-2', 'MUG-1', 'POT-1']);
  });

  it('sorts by price both ways, equal prices by name', () => {
    expect(order('PRICE_ASC')).toEqual(['CUP-1', 'MUG-2', 'MUG-1', 'BOWL-2', 'BOWL-1', 'POT-1']);
    expect(order('PRICE_DESC')).toEqual(['POT-1', 'BOWL-2', 'BOWL-1', 'MUG-2', 'MUG-1', 'CUP-1']);
  });

  it('sorts the newest first', () => {
    expect(order('NEWEST')).toEqual(['POT-1', 'MUG-2', 'MUG-1', 'BOWL-1', 'BOWL-2', 'CUP-1']);
  });

  it('answers cards as the API shows them, without their creation time', () => {
    expect(pageOfCards(cards, query('NAME'), { limit: 1 }).items).toEqual([
      {
        sku: 'BOWL-2',
        slug: 'bowl-2',
        name: 'Bowl 9',
        price: 2500,
        currency: 'USD',
        category: 'kitchen',
        inStock: true,
      },
    ]);
  });
});

describe('pages', () => {
  it.each(['FEATURED', 'NAME', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST'] as const)(
    'are full but the last, and together the whole order (%s)',
    (sort) => {
      for (const limit of [1, 2, 4, 6, 7]) {
        const pages = walk(query(sort), limit);
        expect(pages.flat(), `limit ${limit}`).toEqual(order(sort));
        expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
        expect(pages.at(-1)!.length).toBeGreaterThan(0);
      }
    },
  );

  it('have no next page when the last one ends the list, and an empty list has one empty page', () => {
    expect(pageOfCards(cards, query('NAME'), { limit: 6 }).nextToken).toBeNull();
    expect(pageOfCards([], query('NAME'), { limit: 6 })).toEqual({ items: [], nextToken: null, total: 0 });
    expect(pageOfCards(cards, query('NAME'), { limit: 2 }).total).toBe(6);
  });

  it('go on after the last card shown, even when cards came or went meanwhile', () => {
    const first = pageOfCards(cards, query('PRICE_ASC'), { limit: 2 });
    expect(first.items.map((c) => c.sku)).toEqual(['CUP-1', 'MUG-2']);
    const changed = [...cards.filter((c) => c.sku !== 'MUG-2'), card('SPOON-1', 'Spoon', 100, '2026-02-01')];
    const next = pageOfCards(changed, query('PRICE_ASC'), { limit: 2, nextToken: first.nextToken! });
    expect(next.items.map((c) => c.sku)).toEqual(['MUG-1', 'BOWL-2']);
  });

  it('refuse a token that is not one, and a token of another search', () => {
    const token = pageOfCards(cards, query('NAME'), { limit: 1 }).nextToken!;
    const refused = (q: CardQuery, nextToken: string) => () => pageOfCards(cards, q, { limit: 1, nextToken });
    expect(refused(query('NAME'), 'not-a-token')).toThrow(UserInputError);
    expect(refused(query('NAME'), 'not-a-token')).toThrow('nextToken is not one this API gave');
    expect(refused(query('PRICE_ASC'), token)).toThrow('nextToken belongs to another search');
    expect(refused(query('NAME', ['mug']), token)).toThrow('nextToken belongs to another search');
    // A token of this search whose position was tampered with to something no card has.
    const { q } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ v: 1, q, after: [{}, 'A'] })).toString('base64url');
    expect(refused(query('NAME'), forged)).toThrow('nextToken is not one this API gave');
    const short = Buffer.from(JSON.stringify({ v: 1, q, after: ['Bowl 9'] })).toString('base64url');
    expect(refused(query('NAME'), short)).toThrow('nextToken is not one this API gave');
  });
});

describe('searchWords', () => {
  it('splits on anything but letters and digits, without accents or case', () => {
    expect(searchWords(' Théière—FONTE, kit-003 ')).toEqual(['theiere', 'fonte', 'kit', '003']);
    expect(searchWords(' ?! ')).toEqual([]);
  });
});
