/**
 * Conformance of the model resolvers (decision 0003) against DynamoDB Local: every behaviour of
 * Amplify's generated get/list/index-query/create/update/delete resolvers the project relies on.
 */
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSync, type RunningAppSync } from './index';
import { FakeInvoker, createModelTables, dynamoClient, gql, loadAssembly, startDynamoDbLocal } from './test-support';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const PRODUCTS = 'Product-amplifyData-NONE';
const CATEGORIES = 'Category-amplifyData-NONE';

let dynamo: Awaited<ReturnType<typeof startDynamoDbLocal>>;
let appsync: RunningAppSync;
let db: DynamoDBDocumentClient;

const product = (sku: string, name: string, category: string, price: number, extra: Record<string, unknown> = {}) => ({
  __typename: 'Product',
  sku,
  slug: sku.toLowerCase(),
  name,
  description: `${name} from the shop`,
  category,
  price,
  currency: 'USD',
  images: [`${sku}.png`],
  active: true,
  searchText: `${name} ${category}`.toLowerCase(),
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  ...extra,
});

const CATALOG = [
  product('TEA-1', 'Assam', 'tea', 450),
  product('TEA-2', 'Darjeeling', 'tea', 900),
  product('TEA-3', 'Earl Grey', 'tea', 600),
  product('TEA-4', 'Genmaicha', 'tea', 550, { active: false }),
  product('TEA-5', 'Oolong', 'tea', 1200),
  product('CUP-1', 'Mug', 'cups', 1500),
  product('CUP-2', 'Teacup', 'cups', 2500, { images: [] }),
  product('POT-1', 'Teapot', 'pots', 4000),
];

const q = (query: string, variables?: Record<string, unknown>) => gql(appsync.url, { query, variables }, 'admin-token');
const data = async (query: string, variables?: Record<string, unknown>) => {
  const res = await q(query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
};
const skus = (items: { sku: string }[]) => items.map((i) => i.sku).sort();

beforeAll(async () => {
  const assembly = loadAssembly();
  dynamo = await startDynamoDbLocal();
  await createModelTables(assembly, dynamo.endpoint);
  db = DynamoDBDocumentClient.from(dynamoClient(dynamo.endpoint));
  for (const item of CATALOG) await db.send(new PutCommand({ TableName: PRODUCTS, Item: item }));
  const invoker = new FakeInvoker();
  appsync = await startAppSync({ assembly, invoker, dynamodb: dynamo.endpoint, port: 0, log: () => {} });
  invoker.on(appsync.api.authorizer!.functionArn, () => ({
    isAuthorized: true,
    resolverContext: { policyId: 'admins' },
  }));
}, 60_000);
afterAll(async () => {
  await appsync?.stop();
  await dynamo?.stop();
});

describe('get', () => {
  it('returns the item by its identifier (sku), with every attribute', async () => {
    const { getProduct } = await data(
      '{ getProduct(sku: "TEA-2") { __typename sku name price images active createdAt updatedAt } }',
    );
    expect(getProduct).toEqual({
      __typename: 'Product',
      sku: 'TEA-2',
      name: 'Darjeeling',
      price: 900,
      images: ['TEA-2.png'],
      active: true,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('returns null, without an error, for an unknown identifier', async () => {
    expect(await q('{ getProduct(sku: "NOPE") { sku } }')).toMatchObject({
      status: 200,
      body: { data: { getProduct: null } },
    });
  });
});

describe('list', () => {
  it('scans the table (limit 100 by default)', async () => {
    const { listProducts } = await data('{ listProducts { items { sku } nextToken } }');
    expect(skus(listProducts.items)).toEqual(skus(CATALOG));
    expect(listProducts.nextToken).toBeNull();
  });

  it('queries by the identifier when it is given', async () => {
    const { listProducts } = await data('{ listProducts(sku: "CUP-1") { items { sku name } } }');
    expect(listProducts.items).toEqual([{ sku: 'CUP-1', name: 'Mug' }]);
  });

  it('pages with limit and an opaque nextToken (base64 of the last evaluated key)', async () => {
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const { listProducts }: { listProducts: { items: { sku: string }[]; nextToken: string | null } } = await data(
        'query L($t: String) { listProducts(limit: 3, nextToken: $t) { items { sku } nextToken } }',
        { t: nextToken },
      );
      expect(listProducts.items.length).toBeLessThanOrEqual(3);
      seen.push(...listProducts.items.map((i) => i.sku));
      if (listProducts.nextToken) {
        expect(JSON.parse(Buffer.from(listProducts.nextToken, 'base64').toString())).toHaveProperty('sku');
      }
      nextToken = listProducts.nextToken;
      pages++;
    } while (nextToken && pages < 10);
    expect(seen.sort()).toEqual(skus(CATALOG));
    expect(pages).toBe(3);
  });

  it('applies limit before the filter, as DynamoDB does (a short page can carry a nextToken)', async () => {
    const { listProducts } = await data(
      '{ listProducts(limit: 2, filter: { category: { eq: "pots" } }) { items { sku } nextToken } }',
    );
    expect(listProducts.items.length).toBeLessThanOrEqual(1);
    expect(listProducts.nextToken).toEqual(expect.any(String));
  });

  it.each([
    ['eq', '{ category: { eq: "cups" } }', ['CUP-1', 'CUP-2']],
    ['ne', '{ category: { ne: "tea" } }', ['CUP-1', 'CUP-2', 'POT-1']],
    ['gt', '{ price: { gt: 1500 } }', ['CUP-2', 'POT-1']],
    ['ge', '{ price: { ge: 1500 } }', ['CUP-1', 'CUP-2', 'POT-1']],
    ['lt', '{ price: { lt: 550 } }', ['TEA-1']],
    ['le', '{ price: { le: 550 } }', ['TEA-1', 'TEA-4']],
    ['between', '{ price: { between: [550, 900] } }', ['TEA-2', 'TEA-3', 'TEA-4']],
    ['contains (string, case-sensitive)', '{ name: { contains: "ea" } }', ['CUP-2', 'POT-1']],
    ['contains (list element)', '{ images: { contains: "TEA-1.png" } }', ['TEA-1']],
    ['notContains', '{ searchText: { notContains: "tea" } }', ['CUP-1']],
    ['beginsWith', '{ name: { beginsWith: "Tea" } }', ['CUP-2', 'POT-1']],
    ['boolean eq', '{ active: { eq: false } }', ['TEA-4']],
    ['attributeExists false', '{ searchText: { attributeExists: false } }', []],
    ['and', '{ and: [{ category: { eq: "tea" } }, { price: { gt: 800 } }] }', ['TEA-2', 'TEA-5']],
    ['or', '{ or: [{ category: { eq: "pots" } }, { price: { lt: 500 } }] }', ['POT-1', 'TEA-1']],
    ['not', '{ not: { category: { eq: "tea" } } }', ['CUP-1', 'CUP-2', 'POT-1']],
    [
      'several fields (ANDed)',
      '{ category: { eq: "tea" }, active: { eq: true }, price: { lt: 700 } }',
      ['TEA-1', 'TEA-3'],
    ],
    ['size', '{ images: { size: { eq: 0 } } }', ['CUP-2']],
  ])('filters with %s', async (_, filter, expected) => {
    const { listProducts } = await data(`{ listProducts(filter: ${filter}) { items { sku } } }`);
    expect(skus(listProducts.items)).toEqual(expected);
  });

  it('refuses sortDirection on a table without a sort key, as the template does', async () => {
    const res = await q('{ listProducts(sortDirection: ASC) { items { sku } } }');
    expect(res.body).toEqual({
      data: { listProducts: null },
      errors: [
        expect.objectContaining({
          path: ['listProducts'],
          errorType: 'InvalidArgumentsError',
          message: 'sortDirection is not supported for List operations without a Sort key defined.',
        }),
      ],
    });
  });
});

describe('index queries', () => {
  it('query the GSI by its partition key, sorted by its sort key', async () => {
    const { listProductsByCategory } = await data(
      '{ listProductsByCategory(category: "tea") { items { sku name } nextToken } }',
    );
    expect(listProductsByCategory.items.map((i: { name: string }) => i.name)).toEqual([
      'Assam',
      'Darjeeling',
      'Earl Grey',
      'Genmaicha',
      'Oolong',
    ]);
    expect(listProductsByCategory.nextToken).toBeNull();
  });

  it('sort descending with sortDirection DESC', async () => {
    const { listProductsByCategory } = await data(
      '{ listProductsByCategory(category: "tea", sortDirection: DESC, limit: 2) { items { name } } }',
    );
    expect(listProductsByCategory.items).toEqual([{ name: 'Oolong' }, { name: 'Genmaicha' }]);
  });

  it.each([
    ['beginsWith', '{ beginsWith: "Da" }', ['Darjeeling']],
    ['between', '{ between: ["B", "F"] }', ['Darjeeling', 'Earl Grey']],
    ['eq', '{ eq: "Oolong" }', ['Oolong']],
    ['lt', '{ lt: "Darjeeling" }', ['Assam']],
    ['le', '{ le: "Darjeeling" }', ['Assam', 'Darjeeling']],
    ['gt', '{ gt: "Genmaicha" }', ['Oolong']],
    ['ge', '{ ge: "Genmaicha" }', ['Genmaicha', 'Oolong']],
  ])('apply a %s condition on the sort key', async (_, condition, expected) => {
    const { listProductsByCategory } = await data(
      `{ listProductsByCategory(category: "tea", name: ${condition}) { items { name } } }`,
    );
    expect(listProductsByCategory.items.map((i: { name: string }) => i.name)).toEqual(expected);
  });

  it('combine with a filter, a limit and a nextToken', async () => {
    const first = await data(
      '{ listProductsByCategory(category: "tea", limit: 3, filter: { active: { eq: true } }) { items { name } nextToken } }',
    );
    expect(first.listProductsByCategory.items.map((i: { name: string }) => i.name)).toEqual([
      'Assam',
      'Darjeeling',
      'Earl Grey',
    ]);
    const next = await data(
      'query N($t: String) { listProductsByCategory(category: "tea", limit: 3, filter: { active: { eq: true } }, nextToken: $t) { items { name } nextToken } }',
      { t: first.listProductsByCategory.nextToken },
    );
    expect(next.listProductsByCategory.items).toEqual([{ name: 'Oolong' }]);
    expect(next.listProductsByCategory.nextToken).toBeNull();
  });

  it('query an index without a sort key (listProductsBySlug)', async () => {
    const { listProductsBySlug } = await data('{ listProductsBySlug(slug: "pot-1") { items { sku } } }');
    expect(listProductsBySlug.items).toEqual([{ sku: 'POT-1' }]);
  });
});

const CATEGORY_FIELDS = '__typename slug name description position createdAt updatedAt';

describe('create', () => {
  it('writes the input with createdAt = updatedAt = now and __typename, and returns it', async () => {
    const before = Date.now();
    const { createCategory } = await data(
      `mutation C($input: CreateCategoryInput!) { createCategory(input: $input) { ${CATEGORY_FIELDS} } }`,
      { input: { slug: 'tea', name: 'Tea', description: 'Leaves', position: 1 } },
    );
    expect(createCategory).toMatchObject({
      __typename: 'Category',
      slug: 'tea',
      name: 'Tea',
      description: 'Leaves',
      position: 1,
    });
    expect(createCategory.createdAt).toMatch(ISO);
    expect(createCategory.updatedAt).toBe(createCategory.createdAt);
    expect(Date.parse(createCategory.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    const stored = await db.send(new GetCommand({ TableName: CATEGORIES, Key: { slug: 'tea' } }));
    expect(stored.Item).toEqual({
      __typename: 'Category',
      slug: 'tea',
      name: 'Tea',
      description: 'Leaves',
      position: 1,
      createdAt: createCategory.createdAt,
      updatedAt: createCategory.createdAt,
    });
  });

  it('refuses an identifier that exists with DynamoDB:ConditionalCheckFailedException, the field null', async () => {
    const res = await q('mutation { createCategory(input: { slug: "tea", name: "Again", position: 9 }) { slug } }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { createCategory: null },
      errors: [
        {
          path: ['createCategory'],
          data: null,
          errorType: 'DynamoDB:ConditionalCheckFailedException',
          errorInfo: null,
          locations: [{ line: 1, column: 12, sourceName: null }],
          message: expect.stringMatching(
            /^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: \S+\)$/,
          ),
        },
      ],
    });
    const stored = await db.send(new GetCommand({ TableName: CATEGORIES, Key: { slug: 'tea' } }));
    expect(stored.Item!.name).toBe('Tea');
  });

  it('applies the condition argument', async () => {
    const res = await q(
      'mutation { createCategory(input: { slug: "cups", name: "Cups", position: 2 }, condition: { name: { eq: "Mugs" } }) { slug } }',
    );
    expect(res.body.errors[0].errorType).toBe('DynamoDB:ConditionalCheckFailedException');
    const ok = await data(
      'mutation { createCategory(input: { slug: "cups", name: "Cups", position: 2 }, condition: { name: { attributeExists: false } }) { slug } }',
    );
    expect(ok.createCategory).toEqual({ slug: 'cups' });
  });
});

describe('update', () => {
  it('merges the given fields into the item and moves updatedAt, keeping createdAt', async () => {
    const { getCategory: before } = await data(`{ getCategory(slug: "tea") { ${CATEGORY_FIELDS} } }`);
    await new Promise((r) => setTimeout(r, 5));
    const { updateCategory } = await data(
      `mutation { updateCategory(input: { slug: "tea", position: 5 }) { ${CATEGORY_FIELDS} } }`,
    );
    expect(updateCategory).toEqual({ ...before, position: 5, updatedAt: expect.stringMatching(ISO) });
    expect(updateCategory.updatedAt > before.updatedAt).toBe(true);
    expect(updateCategory.createdAt).toBe(before.createdAt);
  });

  it('removes an attribute given as null', async () => {
    const { updateCategory } = await data(
      'mutation { updateCategory(input: { slug: "tea", description: null }) { description } }',
    );
    expect(updateCategory).toEqual({ description: null });
    const stored = await db.send(new GetCommand({ TableName: CATEGORIES, Key: { slug: 'tea' } }));
    expect(stored.Item).not.toHaveProperty('description');
  });

  it('applies the condition argument', async () => {
    const failed = await q(
      'mutation { updateCategory(input: { slug: "tea", name: "Black tea" }, condition: { position: { eq: 1 } }) { name } }',
    );
    expect(failed.body.data).toEqual({ updateCategory: null });
    expect(failed.body.errors[0]).toMatchObject({
      errorType: 'DynamoDB:ConditionalCheckFailedException',
      path: ['updateCategory'],
    });
    const ok = await data(
      'mutation { updateCategory(input: { slug: "tea", name: "Black tea" }, condition: { position: { eq: 5 } }) { name position } }',
    );
    expect(ok.updateCategory).toEqual({ name: 'Black tea', position: 5 });
  });

  it('refuses an item that does not exist (no upsert)', async () => {
    const res = await q('mutation { updateCategory(input: { slug: "ghost", name: "Ghost" }) { slug } }');
    expect(res.body.errors[0]).toMatchObject({ errorType: 'DynamoDB:ConditionalCheckFailedException' });
    const stored = await db.send(new GetCommand({ TableName: CATEGORIES, Key: { slug: 'ghost' } }));
    expect(stored.Item).toBeUndefined();
  });
});

describe('delete', () => {
  it('applies the condition argument, leaving the item when it fails', async () => {
    const res = await q(
      'mutation { deleteCategory(input: { slug: "cups" }, condition: { position: { gt: 10 } }) { slug } }',
    );
    expect(res.body).toMatchObject({
      data: { deleteCategory: null },
      errors: [{ errorType: 'DynamoDB:ConditionalCheckFailedException' }],
    });
    expect((await db.send(new GetCommand({ TableName: CATEGORIES, Key: { slug: 'cups' } }))).Item).toBeDefined();
  });

  it('deletes the item and returns it', async () => {
    const { deleteCategory } = await data(
      'mutation { deleteCategory(input: { slug: "cups" }) { slug name position createdAt } }',
    );
    expect(deleteCategory).toMatchObject({
      slug: 'cups',
      name: 'Cups',
      position: 2,
      createdAt: expect.stringMatching(ISO),
    });
    expect(await data('{ getCategory(slug: "cups") { slug } }')).toEqual({ getCategory: null });
  });

  it('refuses an item that does not exist', async () => {
    const res = await q('mutation { deleteCategory(input: { slug: "cups" }) { slug } }');
    expect(res.body.errors[0]).toMatchObject({ errorType: 'DynamoDB:ConditionalCheckFailedException' });
  });

  it('lists what remains', async () => {
    const { listCategories } = await data('{ listCategories { items { slug name } } }');
    expect(listCategories.items).toEqual([{ slug: 'tea', name: 'Black tea' }]);
  });
});
