import { describe, expect, it } from 'vitest';
import { CACHED_PAGE_PATH, pagesShowing, viewHolds } from './pages';
import { waitForCard } from './view';

const mug = { sku: 'MUG-1', slug: 'mug', category: 'kitchen' };

describe('the cached pages that show a changed product', () => {
  it('are its own page and its category page', () => {
    expect(pagesShowing(mug)).toEqual(['/product/mug', '/category/kitchen']);
  });

  it('include the old product page when the slug changed', () => {
    expect(pagesShowing({ ...mug, slug: 'big-mug', previousSlug: 'mug' })).toEqual([
      '/product/big-mug',
      '/product/mug',
      '/category/kitchen',
    ]);
  });

  it('include the old category page when the product moved', () => {
    expect(pagesShowing({ ...mug, category: 'home', previousCategory: 'kitchen' })).toEqual([
      '/product/mug',
      '/category/home',
      '/category/kitchen',
    ]);
  });

  it('name no category page for a product without a category', () => {
    expect(pagesShowing({ ...mug, category: '' })).toEqual(['/product/mug']);
  });

  it('are written as URLs, so a slug with spaces or slashes cannot name another page', () => {
    const paths = pagesShowing({ ...mug, slug: 'a b/c', category: 'x?y' });
    expect(paths).toEqual(['/product/a%20b%2Fc', '/category/x%3Fy']);
    for (const path of paths) expect(path).toMatch(CACHED_PAGE_PATH);
  });

  it('never include home, whose featured list the storefront decides', () => {
    expect(pagesShowing(mug)).not.toContain('/');
  });
});

describe('the cached page paths the storefront accepts', () => {
  it.each(['/', '/product/mug', '/category/kitchen'])('%s is one', (path) => expect(path).toMatch(CACHED_PAGE_PATH));
  it.each(['/account', '/product/', '/product/a/b', '/api/revalidate', 'https://x/product/a', '/search?q=a'])(
    '%s is not',
    (path) => expect(path).not.toMatch(CACHED_PAGE_PATH),
  );
});

describe('whether the view holds a change', () => {
  const at = '2026-01-02T00:00:00.000Z';
  it('is yes once the card carries that version or a later one', () => {
    expect(viewHolds({ productVersion: at }, at)).toBe(true);
    expect(viewHolds({ productVersion: '2026-01-03T00:00:00.000Z' }, at)).toBe(true);
  });
  it('is no for an older card or none', () => {
    expect(viewHolds({ productVersion: '2026-01-01T00:00:00.000Z' }, at)).toBe(false);
    expect(viewHolds({}, at)).toBe(false);
    expect(viewHolds(undefined, at)).toBe(false);
  });
});

describe('waiting for the view', () => {
  const at = '2026-01-02T00:00:00.000Z';
  const holds = (card: { productVersion?: string } | undefined) => viewHolds(card, at);

  it('reads again until the projection catches up', async () => {
    const cards = [undefined, { productVersion: '2026-01-01T00:00:00.000Z' }, { productVersion: at }];
    let reads = 0;
    expect(await waitForCard(async () => cards[reads++], holds, 1_000)).toBe(true);
    expect(reads).toBe(3);
  });

  it('gives up after the wait, so Lambda retries the event', async () => {
    let reads = 0;
    expect(await waitForCard(async () => (reads++, undefined), holds, 250)).toBe(false);
    expect(reads).toBe(3); // at 0, 100 and 300 ms
  });
});
