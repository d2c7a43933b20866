/**
 * The catalog through the local cloud's GraphQL endpoint, as the storefront and the admin area use
 * it: shoppers (the guest token) browse and open products; the admin creates, edits and hides
 * them; everyone else is refused the admin's mutations. (Search is the ProductCards view's: see
 * views.cloud.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { products as seededProducts } from '../../../local/seed/catalog';
import { graphql } from '../../../local/testing/cloud-env';
import { signInAdmin, signUpCustomer, uniqueSuffix } from '../../../local/testing/users';
import { toCatalogProduct, type CatalogProduct } from './product';

const GUEST = 'guest';
const CARD = 'sku slug name description category price currency images';

type Card = CatalogProduct;

type Result = Awaited<ReturnType<typeof graphql>>;

let admin: string;
beforeAll(async () => {
  admin = (await signInAdmin()).idToken;
});

/** The data of a request that must succeed. */
const ok = async (token: string, query: string, variables?: Record<string, unknown>) => {
  const result = await graphql(token, query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.status).toBe(200);
  return result.data!;
};

/** A valid new product no other test (or run) uses. */
const newProduct = (overrides: Partial<Card> = {}): Card => {
  const suffix = uniqueSuffix();
  return {
    sku: `IT-${suffix.toUpperCase()}`,
    slug: `it-product-${suffix}`,
    name: `Test Product ${suffix}`,
    description: 'Made for an integration test.',
    category: 'kitchen',
    price: 1234,
    currency: 'USD',
    images: ['/products/stoneware-mug.svg'],
    ...overrides,
  };
};

const CREATE = `mutation ($sku: String!, $slug: String!, $name: String!, $description: String!, $category: String!, $price: Int!, $currency: String!, $images: [String]) {
  adminCreateProduct(sku: $sku, slug: $slug, name: $name, description: $description, category: $category, price: $price, currency: $currency, images: $images) {
    ${CARD} active searchText createdAt updatedAt
  }
}`;
const UPDATE = `mutation ($sku: String!, $slug: String, $price: Int, $name: String) {
  adminUpdateProduct(sku: $sku, slug: $slug, price: $price, name: $name) { ${CARD} active updatedAt }
}`;
const SET_ACTIVE = `mutation ($sku: String!, $active: Boolean!) { adminSetProductActive(sku: $sku, active: $active) { sku active } }`;
const GET = `query ($sku: String!) { getProduct(sku: $sku) { ${CARD} active createdAt updatedAt } }`;
const BY_SLUG = `query ($slug: String!) { productBySlug(slug: $slug) { ${CARD} } }`;
const PRODUCTS = `query ($category: String, $limit: Int, $nextToken: String) {
  products(category: $category, limit: $limit, nextToken: $nextToken) { items { ${CARD} } nextToken }
}`;
const CREATE_CATEGORY = `mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { slug } }`;

const create = (token: string, product: Card) => graphql(token, CREATE, { ...product });
const createOk = async (product: Card) => (await ok(admin, CREATE, { ...product })).adminCreateProduct as Card;
const getProduct = async (sku: string) =>
  (await ok(admin, GET, { sku })).getProduct as (Card & { active: boolean }) | null;
const bySlug = async (slug: string) => (await ok(GUEST, BY_SLUG, { slug })).productBySlug as Card | null;
const setActive = (sku: string, active: boolean) => ok(admin, SET_ACTIVE, { sku, active });

/** Every page of a listing, in order, as a shopper paging through it would see them. */
const walk = async (query: string, variables: Record<string, unknown>) => {
  const pages: Card[][] = [];
  let nextToken: string | null = null;
  do {
    const data = await ok(GUEST, query, { ...variables, nextToken });
    const page = Object.values(data)[0] as { items: Card[]; nextToken: string | null };
    pages.push(page.items);
    nextToken = page.nextToken;
    if (pages.length > 200) throw new Error('the listing never ends');
  } while (nextToken);
  return { pages, items: pages.flat() };
};

const allActive = async () => (await walk(PRODUCTS, { limit: 100 })).items;
const skus = (items: { sku: string }[]) => items.map((p) => p.sku);

/** A refused write: one error, naming the problem, and no data. */
const expectRefused = (result: Result, message: string | RegExp) => {
  expect(result.errors, 'the request should have been refused').toHaveLength(1);
  expect(result.errors![0].message).toMatch(message);
  expect(result.data?.adminCreateProduct ?? null).toBeNull();
};

/** Nothing of `product` was written: no such SKU, and its slug can still be claimed by it. */
const expectNothingWritten = async (product: Card) => {
  expect(await getProduct(product.sku)).toBeNull();
  expect(await bySlug(product.slug)).toBeNull();
  // The slug and the SKU are both still free: the very same product, valid, is accepted.
  const created = await createOk(newProduct({ sku: product.sku, slug: product.slug }));
  expect(created).toMatchObject({ sku: product.sku, slug: product.slug });
};

/** A category of its own, so that a test knows every product in it. */
const newCategory = async () => {
  const slug = `it-category-${uniqueSuffix()}`;
  await ok(admin, CREATE_CATEGORY, { input: { slug, name: `Test category ${slug}`, position: 99 } });
  return slug;
};

/** Only what a shopper sees of a product (the catalog's own projection). */
const card = toCatalogProduct;

describe('shoppers browsing the catalog', () => {
  it('see every seeded product, with its price in cents', async () => {
    const listed = await allActive();
    for (const seeded of seededProducts) expect(listed).toContainEqual(seeded);
    expect(new Set(skus(listed)).size).toBe(listed.length);
  });

  it('can buy every seeded product: the store opens with stock of each', async () => {
    const { stockLevels } = (await ok(
      GUEST,
      `query ($skus: [String!]!) { stockLevels(skus: $skus) { sku available } }`,
      {
        skus: skus(seededProducts),
      },
    )) as { stockLevels: { sku: string; available: number }[] };
    expect(stockLevels.filter((s) => s.available === 0)).toEqual([]);
  });

  it('see only active products in the list', async () => {
    const category = await newCategory();
    const shown = await createOk(newProduct({ category }));
    const hidden = await createOk(newProduct({ category }));
    await setActive(hidden.sku, false);

    const everything = skus(await allActive());
    expect(everything).toContain(shown.sku);
    expect(everything).not.toContain(hidden.sku);
    expect(skus((await walk(PRODUCTS, { category })).items)).toEqual([shown.sku]);
  });

  it('filter by category', async () => {
    const { items } = await walk(PRODUCTS, { category: 'stationery', limit: 100 });
    expect(items.every((p) => p.category === 'stationery')).toBe(true);
    for (const seeded of seededProducts.filter((p) => p.category === 'stationery'))
      expect(items).toContainEqual(seeded);
    expect(skus(items)).not.toContain('KIT-001');
  });

  it('page through a seeded category without duplicates or gaps, in name order', async () => {
    const { pages, items } = await walk(PRODUCTS, { category: 'outdoors', limit: 2 });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(2);
    expect(pages.slice(0, -1).every((page) => page.length === 2)).toBe(true);
    expect(new Set(skus(items)).size).toBe(items.length);
    expect(items.every((p) => p.category === 'outdoors')).toBe(true);
    const seeded = seededProducts.filter((p) => p.category === 'outdoors');
    for (const product of seeded) expect(items).toContainEqual(product);
    const names = items.map((p) => p.name);
    expect(names).toEqual([...names].sort());
  });

  it('page through a category exactly: every active product once, hidden ones skipped', async () => {
    const category = await newCategory();
    const created: Card[] = [];
    for (const name of ['Alder', 'Birch', 'Cedar', 'Douglas fir', 'Elm', 'Fir', 'Gum']) {
      created.push(await createOk(newProduct({ category, name: `${name} board` })));
    }
    // Hidden products in the middle of a page must not leave a page short or a product out.
    await setActive(created[1].sku, false);
    await setActive(created[4].sku, false);
    const visible = created.filter((_, i) => i !== 1 && i !== 4);

    for (const limit of [1, 2, 3, 5]) {
      const { pages, items } = await walk(PRODUCTS, { category, limit });
      expect(items.map(card), `limit ${limit}`).toEqual(visible.map(card));
      expect(
        pages.slice(0, -1).every((page) => page.length === limit),
        `full pages at limit ${limit}`,
      ).toBe(true);
    }
  });

  it('are told when a page size is out of range', async () => {
    const result = await graphql(GUEST, PRODUCTS, { category: 'kitchen', limit: 0 });
    expect(result.errors?.[0].message).toMatch('limit must be a whole number from 1 to 100');
  });

  it('open a product by its slug', async () => {
    const skillet = seededProducts.find((p) => p.sku === 'KIT-003')!;
    expect(await bySlug('cast-iron-skillet')).toEqual(skillet);
    expect(await bySlug(`no-such-product-${uniqueSuffix()}`)).toBeNull();
  });

  it('no longer find a product the admin hid, and find it again once shown', async () => {
    const word = `hideable${uniqueSuffix()}`;
    const product = await createOk(newProduct({ name: `Hideable ${word}` }));
    expect(await bySlug(product.slug)).toEqual(card(product));

    expect((await setActive(product.sku, false)).adminSetProductActive).toEqual({ sku: product.sku, active: false });
    expect(await bySlug(product.slug)).toBeNull();
    expect(skus((await walk(PRODUCTS, { category: product.category, limit: 100 })).items)).not.toContain(product.sku);
    expect(skus(await allActive())).not.toContain(product.sku);
    // The admin still sees it.
    expect(await getProduct(product.sku)).toMatchObject({ sku: product.sku, active: false });

    await setActive(product.sku, true);
    expect(await bySlug(product.slug)).toEqual(card(product));
    expect(skus((await walk(PRODUCTS, { category: product.category, limit: 100 })).items)).toContain(product.sku);
  });
});

describe('the admin creating a product', () => {
  it('makes it visible to shoppers, active, with a normalized currency', async () => {
    const input = newProduct({ currency: 'eur', price: 4999, category: 'home' });
    const created = (await ok(admin, CREATE, { ...input })).adminCreateProduct as Card & Record<string, unknown>;
    expect(created).toMatchObject({ ...input, currency: 'EUR', active: true });
    expect(created.createdAt).toBe(created.updatedAt);

    const shown = { ...input, currency: 'EUR' };
    expect(await bySlug(input.slug)).toEqual(shown);
    expect((await walk(PRODUCTS, { category: 'home', limit: 100 })).items).toContainEqual(shown);
  });

  it('without images gives it none', async () => {
    const { images: _images, ...input } = newProduct();
    const created = (await ok(admin, CREATE, input)).adminCreateProduct as Card;
    expect(created.images).toEqual([]);
    expect((await bySlug(input.slug))?.images).toEqual([]);
  });

  it.each([
    ['a zero price', { price: 0 }, 'price must be a positive number of minor units'],
    ['a negative price', { price: -1 }, 'price must be a positive number of minor units'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency must be a known ISO 4217 code'],
    ['an empty name', { name: '' }, 'name must not be empty'],
    ['a blank name', { name: '   ' }, 'name must not be empty'],
    ['a malformed slug', { slug: 'Not A Slug' }, 'slug must be lower-case words joined by dashes'],
    ['an unsafe image', { images: ['javascript:alert(1)'] }, 'each image must be a site path or an https URL'],
  ])('refuses %s, saying why, and writes nothing', async (_case, change, message) => {
    const input = newProduct(change as Partial<Card>);
    expectRefused(await create(admin, input), message);
    const valid = newProduct();
    await expectNothingWritten({ ...valid, sku: input.sku, slug: 'slug' in change ? valid.slug : input.slug });
  });

  it('refuses an unknown category, saying which, and writes nothing', async () => {
    const category = `no-such-category-${uniqueSuffix()}`;
    const input = newProduct({ category });
    expectRefused(await create(admin, input), `category ${category} does not exist`);
    await expectNothingWritten(input);
  });

  it('refuses a fractional price before anything runs (GraphQL Int)', async () => {
    const input = newProduct();
    const result = await create(admin, { ...input, price: 1.5 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].message).toMatch(/\$price/);
    expect(result.errors![0].message).toMatch(/Int/);
    expect(result.data ?? null).toBeNull();
    await expectNothingWritten(input);
  });

  it('refuses a SKU that exists, and leaves the existing product as it was', async () => {
    const first = await createOk(newProduct());
    const before = await getProduct(first.sku);
    const second = newProduct({ sku: first.sku, name: 'An impostor', price: 1 });

    expectRefused(await create(admin, second), `a product with sku ${first.sku} already exists`);
    expect(await getProduct(first.sku)).toEqual(before);
    expect(await bySlug(first.slug)).toEqual(card(first));
    // The second product's slug was not claimed.
    expect(await bySlug(second.slug)).toBeNull();
    await createOk(newProduct({ slug: second.slug }));
  });

  it('refuses a slug another product uses: the second product does not exist, the first is unchanged', async () => {
    const first = await createOk(newProduct());
    const before = await getProduct(first.sku);
    const second = newProduct({ slug: first.slug, name: 'An impostor', price: 1 });

    expectRefused(await create(admin, second), `another product already uses the slug ${first.slug}`);
    expect(await getProduct(second.sku)).toBeNull();
    expect(await getProduct(first.sku)).toEqual(before);
    expect(await bySlug(first.slug)).toEqual(card(first));
  });
});

describe('the admin updating a product', () => {
  it('changes its price and moves it to a new slug, freeing the old one', async () => {
    const product = await createOk(newProduct({ price: 2500 }));
    const newSlug = `${product.slug}-v2`;

    const updated = (await ok(admin, UPDATE, { sku: product.sku, slug: newSlug, price: 2750 }))
      .adminUpdateProduct as Card & { updatedAt: string };
    expect(updated).toMatchObject({ sku: product.sku, slug: newSlug, price: 2750, name: product.name, active: true });

    expect(await bySlug(newSlug)).toEqual({ ...card(product), slug: newSlug, price: 2750 });
    expect(await bySlug(product.slug)).toBeNull();
    expect(await getProduct(product.sku)).toMatchObject({ slug: newSlug, price: 2750 });

    // The old slug is free for another product, which then opens there.
    const other = await createOk(newProduct({ slug: product.slug }));
    expect(await bySlug(product.slug)).toEqual(card(other));
    expect((await bySlug(newSlug))?.sku).toBe(product.sku);
  });

  it('renamed, opens with its new name', async () => {
    const product = await createOk(newProduct({ name: `Lamp ${uniqueSuffix()}` }));
    const name = `Lámp ${uniqueSuffix()}`;
    await ok(admin, UPDATE, { sku: product.sku, name });
    expect(await bySlug(product.slug)).toEqual({ ...card(product), name });
  });

  it('refuses a slug another product uses, changing nothing', async () => {
    const taken = await createOk(newProduct());
    const product = await createOk(newProduct({ price: 900 }));
    const before = await getProduct(product.sku);

    const result = await graphql(admin, UPDATE, { sku: product.sku, slug: taken.slug, price: 1000 });
    expect(result.errors?.[0].message).toBe(`another product already uses the slug ${taken.slug}`);
    expect(await getProduct(product.sku)).toEqual(before);
    expect(await bySlug(product.slug)).toEqual(card(product));
    expect(await bySlug(taken.slug)).toEqual(card(taken));
  });

  it('refuses an invalid price, changing nothing', async () => {
    const product = await createOk(newProduct());
    const before = await getProduct(product.sku);
    const result = await graphql(admin, UPDATE, { sku: product.sku, price: -1 });
    expect(result.errors?.[0].message).toMatch('price must be a positive number of minor units');
    expect(await getProduct(product.sku)).toEqual(before);
  });

  it('is told when the product does not exist', async () => {
    const sku = `IT-MISSING-${uniqueSuffix().toUpperCase()}`;
    const result = await graphql(admin, UPDATE, { sku, price: 100 });
    expect(result.errors?.[0].message).toBe(`no product with sku ${sku}`);
    expect(await getProduct(sku)).toBeNull();
  });
});

describe('anyone but the admin', () => {
  it.each([
    ['a guest', async () => GUEST],
    ['a signed-in customer', async () => (await signUpCustomer()).idToken],
  ])('is refused adminCreateProduct as %s, and nothing is written', async (_who, tokenOf) => {
    const token = await tokenOf();
    const input = newProduct();
    const result = await create(token, input);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].errorType).toBe('Unauthorized');
    expect(result.errors![0].message).toMatch(/adminCreateProduct/);
    expect(result.data?.adminCreateProduct ?? null).toBeNull();
    await expectNothingWritten(input);
  });

  it.each([
    ['adminUpdateProduct', UPDATE, (sku: string) => ({ sku, price: 1 })],
    ['adminSetProductActive', SET_ACTIVE, (sku: string) => ({ sku, active: false })],
  ])('is refused %s, and the product stays as it was', async (field, query, variables) => {
    const customer = await signUpCustomer();
    const product = await createOk(newProduct());
    const before = await getProduct(product.sku);
    for (const token of [GUEST, customer.idToken]) {
      const result = await graphql(token, query, variables(product.sku));
      expect(result.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
      expect(result.errors?.[0].message).toMatch(field);
    }
    expect(await getProduct(product.sku)).toEqual(before);
    expect(await bySlug(product.slug)).toEqual(card(product));
  });
});
