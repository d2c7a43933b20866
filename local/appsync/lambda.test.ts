import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppSync, type RunningAppSync } from './index';
import { FakeInvoker, gql, lambdaError, loadAssembly } from './test-support';
import type { LambdaPlan } from './definition';

let appsync: RunningAppSync;
let invoker: FakeInvoker;
let catalogArn: string;
let meArn: string;
const resolverContext = { userId: 'u-1', policyId: 'admins', email: 'a@example.com' };

beforeAll(async () => {
  invoker = new FakeInvoker();
  appsync = await startAppSync({
    assembly: loadAssembly(),
    invoker,
    dynamodb: 'http://127.0.0.1:9',
    port: 0,
    log: () => {},
  });
  invoker.on(appsync.api.authorizer!.functionArn, () => ({ isAuthorized: true, resolverContext }));
  catalogArn = (appsync.api.resolvers.get('Query.products') as LambdaPlan).functionArn;
  meArn = (appsync.api.resolvers.get('Query.me') as LambdaPlan).functionArn;
});
afterAll(() => appsync?.stop());
beforeEach(() => {
  invoker.calls.length = 0;
});

describe('Lambda data source resolvers (Amplify function directives)', () => {
  it("invoke the data source's function with the payload of Amplify's Invoke template", async () => {
    invoker.on(catalogArn, () => ({ items: [], nextToken: null }));
    const res = await gql(
      appsync.url,
      { query: 'query P($c: String) { products(category: $c, limit: 5) { nextToken } }', variables: { c: 'tea' } },
      'token-1',
      { 'x-amz-user-agent': 'aws-amplify/6' },
    );
    expect(res.body).toEqual({ data: { products: { nextToken: null } } });
    const [event] = invoker.callsTo(catalogArn) as Record<string, unknown>[];
    expect(event).toEqual({
      typeName: 'Query',
      fieldName: 'products',
      // Only the arguments given (an omitted optional argument is absent, not null).
      arguments: { category: 'tea', limit: 5 },
      identity: { resolverContext },
      source: null,
      request: {
        headers: expect.objectContaining({
          authorization: 'token-1',
          'content-type': 'application/json',
          'x-amz-user-agent': 'aws-amplify/6',
        }),
        domainName: null,
      },
      prev: { result: {} },
    });
  });

  it('call the function of each data source (me → the identity service)', async () => {
    invoker.on(meArn, () => ({
      userId: 'u-1',
      email: 'a@example.com',
      policyId: 'admins',
      createdAt: '2030-01-01T00:00:00.000Z',
    }));
    const res = await gql(appsync.url, { query: '{ me { userId createdAt } }' }, 'token-1');
    expect(res.body).toEqual({ data: { me: { userId: 'u-1', createdAt: '2030-01-01T00:00:00.000Z' } } });
    expect(invoker.callsTo(meArn)).toHaveLength(1);
    expect(meArn).not.toBe(catalogArn);
  });

  it('pass mutation arguments through as given', async () => {
    invoker.on(catalogArn, (event: { arguments: Record<string, unknown> }) => ({
      ...event.arguments,
      images: event.arguments.images ?? [],
      active: true,
      searchText: 'x',
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    }));
    const res = await gql(
      appsync.url,
      {
        query: `mutation C($p: Int!) { adminCreateProduct(sku: "S1", slug: "s1", name: "Tea", description: "Green", category: "tea", price: $p, currency: "USD", images: ["a.png"]) { sku price images active createdAt } }`,
        variables: { p: 450 },
      },
      'token-1',
    );
    expect(res.body).toEqual({
      data: {
        adminCreateProduct: {
          sku: 'S1',
          price: 450,
          images: ['a.png'],
          active: true,
          createdAt: '2030-01-01T00:00:00.000Z',
        },
      },
    });
    const [event] = invoker.callsTo(catalogArn) as { typeName: string; arguments: unknown }[];
    expect(event.typeName).toBe('Mutation');
    expect(event.arguments).toEqual({
      sku: 'S1',
      slug: 's1',
      name: 'Tea',
      description: 'Green',
      category: 'tea',
      price: 450,
      currency: 'USD',
      images: ['a.png'],
    });
  });

  it('report a function error as AppSync does: Lambda:Unhandled with the errorMessage, the field null', async () => {
    invoker.on(catalogArn, () => {
      throw lambdaError({ errorType: 'ProductNotFound', errorMessage: 'No product with slug nope', trace: ['at x'] });
    });
    const res = await gql(appsync.url, { query: 'query {\n  productBySlug(slug: "nope") { sku }\n}' }, 'token-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { productBySlug: null },
      errors: [
        {
          path: ['productBySlug'],
          data: null,
          errorType: 'Lambda:Unhandled',
          errorInfo: null,
          locations: [{ line: 2, column: 3, sourceName: null }],
          message: 'No product with slug nope',
        },
      ],
    });
  });

  it('null the whole response when a failing field is non-null', async () => {
    invoker.on(catalogArn, () => {
      throw lambdaError({ errorType: 'Error', errorMessage: 'catalog is down' });
    });
    const res = await gql(appsync.url, { query: '{ products { nextToken } }' }, 'token-1');
    expect(res.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({ path: ['products'], errorType: 'Lambda:Unhandled', message: 'catalog is down' }),
      ],
    });
  });

  it("report a null for a non-null type in graphql-java's words", async () => {
    invoker.on(meArn, () => null);
    const res = await gql(appsync.url, { query: '{ me { userId } }' }, 'token-1');
    expect(res.body).toEqual({
      data: null,
      errors: [
        {
          path: ['me'],
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: "Cannot return null for non-nullable type: 'CustomerProfile' within parent 'Query' (/me)",
        },
      ],
    });
  });
});
