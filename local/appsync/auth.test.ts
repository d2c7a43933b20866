import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { operationsOf } from '../../amplify/data/appsync-schema';
import { seedPolicies } from '../../amplify/services/access/policies';
import { startAppSync, type RunningAppSync } from './index';
import { FakeInvoker, gql, loadAssembly } from './test-support';
import { LambdaAuthorizer } from './authorizer';
import type { ApiDefinition, LambdaPlan } from './definition';

const UNAUTHORIZED = {
  errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
};
const PRODUCTS = 'query Shop { products(limit: 2) { items { sku name } nextToken } }';
const CREATE =
  'mutation { adminCreateProduct(sku: "S1", slug: "s1", name: "N", description: "D", category: "c", price: 100, currency: "USD") { sku } }';

let appsync: RunningAppSync;
let invoker: FakeInvoker;
let clock = Date.parse('2030-01-01T00:00:00Z');
let authorizerArn: string;
let catalogArn: string;

/** What the access service answers for a policy: every operation the policy lacks is denied. */
const policyAnswer = (policyId: string, extra: Record<string, unknown> = {}) => {
  const allowed = new Set(seedPolicies.find((p) => p.id === policyId)!.allowedOperations);
  return {
    isAuthorized: true,
    resolverContext: { userId: `user-of-${policyId}`, policyId },
    deniedFields: operationsOf(appsync.api.sdl).filter((op) => !allowed.has(op)),
    ...extra,
  };
};

beforeAll(async () => {
  invoker = new FakeInvoker();
  // The model resolvers never run in this file: an endpoint nobody answers on is enough.
  appsync = await startAppSync({
    assembly: loadAssembly(),
    invoker,
    dynamodb: 'http://127.0.0.1:9',
    port: 0,
    now: () => clock,
    authorizerTimeoutMs: 200,
    log: () => {},
  });
  authorizerArn = appsync.api.authorizer!.functionArn;
  catalogArn = (appsync.api.resolvers.get('Query.products') as LambdaPlan).functionArn;
});
afterAll(() => appsync?.stop());
beforeEach(() => {
  invoker.calls.length = 0;
  appsync.flushAuthorizerCache();
  invoker.on(catalogArn, () => ({ items: [{ sku: 'S1', name: 'Tea' }], nextToken: null }));
});
afterEach(() => {
  clock += 24 * 3600_000;
});

describe('requests without a token', () => {
  it('answers 401 UnauthorizedException without calling the authorizer when the Authorization header is missing', async () => {
    const res = await gql(appsync.url, { query: PRODUCTS });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
    expect(invoker.calls).toHaveLength(0);
  });

  it('treats an empty Authorization header as missing', async () => {
    const res = await gql(appsync.url, { query: PRODUCTS }, '');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
    expect(invoker.calls).toHaveLength(0);
  });
});

describe('the authorizer', () => {
  it('receives the token and the request context, in AppSync event shape', async () => {
    invoker.on(authorizerArn, () => policyAnswer('guest'));
    const variables = { n: 2 };
    const query = 'query Shop($n: Int) { products(limit: $n) { items { sku } } }';
    const res = await gql(appsync.url, { query, variables, operationName: 'Shop' }, 'guest-token');
    expect(res.status).toBe(200);
    const [event] = invoker.callsTo(authorizerArn) as { requestContext: { requestId: string } }[];
    expect(event).toEqual({
      authorizationToken: 'guest-token',
      requestContext: {
        apiId: appsync.api.apiId,
        accountId: appsync.api.accountId,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        queryString: query,
        operationName: 'Shop',
        variables,
      },
    });
    expect(res.headers.get('x-amzn-requestid')).toBe(event.requestContext.requestId);
  });

  it('refuses with 401 when the answer is isAuthorized: false', async () => {
    invoker.on(authorizerArn, () => ({ isAuthorized: false }));
    const res = await gql(appsync.url, { query: PRODUCTS }, 'bad-token');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
    expect(invoker.callsTo(catalogArn)).toHaveLength(0);
  });

  it('refuses with 401 when the authorizer fails, times out or answers nonsense', async () => {
    invoker.on(authorizerArn, () => {
      throw new Error('boom');
    });
    expect((await gql(appsync.url, { query: PRODUCTS }, 't1')).status).toBe(401);
    invoker.on(authorizerArn, () => new Promise(() => {}));
    const slow = await gql(appsync.url, { query: PRODUCTS }, 't2');
    expect(slow.status).toBe(401);
    expect(slow.body).toEqual(UNAUTHORIZED);
    invoker.on(authorizerArn, () => ({ authorized: 'yes' }));
    expect((await gql(appsync.url, { query: PRODUCTS }, 't3')).status).toBe(401);
    expect(invoker.callsTo(catalogArn)).toHaveLength(0);
    expect(
      appsync
        .decisions()
        .slice(-3)
        .map((d) => d.reason),
    ).toEqual(['authorizer-error', 'authorizer-error', 'invalid-response']);
  });

  it('does not cache a failed invocation', async () => {
    invoker.on(authorizerArn, () => {
      throw new Error('cold start');
    });
    expect((await gql(appsync.url, { query: PRODUCTS }, 'flaky')).status).toBe(401);
    invoker.on(authorizerArn, () => policyAnswer('guest'));
    expect((await gql(appsync.url, { query: PRODUCTS }, 'flaky')).status).toBe(200);
    expect(invoker.callsTo(authorizerArn)).toHaveLength(2);
  });
});

describe('resolverContext', () => {
  it('reaches the Lambda resolver as identity.resolverContext', async () => {
    invoker.on(authorizerArn, () => policyAnswer('customers'));
    await gql(appsync.url, { query: PRODUCTS }, 'customer-token');
    const [event] = invoker.callsTo(catalogArn) as { identity: unknown }[];
    expect(event.identity).toEqual({ resolverContext: { userId: 'user-of-customers', policyId: 'customers' } });
  });
});

describe('deniedFields', () => {
  it('nulls a denied field with an Unauthorized error, without running its resolver', async () => {
    invoker.on(authorizerArn, () => ({ isAuthorized: true, resolverContext: {}, deniedFields: ['Query.products'] }));
    const res = await gql(appsync.url, { query: '{ products { items { sku } } me { userId } }' }, 'tok');
    expect(res.status).toBe(200);
    // products is non-null (ProductPage!), so the null reaches data; me's resolver still runs.
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toContainEqual({
      path: ['products'],
      data: null,
      errorType: 'Unauthorized',
      errorInfo: null,
      locations: [{ line: 1, column: 3, sourceName: null }],
      message: 'Not Authorized to access products on type Query',
    });
    expect(invoker.callsTo(catalogArn)).toHaveLength(0);
  });

  it('nulls denied fields of nested types and accepts full field ARNs for this API only', async () => {
    const { apiId, region, accountId } = appsync.api;
    invoker.on(authorizerArn, () => ({
      isAuthorized: true,
      deniedFields: [
        `arn:aws:appsync:${region}:${accountId}:apis/${apiId}/types/ProductPage/fields/nextToken`,
        `arn:aws:appsync:${region}:${accountId}:apis/someOtherApi/types/CatalogProduct/fields/sku`,
      ],
    }));
    invoker.on(catalogArn, () => ({ items: [{ sku: 'S1', name: 'Tea' }], nextToken: 'abc' }));
    const res = await gql(appsync.url, { query: '{ products { items { sku } nextToken } }' }, 'tok');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { products: { items: [{ sku: 'S1' }], nextToken: null } },
      errors: [
        {
          path: ['products', 'nextToken'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 1, column: 28, sourceName: null }],
          message: 'Not Authorized to access nextToken on type ProductPage',
        },
      ],
    });
  });

  it('nulls a denied non-null field up to the nearest nullable parent, as GraphQL does', async () => {
    invoker.on(authorizerArn, () => ({ isAuthorized: true, deniedFields: ['CatalogProduct.name'] }));
    invoker.on(catalogArn, () => ({ sku: 'S1', slug: 'tea', name: 'Tea' }));
    const res = await gql(appsync.url, { query: '{ productBySlug(slug: "tea") { sku name } }' }, 'tok');
    expect(res.body.data).toEqual({ productBySlug: null });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['productBySlug', 'name'],
        errorType: 'Unauthorized',
        message: 'Not Authorized to access name on type CatalogProduct',
      }),
    ]);
  });
});

describe('the authorizer cache', () => {
  it('invokes the authorizer once per token within the API TTL, whatever the query', async () => {
    invoker.on(authorizerArn, () => policyAnswer('customers'));
    for (let i = 0; i < 5; i++) expect((await gql(appsync.url, { query: PRODUCTS }, 'cached-token')).status).toBe(200);
    expect((await gql(appsync.url, { query: '{ me { userId } }' }, 'cached-token')).status).toBe(200);
    expect(invoker.callsTo(authorizerArn)).toHaveLength(1);
    expect(
      appsync
        .decisions()
        .slice(-6)
        .map((d) => d.cached),
    ).toEqual([false, true, true, true, true, true]);
    // Another token is another cache entry.
    await gql(appsync.url, { query: PRODUCTS }, 'other-token');
    expect(invoker.callsTo(authorizerArn)).toHaveLength(2);
  });

  it('expires the answer after AuthorizerResultTtlInSeconds (300 s here)', async () => {
    invoker.on(authorizerArn, () => policyAnswer('guest'));
    expect(appsync.api.authorizer!.ttlSeconds).toBe(300);
    await gql(appsync.url, { query: PRODUCTS }, 'ttl-token');
    clock += 299_000;
    await gql(appsync.url, { query: PRODUCTS }, 'ttl-token');
    expect(invoker.callsTo(authorizerArn)).toHaveLength(1);
    clock += 2_000;
    await gql(appsync.url, { query: PRODUCTS }, 'ttl-token');
    expect(invoker.callsTo(authorizerArn)).toHaveLength(2);
  });

  it('honours ttlOverride', async () => {
    invoker.on(authorizerArn, () => policyAnswer('guest', { ttlOverride: 10 }));
    await gql(appsync.url, { query: PRODUCTS }, 'short-token');
    clock += 9_000;
    await gql(appsync.url, { query: PRODUCTS }, 'short-token');
    expect(invoker.callsTo(authorizerArn)).toHaveLength(1);
    clock += 2_000;
    await gql(appsync.url, { query: PRODUCTS }, 'short-token');
    expect(invoker.callsTo(authorizerArn)).toHaveLength(2);
  });

  it('with ttlOverride 0 invokes the authorizer on every request', async () => {
    invoker.on(authorizerArn, () => policyAnswer('guest', { ttlOverride: 0 }));
    for (let i = 0; i < 4; i++) await gql(appsync.url, { query: PRODUCTS }, 'uncached-token');
    expect(invoker.callsTo(authorizerArn)).toHaveLength(4);
    expect(
      appsync
        .decisions()
        .slice(-4)
        .every((d) => !d.cached),
    ).toBe(true);
  });

  it('caches a refusal for its TTL too', async () => {
    invoker.on(authorizerArn, () => ({ isAuthorized: false, ttlOverride: 60 }));
    for (let i = 0; i < 3; i++) expect((await gql(appsync.url, { query: PRODUCTS }, 'refused-token')).status).toBe(401);
    expect(invoker.callsTo(authorizerArn)).toHaveLength(1);
  });

  it("never lets a customer's cached answer through to an admin-only operation", async () => {
    invoker.on(authorizerArn, () => policyAnswer('customers'));
    invoker.on(catalogArn, () => ({ items: [], nextToken: null }));
    expect((await gql(appsync.url, { query: PRODUCTS }, 'customer-token')).status).toBe(200);
    const res = await gql(appsync.url, { query: CREATE }, 'customer-token');
    expect(invoker.callsTo(authorizerArn)).toHaveLength(1);
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({ errorType: 'Unauthorized', path: ['adminCreateProduct'] }),
    ]);
    // The catalog function only ever saw the customer's products query.
    expect((invoker.callsTo(catalogArn) as { fieldName: string }[]).map((e) => e.fieldName)).toEqual(['products']);
    const last = appsync.decisions().at(-1)!;
    expect(last).toMatchObject({
      cached: true,
      isAuthorized: true,
      policyId: 'customers',
      operation: 'Mutation.adminCreateProduct',
    });
    expect(last.deniedRequested).toEqual(['Mutation.adminCreateProduct']);
  });

  it('shares one invocation between concurrent requests with the same token', async () => {
    invoker.on(authorizerArn, async () => {
      await new Promise((r) => setTimeout(r, 30));
      return policyAnswer('guest');
    });
    const before = appsync.requests();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => gql(appsync.url, { query: PRODUCTS }, 'burst-token')),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(appsync.requests() - before).toBe(20); // each one billed, cached or not
    expect(appsync.authorizerInvocations()).toBeGreaterThan(0);
    expect(invoker.callsTo(authorizerArn)).toHaveLength(1);
  });
});

describe('the decision log', () => {
  it('keeps a hash of the token, never the token, and what was denied of the request', async () => {
    invoker.on(authorizerArn, () => policyAnswer('guest'));
    const secret = 'eyJhbGciOi.secret-token.signature';
    await gql(appsync.url, { query: '{ products { items { sku } } me { userId } }' }, secret);
    const decision = appsync.decisions().at(-1)!;
    expect(JSON.stringify(appsync.decisions())).not.toContain(secret);
    expect(decision).toEqual({
      at: expect.any(String),
      requestId: expect.any(String),
      tokenHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      cached: false,
      isAuthorized: true,
      policyId: 'guest',
      operation: 'Query.products, Query.me',
      operationName: null,
      deniedRequested: ['Query.me'],
      ms: expect.any(Number),
    });
  });

  it('is bounded and counts invocations', async () => {
    const small = await startAppSync({
      assembly: loadAssembly(),
      invoker,
      dynamodb: 'http://127.0.0.1:9',
      port: 0,
      decisionLogSize: 3,
      log: () => {},
    });
    try {
      invoker.on(authorizerArn, () => policyAnswer('guest', { ttlOverride: 0 }));
      for (let i = 0; i < 5; i++) await gql(small.url, { query: PRODUCTS }, `t${i}`);
      expect(small.decisions()).toHaveLength(3);
      expect(small.authorizerInvocations()).toBe(5);
      expect(small.stats()).toMatchObject({ requests: 5, invocations: 5, cacheHits: 0 });
    } finally {
      await small.stop();
    }
  });
});

describe('IdentityValidationExpression', () => {
  it('refuses a token that does not match without invoking the authorizer', async () => {
    const fake = new FakeInvoker().on('fn', () => ({ isAuthorized: true }));
    const api = { apiId: 'a', region: 'us-east-1', accountId: '000000000000' } as ApiDefinition;
    const auth = new LambdaAuthorizer(
      api,
      { functionArn: 'fn', ttlSeconds: 0, identityValidationExpression: 'Bearer .+' },
      fake,
    );
    const request = { queryString: '{ x }', variables: {}, requestId: 'r' };
    expect((await auth.authorize({ ...request, token: 'nope' })).ok).toBe(false);
    expect((await auth.authorize({ ...request, token: 'Bearer abc' })).ok).toBe(true);
    expect(fake.calls).toHaveLength(1);
  });
});
