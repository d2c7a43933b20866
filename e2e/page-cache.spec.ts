import { expect, test, type APIRequestContext } from '@playwright/test';
import { eventsAbout, inspect } from '../local/testing/bus';
import { formatPrice } from '../lib/money';
import { categorySlugs, createProduct, setPrice, type TestProduct } from './support/store';

/**
 * The cached catalog pages follow a product's change (decision 11): its page, its category's page
 * and home (which features it) are made again soon after an admin edits it; the pages of another
 * product in another category stay as cached. And the pages that are a shopper's own are never
 * cached, by the storefront or by a CDN.
 */

interface Page {
  cache: string | undefined;
  body: string;
}

const get = async (request: APIRequestContext, path: string): Promise<Page> => {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  return { cache: response.headers()['x-nextjs-cache'], body: await response.text() };
};

/** The page as the storefront's cache keeps it: two requests in a row served from it, alike. */
const cached = async (request: APIRequestContext, path: string): Promise<string> => {
  let page: Page | undefined;
  await expect(async () => {
    const [first, second] = [await get(request, path), await get(request, path)];
    expect([first.cache, second.cache], path).toEqual(['HIT', 'HIT']);
    expect(second.body, path).toBe(first.body);
    page = second;
  }).toPass();
  return page!.body;
};

/** Every ProductChanged of the product has reached the page cache's function, which has finished. */
const changesHandled = async (sku: string) => {
  await expect(async () => {
    const events = await eventsAbout('ProductChanged.v1', sku);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const [delivery] = await inspect<{ targets: { rule: string; invocation?: { status: string } }[] }[]>(
        `/events/deliveries?eventId=${event.id}`,
      );
      const target = delivery?.targets.find((t) => /RevalidatePages/.test(t.rule));
      expect(target?.invocation?.status, `${sku}: ${event.id}`).toBe('succeeded');
    }
  }).toPass();
};

let a: TestProduct;
let b: TestProduct;

test.beforeAll(async () => {
  // Categories no other test adds products to (the journeys use the first the API lists, the admin's
  // form and the cloud tests kitchen), so nothing else remakes B's category page meanwhile.
  const [categoryA, categoryB] = (await categorySlugs()).filter((slug, i) => i > 0 && slug !== 'kitchen');
  [a, b] = await Promise.all([
    createProduct({ label: 'cache a', price: 2100, stock: 5, category: categoryA }),
    createProduct({ label: 'cache b', price: 2200, stock: 5, category: categoryB }),
  ]);
  await Promise.all([changesHandled(a.sku), changesHandled(b.sku)]);
});

test('an admin’s price change remakes exactly the cached pages that show the product', async ({ request }) => {
  const paths = {
    productA: `/product/${a.slug}`,
    categoryA: `/category/${a.category}`,
    productB: `/product/${b.slug}`,
    categoryB: `/category/${b.category}`,
    home: '/',
  };
  const before: Record<string, string> = {};
  for (const [page, path] of Object.entries(paths)) before[page] = await cached(request, path);
  expect(before.productB).toContain(formatPrice(2200, 'USD'));

  const newPrice = formatPrice(3456, 'USD');
  await setPrice(a.sku, 3456);

  // A is in stock and the newest product, so home features it: its three pages are made again.
  for (const path of [paths.productA, paths.categoryA, paths.home]) {
    await expect(async () => expect((await get(request, path)).body, path).toContain(newPrice)).toPass();
  }
  await changesHandled(a.sku);
  for (const page of ['productB', 'categoryB'] as const) {
    const now = await get(request, paths[page]);
    expect(now.cache, paths[page]).toBe('HIT');
    expect(now.body, paths[page]).toBe(before[page]);
  }
});

test('cached catalog pages let a CDN keep them, a minute fresh and then stale while it fetches them again', async ({
  request,
}) => {
  for (const path of ['/', `/product/${a.slug}`, `/category/${a.category}`]) {
    const response = await request.get(path);
    expect(response.headers()['cache-control'], path).toBe('s-maxage=60, stale-while-revalidate=86340');
  }
});

test('the revalidation route refuses a caller without the secret, and is never cached', async ({ request }) => {
  const refused = await request.post('/api/revalidate', {
    data: { paths: [`/product/${a.slug}`], sku: a.sku },
    headers: { authorization: 'Bearer not-the-secret' },
  });
  expect(refused.status()).toBe(401);
  expect(refused.headers()['cache-control']).toMatch(/\bno-store\b/);
  const got = await request.get('/api/revalidate');
  expect(got.headers()['cache-control']).toMatch(/\bno-store\b/);
});
