import { createHash } from 'node:crypto';
import { z } from 'zod';
import { normalize } from '../catalog/product';
import { UserInputError } from '../shared/errors';
import type { ProductCard } from './product-cards';

/**
 * The grid's order and pages, over every card a query matched. The matching cards are read whole
 * (see `ViewReads.productCards`) and sorted here, so any order costs the same and every page is
 * full; a page's `nextToken` is where the last one ended in that order (a keyset, not an offset),
 * so a card added or removed meanwhile moves nothing that was already shown.
 */

export const CARD_SORTS = ['FEATURED', 'NAME', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST'] as const;
export type CardSort = (typeof CARD_SORTS)[number];

/** A card as the read brings it back: what the API returns, and when the product was created. */
export type ListedCard = ProductCard & { createdAt: string };

/** What a grid asks for, checked (see `parseProductCards`). */
export interface CardQuery {
  /** Normalized words a card's search text must all contain; empty for no text. */
  words: string[];
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  sort: CardSort;
}

export const MAX_SEARCH_WORDS = 8;

/** The words of a search, normalized as the cards' search text is ("Crème-Mug" → creme, mug). */
export const searchWords = (text: string) =>
  normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

type Key = (string | number)[];
/** Each part of a sort key, ascending (1) or descending (-1). */
type Direction = (1 | -1)[];

const names = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const compareText = (a: string, b: string) => names.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * What a card is sorted by. FEATURED is relevance while there are words (the more of them in the
 * name, the higher), then what can be bought before what cannot, newest first; the SKU last makes
 * every order total, so a position is never ambiguous.
 */
const ORDERS: Record<CardSort, { direction: Direction; key: (card: ListedCard, words: string[]) => Key }> = {
  FEATURED: {
    direction: [-1, -1, -1, 1],
    key: (card, words) => {
      const name = normalize(card.name);
      return [words.filter((w) => name.includes(w)).length, card.inStock ? 1 : 0, card.createdAt, card.sku];
    },
  },
  NAME: { direction: [1, 1], key: (card) => [card.name, card.sku] },
  PRICE_ASC: { direction: [1, 1, 1], key: (card) => [card.price, card.name, card.sku] },
  PRICE_DESC: { direction: [-1, 1, 1], key: (card) => [card.price, card.name, card.sku] },
  NEWEST: { direction: [-1, 1], key: (card) => [card.createdAt, card.sku] },
};

const compareKeys = (a: Key, b: Key, direction: Direction) => {
  for (let i = 0; i < direction.length; i += 1) {
    const [x, y] = [a[i], b[i]];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    if (order) return order * direction[i];
  }
  return 0;
};

/** A short digest of the query, so that a token is only ever taken back by the query that gave it. */
const fingerprintOf = ({ words, category, minPrice, maxPrice, sort }: CardQuery) =>
  createHash('sha256')
    .update(JSON.stringify([words, category ?? null, minPrice ?? null, maxPrice ?? null, sort]))
    .digest('base64url')
    .slice(0, 16);

const tokenSchema = z.object({ v: z.literal(1), q: z.string(), after: z.array(z.union([z.string(), z.number()])) });

const encodeCursor = (query: CardQuery, after: Key) =>
  Buffer.from(JSON.stringify({ v: 1, q: fingerprintOf(query), after })).toString('base64url');

/**
 * The position a token carries, if this query gave it. A token is not secret: it holds only a sort
 * key of a card every shopper may see, so a forged one can only start a public list elsewhere.
 */
const decodeCursor = (token: string, query: CardQuery): Key => {
  let parsed: z.infer<typeof tokenSchema> | undefined;
  try {
    parsed = tokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    // reported below
  }
  if (!parsed) throw new UserInputError('nextToken is not one this API gave');
  if (parsed.q !== fingerprintOf(query))
    throw new UserInputError('nextToken belongs to another search: ask for the first page again');
  const sample = ORDERS[query.sort].key({ name: '', sku: '', price: 0, createdAt: '' } as ListedCard, []);
  if (parsed.after.length !== sample.length || parsed.after.some((part, i) => typeof part !== typeof sample[i]))
    throw new UserInputError('nextToken is not one this API gave');
  return parsed.after;
};

/** One page of `cards` in the query's order, from where `nextToken` left off, and how many match. */
export const pageOfCards = (
  cards: readonly ListedCard[],
  query: CardQuery,
  { limit, nextToken }: { limit: number; nextToken?: string },
): { items: ProductCard[]; nextToken: string | null; total: number } => {
  const { key, direction } = ORDERS[query.sort];
  const keyed = cards.map((card) => ({ card, key: key(card, query.words) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key, direction));
  const after = nextToken ? decodeCursor(nextToken, query) : undefined;
  const start = after ? keyed.findIndex((k) => compareKeys(k.key, after, direction) > 0) : 0;
  const page = start < 0 ? [] : keyed.slice(start, start + limit);
  const more = start >= 0 && start + limit < keyed.length;
  return {
    items: page.map(({ card: { createdAt: _createdAt, ...card } }) => card),
    nextToken: more ? encodeCursor(query, page[page.length - 1].key) : null,
    total: keyed.length,
  };
};
