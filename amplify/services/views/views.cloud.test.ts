/**
 * The views through the whole local cloud: orders placed, confirmed and cancelled show up in the
 * owner's history and in the sales report, a new product and its stock in the catalog grid (found by
 * text, category, price, in every sort, a full page at a time), and the views rebuilt from the write
 * tables equal the ones the projectors kept.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from '../../../local/dynamodb/server';
import { cloudEnv, graphql } from '../../../local/testing/cloud-env';
import { eventually } from '../../../local/testing/eventually';
import { confirmedOrder, ok, type PlacedOrder } from '../../../local/testing/shop';
import { signInAdmin, signUpCustomer, uniqueSuffix, type Customer } from '../../../local/testing/users';
import { createViewTables } from './create-tables';
import { findTables } from './find-tables';
import { rebuildViews } from './rebuild';
import { snapshotViews, type ViewSnapshot } from './snapshot';
import type { ViewTables } from './tables';

/** The storefront's token for shoppers who have not signed in. */
const GUEST = 'guest';
let admin: string;
let shopper: Customer;
let other: Customer;
/** A category of this run's own, so the grid shows only this file's products. */
let category: string;

beforeAll(async () => {
  admin = (await signInAdmin()).idToken;
  [shopper, other] = await Promise.all([signUpCustomer(), signUpCustomer()]);
  category = `views-${uniqueSuffix()}`;
  await ok(
    admin,
    `mutation ($slug: String!) { createCategory(input: { slug: $slug, name: $slug, position: 99 }) { slug } }`,
    { slug: category },
  );
});

const newProduct = async (price: number, currency: string, stock: number, name?: string) => {
  const sku = `VW-${uniqueSuffix().toUpperCase()}`;
  await ok(
    admin,
    `mutation ($sku: String!, $slug: String!, $name: String!, $category: String!, $currency: String!) {
      adminCreateProduct(sku: $sku, slug: $slug, name: $name, description: "For a views test.",
        category: $category, price: ${price}, currency: $currency, images: ["/images/${sku}.jpg"]) { sku }
    }`,
    { sku, slug: sku.toLowerCase(), name: name ?? `View test ${sku}`, category, currency },
  );
  await setStock(sku, stock);
  return sku;
};
const setStock = (sku: string, available: number) =>
  ok(
    admin,
    `mutation ($sku: String!) { adminSetStock(sku: $sku, available: ${available}, reason: "views test") { sku } }`,
    {
      sku,
    },
  );

interface Card {
  sku: string;
  name: string;
  price: number;
  currency: string;
  image: string | null;
  category: string;
  inStock: boolean;
}
const cards = async () =>
  (
    (await ok(
      GUEST,
      `query ($category: String) { productCards(category: $category, limit: 100) { items { sku name price currency image category inStock } nextToken } }`,
      { category },
    )) as { productCards: { items: Card[] } }
  ).productCards.items;

const CARDS = `query ($text: String, $category: String, $minPrice: Int, $maxPrice: Int, $sort: ProductSort,
  $limit: Int, $nextToken: String) {
  productCards(text: $text, category: $category, minPrice: $minPrice, maxPrice: $maxPrice, sort: $sort, limit: $limit,
    nextToken: $nextToken) { items { sku name price inStock } nextToken total }
}`;
type Found = Pick<Card, 'sku' | 'name' | 'price' | 'inStock'>;
/** Every page of a grid query, as a shopper pressing "Load more" would get them. */
const walk = async (variables: Record<string, unknown>) => {
  const pages: Found[][] = [];
  let nextToken: string | null = null;
  do {
    const data = (await ok(GUEST, CARDS, { ...variables, nextToken })) as {
      productCards: { items: Found[]; nextToken: string | null };
    };
    pages.push(data.productCards.items);
    nextToken = data.productCards.nextToken;
    if (pages.length > 100) throw new Error('the grid never ends');
  } while (nextToken);
  return { pages, items: pages.flat() };
};
const found = async (variables: Record<string, unknown>) =>
  (await walk({ limit: 100, ...variables })).items.map((c) => c.sku);

interface Summary {
  orderId: string;
  status: string;
  total: number;
  currency: string;
  lineCount: number;
  lines: { sku: string; quantity: number }[];
  timeline: { status: string; at: string; reason: string | null }[];
}
const MY_ORDERS = `query { myOrders(limit: 100) { items { orderId status total currency lineCount lines { sku quantity } timeline { status at reason } } nextToken } }`;
const myOrders = async (token: string) =>
  ((await ok(token, MY_ORDERS)) as { myOrders: { items: Summary[] } }).myOrders.items;

interface Day {
  day: string;
  orders: number;
  units: number;
  revenue: { currency: string; amount: number }[];
}
const SALES = `query ($from: AWSDate!, $to: AWSDate!) { salesReport(from: $from, to: $to) { day orders units revenue { currency amount } } }`;
const salesOn = async (day: string) =>
  ((await ok(admin, SALES, { from: day, to: day })) as { salesReport: Day[] }).salesReport[0];

describe('productCards', () => {
  it('shows a new product to guests, and flips inStock when its stock goes to 0 and back', async () => {
    const sku = await newProduct(1999, 'USD', 1);
    const card = await eventually(async () => (await cards()).find((c) => c.sku === sku && c.inStock), 'the card');
    expect(card).toEqual({
      sku,
      name: `View test ${sku}`,
      price: 1999,
      currency: 'USD',
      image: `/images/${sku}.jpg`,
      category,
      inStock: true,
    });
    await setStock(sku, 0);
    await eventually(async () => (await cards()).find((c) => c.sku === sku && !c.inStock), 'inStock to flip off');
    await setStock(sku, 3);
    await eventually(async () => (await cards()).find((c) => c.sku === sku && c.inStock), 'inStock to flip on');
  });

  it('drops a product that is taken off sale', async () => {
    const sku = await newProduct(500, 'USD', 5);
    await eventually(async () => (await cards()).some((c) => c.sku === sku), 'the card');
    await ok(admin, `mutation ($sku: String!) { adminSetProductActive(sku: $sku, active: false) { sku } }`, { sku });
    await eventually(async () => !(await cards()).some((c) => c.sku === sku), 'the card to go');
  });

  it('finds a product by words of its name, whatever their case and accents, and by its new name once renamed', async () => {
    const word = `zephyr${uniqueSuffix()}`;
    const sku = await newProduct(2500, 'USD', 2, `Théière Zéphyr${word.slice(6)} en fonte`);
    await eventually(async () => (await found({ text: word })).includes(sku), 'the card to be found');
    for (const text of [word.toUpperCase(), `ZÉPHYR${word.slice(6)}`, `théière ${word}`, `fonte, ${word}!`]) {
      expect(await found({ text }), `search "${text}"`).toEqual([sku]);
    }
    expect(await found({ text: `${word} teapotless` })).toEqual([]);

    const renamed = `renamed${uniqueSuffix()}`;
    await ok(admin, `mutation ($sku: String!, $name: String!) { adminUpdateProduct(sku: $sku, name: $name) { sku } }`, {
      sku,
      name: `Lámp ${renamed}`,
    });
    await eventually(async () => (await found({ text: renamed })).includes(sku), 'the new name to be found');
    expect(await found({ text: word })).toEqual([]);
  });

  it('finds seeded products by a word of their name', async () => {
    expect(await found({ text: 'SKILLET' })).toContain('KIT-003');
    expect(await found({ text: 'skíllet' })).toContain('KIT-003');
    expect(await found({ text: 'fountain pen' })).toContain('STA-002');
    expect(await found({ text: 'beanie' })).not.toContain('KIT-003');
  });

  it('filters by category and price, sorts, and pages a full page at a time', async () => {
    const prices = [700, 300, 900, 100, 500];
    const made = await Promise.all(prices.map((price, i) => newProduct(price, 'USD', i === 0 ? 0 : 4)));
    await eventually(async () => {
      const cards = (await walk({ category, limit: 100 })).items.filter((c) => made.includes(c.sku));
      return cards.length === made.length && cards.filter((c) => c.inStock).length === made.length - 1;
    }, 'every card with its stock');
    const ours = (skus: string[]) => skus.filter((sku) => made.includes(sku));
    const byPrice = [...made].sort((a, b) => prices[made.indexOf(a)] - prices[made.indexOf(b)]);
    expect(ours(await found({ category, sort: 'PRICE_ASC' }))).toEqual(byPrice);
    expect(ours(await found({ category, sort: 'PRICE_DESC' }))).toEqual([...byPrice].reverse());
    expect(ours(await found({ category, minPrice: 300, maxPrice: 700, sort: 'PRICE_ASC' }))).toEqual(
      byPrice.slice(1, 4),
    );
    // FEATURED puts what can be bought first: the one at 700 has no stock.
    expect(ours(await found({ category })).at(-1)).toBe(made[0]);

    const all = await walk({ category, sort: 'PRICE_ASC', limit: 100 });
    const first = (await ok(GUEST, CARDS, { category, limit: 2 })) as { productCards: { total: number } };
    expect(first.productCards.total).toBe(all.items.length);
    for (const limit of [1, 2, 3]) {
      const { pages, items } = await walk({ category, sort: 'PRICE_ASC', limit });
      expect(items, `limit ${limit}`).toEqual(all.items);
      expect(
        pages.slice(0, -1).every((page) => page.length === limit),
        `full pages at limit ${limit}`,
      ).toBe(true);
    }
  });

  it.each([
    [{ minPrice: 500, maxPrice: 100 }, 'minPrice must not be more than maxPrice'],
    [{ minPrice: -1 }, 'minPrice must not be negative'],
    [{ limit: 0 }, 'limit must be at least 1'],
    [{ limit: 101 }, 'limit must be at most 100'],
    [{ nextToken: 'not-a-token' }, 'nextToken is not one this API gave'],
  ])('refuses %j, saying why', async (variables, message) => {
    const result = await graphql(GUEST, CARDS, variables);
    expect(result.errors?.[0].message).toMatch(message);
    expect(result.data?.productCards ?? null).toBeNull();
  });

  it('refuses an unknown sort, and a page token of another search', async () => {
    const unknown = await graphql(GUEST, CARDS, { sort: 'CHEAPEST' });
    expect(unknown.errors?.[0].message).toMatch(/CHEAPEST/);
    const first = (await ok(GUEST, CARDS, { sort: 'NAME', limit: 1 })) as { productCards: { nextToken: string } };
    const other = await graphql(GUEST, CARDS, { sort: 'PRICE_ASC', limit: 1, nextToken: first.productCards.nextToken });
    expect(other.errors?.[0].message).toMatch('nextToken belongs to another search');
  });
});

describe('orders in the views', () => {
  // A currency no other test sells in, so the report's revenue in it is this file's alone.
  const currency = 'NZD';
  let sku: string;
  let kept: PlacedOrder;
  let cancelled: PlacedOrder;
  let day: string;
  let before: Day;

  beforeAll(async () => {
    sku = await newProduct(1000, currency, 50);
    day = new Date().toISOString().slice(0, 10);
    before = await salesOn(day);
    kept = await confirmedOrder(shopper.idToken, sku, 2);
    cancelled = await confirmedOrder(shopper.idToken, sku, 3);
    const result = await graphql(
      shopper.idToken,
      `
        mutation ($orderId: ID!) {
          cancelOrder(orderId: $orderId) {
            status
          }
        }
      `,
      {
        orderId: cancelled.orderId,
      },
    );
    expect(result.errors).toBeUndefined();
  }, 120_000);

  it("show in the owner's history with their status timelines", async () => {
    const history = await eventually(async () => {
      const items = await myOrders(shopper.idToken);
      const ours = items.filter((o) => o.orderId === kept.orderId || o.orderId === cancelled.orderId);
      return ours.some((o) => o.status === 'CANCELLED') && ours.length === 2 && ours;
    }, 'both orders in the history');
    const keptEntry = history.find((o) => o.orderId === kept.orderId)!;
    expect(keptEntry).toMatchObject({ total: kept.total, currency, lineCount: 1, lines: [{ sku, quantity: 2 }] });
    expect(keptEntry.timeline.map((c) => c.status).slice(0, 2)).toEqual(['PENDING', 'CONFIRMED']);
    const cancelledEntry = history.find((o) => o.orderId === cancelled.orderId)!;
    expect(cancelledEntry.timeline.map((c) => c.status)).toEqual(['PENDING', 'CONFIRMED', 'CANCELLED']);
    // Newest first.
    expect(history.map((o) => o.orderId)).toEqual([cancelled.orderId, kept.orderId]);
  });

  it('are counted in the sales report on their confirmation day, the cancelled one taken off again', async () => {
    const revenueIn = (d: Day) => d.revenue.find((r) => r.currency === currency)?.amount ?? 0;
    const now = await eventually(async () => {
      const d = await salesOn(day);
      return revenueIn(d) === revenueIn(before) + kept.total && d.orders === before.orders + 1 && d;
    }, 'the report to count the kept order only');
    expect(now.units).toBe(before.units + 2);
  });

  it("are never shown to another customer: myOrders answers only the caller's", async () => {
    const theirs = await myOrders(other.idToken);
    expect(theirs.map((o) => o.orderId)).not.toEqual(expect.arrayContaining([kept.orderId]));
    expect(theirs.some((o) => o.orderId === kept.orderId || o.orderId === cancelled.orderId)).toBe(false);
    // There is no argument to name a user by.
    const asked = await graphql(
      other.idToken,
      `
        query ($u: String) {
          myOrders(userId: $u) {
            items {
              orderId
            }
          }
        }
      `,
      {
        u: shopper.sub,
      },
    );
    expect(asked.errors?.[0].message).toMatch(/userId/);
  });
});

describe('salesReport', () => {
  it('is refused to customers and guests', async () => {
    for (const token of [shopper.idToken, GUEST]) {
      const result = await graphql(token, SALES, { from: '2026-01-01', to: '2026-01-02' });
      expect(result.data?.salesReport ?? null).toBeNull();
      expect(result.errors?.length).toBeGreaterThan(0);
    }
  });

  it('answers every day of the range, and says what is wrong with a bad one', async () => {
    const report = ((await ok(admin, SALES, { from: '2024-02-27', to: '2024-03-01' })) as { salesReport: Day[] })
      .salesReport;
    expect(report.map((d) => d.day)).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    const backwards = await graphql(admin, SALES, { from: '2026-03-02', to: '2026-03-01' });
    expect(backwards.errors?.[0].message).toMatch(/from must not be after to/);
    const tooLong = await graphql(admin, SALES, { from: '2024-01-01', to: '2025-12-31' });
    expect(tooLong.errors?.[0].message).toMatch(/at most 366 days/);
  });
});

describe('npm run views:rebuild', () => {
  const client = () => localDynamoDbClient(cloudEnv().DYNAMODB_ENDPOINT);
  let copies: ViewTables | undefined;

  afterAll(async () => {
    if (!copies) return;
    for (const name of Object.values(copies)) await client().send(new DeleteTableCommand({ TableName: name }));
  });

  it('makes views equal to the incrementally kept ones', async () => {
    const db = DynamoDBDocumentClient.from(client(), { marshallOptions: { removeUndefinedValues: true } });
    const { sources, views } = await findTables(client());
    const run = uniqueSuffix();
    copies = {
      productCards: `rebuilt-${run}-ProductCards`,
      orderHistory: `rebuilt-${run}-OrderHistory`,
      dailySales: `rebuilt-${run}-DailySales`,
      contributions: `rebuilt-${run}-DailySalesContributions`,
    };
    await createViewTables(client(), copies);
    // Shipments and earlier tests' projections may still be landing: compare until both agree.
    let last: [ViewSnapshot, ViewSnapshot] | undefined;
    const agreed = await eventually(
      async () => {
        await rebuildViews(db, sources, copies!);
        last = [await snapshotViews(db, views), await snapshotViews(db, copies!)];
        return isDeepStrictEqual(last[0], last[1]);
      },
      'the rebuilt views to equal the kept ones',
      60_000,
    ).catch(() => false);
    if (!agreed) expect(last?.[1]).toEqual(last?.[0]);
    expect(last![0].orderHistory.length).toBeGreaterThan(0);
    expect(last![0].productCards.length).toBeGreaterThan(0);
  }, 90_000);
});
