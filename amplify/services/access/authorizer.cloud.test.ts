import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../../local/cognito/keys';
import { cloudEnv, graphql } from '../../../local/testing/cloud-env';
import { claimsOf, signInAdmin, signUpCustomer, type Customer } from '../../../local/testing/users';
import { signJwt, signingKey } from './test-tokens';

/**
 * The authorizer as AppSync runs it, through the local GraphQL endpoint: every malformed, forged or
 * misdirected token is refused with AppSync's 401, and a cached answer never widens access.
 */
const CATALOG = 'query { products(limit: 1) { items { sku } } }';
const ADMIN_CREATE = `mutation ($sku: String!) {
  adminCreateProduct(sku: $sku, slug: $sku, name: "Forged", description: "x", category: "kitchen", price: 100, currency: "USD") { sku }
}`;

let env: Record<string, string>;
let cognitoKey: ReturnType<typeof loadOrCreateSigningKey>;
let customer: Customer;

/** The claims of a real ID token of the local pool; `changes` override them (undefined removes). */
const claims = (changes: Record<string, unknown> = {}) => {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    sub: customer.sub,
    iss: env.TOKEN_ISSUER,
    aud: env.USER_POOL_CLIENT_ID,
    token_use: 'id',
    'cognito:groups': ['customers'],
    'custom:policy': 'customers',
    email: 'forged@example.com',
    iat: now,
    auth_time: now,
    exp: now + 3600,
    ...changes,
  };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  return payload;
};
/** Signed with the local pool's own key: only the claims are wrong. */
const poolSigned = (changes: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  signJwt({ alg: 'RS256', typ: 'JWT', kid: cognitoKey.kid, ...header }, claims(changes), cognitoKey.privateKey);

beforeAll(async () => {
  env = cloudEnv();
  cognitoKey = loadOrCreateSigningKey(join(env.LOCAL_DATA_DIR, 'cognito'));
  customer = await signUpCustomer();
});

const expectRefused = async (token: string | undefined) => {
  const response = await graphql(token, CATALOG);
  expect(response.status).toBe(401);
  expect(response.errors).toEqual([
    { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' },
  ]);
};

describe('the authorizer behind the local endpoint', () => {
  it('lets a real customer token, the guest token and a correctly re-signed token read the catalog', async () => {
    // The last is the control for the cases below: each of them changes exactly one thing of it.
    for (const token of [customer.idToken, 'guest', poolSigned({})]) {
      const response = await graphql(token, CATALOG);
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
    }
  });

  describe('refuses', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, () => string | undefined][] = [
      ['no token', () => undefined],
      ['an empty token', () => ''],
      ['garbage', () => 'not-a-jwt'],
      [
        'alg none',
        () =>
          `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`,
      ],
      [
        'HS256 signed with the public key',
        () => signJwt({ alg: 'HS256', typ: 'JWT', kid: cognitoKey.kid }, claims(), JSON.stringify(cognitoKey.jwk)),
      ],
      [
        'RS256 signed by another key under the pool key id',
        () => signJwt({ alg: 'RS256', typ: 'JWT', kid: cognitoKey.kid }, claims(), signingKey('other').privateKey),
      ],
      ['an unknown kid', () => poolSigned({}, { kid: 'no-such-key' })],
      [
        'a tampered payload',
        () => {
          const [h, , s] = customer.idToken.split('.');
          const payload = claimsOf(customer.idToken);
          return `${h}.${Buffer.from(JSON.stringify({ ...payload, 'custom:policy': 'admins', 'cognito:groups': ['admins'] })).toString('base64url')}.${s}`;
        },
      ],
      ['an expired token', () => poolSigned({ exp: now() - 60, iat: now() - 3660 })],
      ['a token not yet valid', () => poolSigned({ nbf: now() + 3600 })],
      [
        'another pool as issuer',
        () => poolSigned({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }),
      ],
      ["another client's token", () => poolSigned({ aud: 'another-client-id' })],
      ['an access token (wrong token use)', () => customer.accessToken],
    ];
    it.each(cases)('%s', async (_name, token) => {
      await expectRefused(token());
    });
  });

  it("never lets a customer's cached answer through to an admin-only operation", async () => {
    const sku = `CACHE-${randomUUID().slice(0, 8).toUpperCase()}`;
    const first = await graphql(customer.idToken, CATALOG);
    expect(first.errors).toBeUndefined();
    const second = await graphql(customer.idToken, ADMIN_CREATE, { sku });
    expect(second.status).toBe(200);
    expect(second.data).toBeNull(); // the field is non-null, so its refusal empties `data`
    expect(second.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access adminCreateProduct on type Mutation',
    });
    const admin = await signInAdmin();
    const written = await graphql(admin.idToken, 'query ($sku: String!) { getProduct(sku: $sku) { sku } }', { sku });
    expect(written.data).toEqual({ getProduct: null });
  });
});
