import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSync, type RunningAppSync } from './index';
import { FakeInvoker, gql, loadAssembly } from './test-support';
import type { LambdaPlan } from './definition';

let appsync: RunningAppSync;
let invoker: FakeInvoker;

beforeAll(async () => {
  invoker = new FakeInvoker();
  appsync = await startAppSync({
    assembly: loadAssembly(),
    invoker,
    dynamodb: 'http://127.0.0.1:9',
    port: 0,
    log: () => {},
  });
  invoker.on(appsync.api.authorizer!.functionArn, () => ({ isAuthorized: true, resolverContext: {} }));
  invoker.on((appsync.api.resolvers.get('Query.products') as LambdaPlan).functionArn, () => ({
    items: [],
    nextToken: null,
  }));
});
afterAll(() => appsync?.stop());

describe('malformed requests', () => {
  it('answers 400 MalformedHttpRequestException for an empty body', async () => {
    const res = await gql(appsync.url, '', 'tok');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }],
    });
  });

  it.each(['meow', '{}', '[]', '{"query": 1}'])('answers 400 "Unable to parse GraphQL query." for %s', async (body) => {
    const res = await gql(appsync.url, body, 'tok');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }],
    });
  });

  it('answers 413 with a message for a body over 5 MB', async () => {
    const res = await gql(
      appsync.url,
      JSON.stringify({ query: `{ products { nextToken } } # ${'x'.repeat(6 << 20)}` }),
      'tok',
    );
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      errors: [{ errorType: 'MalformedHttpRequestException', message: 'The request is larger than 5 MB.' }],
    });
  });

  it('checks the token before the body', async () => {
    expect((await gql(appsync.url, 'meow')).status).toBe(401);
  });
});

describe('GraphQL validation errors (200, data null, graphql-java wording, no errorType)', () => {
  it('an undefined field', async () => {
    const res = await gql(appsync.url, { query: '{ products { items { sku colour } } }' }, 'tok');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: [{ line: 1, column: 26, sourceName: null }],
          message:
            "Validation error of type FieldUndefined: Field 'colour' in type 'CatalogProduct' is undefined @ 'products/items/colour'",
        },
      ],
    });
  });

  it('a missing required argument and an unknown argument', async () => {
    const res = await gql(appsync.url, { query: '{ productBySlug(colour: "red") { sku } }' }, 'tok');
    expect(res.body.data).toBeNull();
    expect(res.body.errors.map((e: { message: string }) => e.message).sort()).toEqual([
      "Validation error of type MissingFieldArgument: Missing field argument slug @ 'productBySlug'",
      "Validation error of type UnknownArgument: Unknown field argument colour @ 'productBySlug'",
    ]);
  });

  it('a missing selection set', async () => {
    const res = await gql(appsync.url, { query: '{ products }' }, 'tok');
    expect(res.body.errors[0].message).toBe(
      "Validation error of type SubSelectionRequired: Sub selection required for type ProductPage of field products @ 'products'",
    );
  });

  it('a query that does not parse', async () => {
    const res = await gql(appsync.url, { query: '{ products { ' }, 'tok');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: [{ line: 1, column: 14, sourceName: null }],
          message: expect.stringMatching(/^Invalid Syntax : /),
        },
      ],
    });
  });

  it('a missing non-null variable', async () => {
    const res = await gql(appsync.url, { query: 'query Q($s: String!) { productBySlug(slug: $s) { sku } }' }, 'tok');
    expect(res.body).toEqual({
      data: null,
      errors: [
        { path: null, locations: null, message: "Variable 's' has coerced Null value for NonNull type 'String!'" },
      ],
    });
  });
});

describe('routes and CORS', () => {
  it('answers a preflight from any localhost origin with the headers the storefront sends', async () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173']) {
      const res = await fetch(appsync.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      const allowed = res.headers.get('access-control-allow-headers')!.split(/,\s*/);
      expect(allowed).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'x-amz-user-agent', 'x-api-key']),
      );
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    }
  });

  it('gives no CORS grant to other origins', async () => {
    const res = await fetch(appsync.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the origin on the response itself, 401s included', async () => {
    const res = await gql(appsync.url, { query: '{ products { nextToken } }' }, undefined, {
      origin: 'http://localhost:3000',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('serves POST /graphql only, and the realtime socket where Amplify looks for it', async () => {
    expect((await fetch(appsync.url)).status).toBe(404);
    expect((await fetch(appsync.url.replace('/graphql', '/other'), { method: 'POST' })).status).toBe(404);
    // Amplify's client derives wss://<host:port>/graphql/realtime from any endpoint not on AppSync's domain.
    expect(appsync.realtimeUrl).toBe(appsync.url.replace('http://', 'wss://') + '/realtime');
  });
});
