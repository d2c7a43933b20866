/**
 * The authorizer with the real token verifier, against real RS256 tokens and a JWKS served over
 * http on 127.0.0.1 (as cognito-local serves it). Only the policy and notice ports are fakes.
 */
import { JwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthorizer, type Answer } from './access';
import { signJwt, signingKey, startTokenKit, type TokenKit } from './test-tokens';
import { API_OPERATIONS, memoryLedger, memoryPolicies, recordingLog, recordingSender } from './test-fakes';
import { createTokenVerifier } from './token-verifier';

let kit: TokenKit;
let verifyToken: ReturnType<typeof createTokenVerifier>;
let log: ReturnType<typeof recordingLog>;
let authorize: (token: string) => Promise<Answer>;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  kit = await startTokenKit();
  // One verifier for the whole file, as one container keeps one.
  verifyToken = createTokenVerifier({ issuer: kit.issuer, audience: kit.audience, jwksUri: kit.jwksUri });
});
afterAll(() => kit.close());

beforeEach(() => {
  log = recordingLog();
  const auth = createAuthorizer({
    verifyToken,
    policies: memoryPolicies(),
    notices: { ledger: memoryLedger(), sender: recordingSender(), windowSeconds: 900 },
    operations: API_OPERATIONS,
    log,
  });
  authorize = (token) => auth({ token });
});

/** Asserts a refusal, for the expected reason, logged without the token. */
const expectRefused = async (token: string, reason: string, detail?: RegExp) => {
  const since = log.entries.length;
  expect(await authorize(token)).toEqual({ isAuthorized: false });
  const refusal = log.entries.slice(since).find((e) => e.level === 'warn' && e.message === 'refused');
  expect(refusal?.extra.reason).toBe(reason);
  if (detail) expect(String(refusal?.extra.detail)).toMatch(detail);
  const signature = token.split('.')[2] ?? '';
  if (token.length > 20) expect(log.text()).not.toContain(token);
  if (signature.length > 20) expect(log.text()).not.toContain(signature);
};

describe('the authorizer refuses', () => {
  it('no token', async () => {
    await expectRefused('', 'no-token');
    await expectRefused('Bearer ', 'no-token');
  });

  it('garbage', async () => {
    await expectRefused('not-a-token', 'malformed');
    await expectRefused('a.b.c', 'malformed');
  });

  it('alg: none, with and without a signature', async () => {
    const unsigned = kit
      .idToken({}, { header: { alg: 'none' } })
      .split('.')
      .slice(0, 2)
      .join('.');
    await expectRefused(`${unsigned}.`, 'malformed');
    await expectRefused(`${unsigned}.c2lnbmF0dXJl`, 'algorithm');
  });

  it('HS256 signed with the public key as the HMAC secret', async () => {
    const publicPem = kit.key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const token = kit.idToken({}, { key: publicPem, header: { alg: 'HS256' } });
    await expectRefused(token, 'algorithm');
  });

  it('RS256 signed by another key under the pool key id', async () => {
    const impostor = { ...signingKey('unused'), kid: kit.key.kid };
    await expectRefused(kit.idToken({}, { key: impostor }), 'signature');
  });

  it('an unknown kid (and fetches the JWKS once more to look for it)', async () => {
    await authorize(kit.idToken()); // warm the cache
    const before = kit.jwksRequests();
    await expectRefused(kit.idToken({}, { key: signingKey('rotated-key') }), 'unknown-kid');
    expect(kit.jwksRequests()).toBe(before + 1);
  });

  it('a tampered payload', async () => {
    const [header, , signature] = kit.idToken().split('.');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'someone-else',
        aud: kit.audience,
        iss: kit.issuer,
        token_use: 'id',
        exp: now() + 3600,
        'custom:policy': 'admins',
      }),
    ).toString('base64url');
    await expectRefused(`${header}.${payload}.${signature}`, 'signature');
  });

  it('an expired token', async () => {
    await expectRefused(kit.idToken({ iat: now() - 7200, exp: now() - 5 }), 'expired');
  });

  it('a token not yet valid (nbf in the future)', async () => {
    await expectRefused(kit.idToken({ nbf: now() + 600 }), 'not-yet-valid');
  });

  it('a token issued in the future (iat; aws-jwt-verify itself does not check iat)', async () => {
    await expectRefused(kit.idToken({ iat: now() + 3600, exp: now() + 7200 }), 'issued-in-future');
  });

  it("another pool's token (issuer), even signed with the right key", async () => {
    await expectRefused(kit.idToken({ iss: kit.issuer.replace('local_pool', 'other_pool') }), 'issuer');
  });

  it("another client's token (aud)", async () => {
    await expectRefused(kit.idToken({ aud: 'another-client' }), 'audience');
  });

  it('an access token', async () => {
    // As Cognito issues it: client_id instead of aud, so the audience check already refuses it.
    const access = kit.idToken({
      token_use: 'access',
      aud: undefined,
      client_id: kit.audience,
      scope: 'aws.cognito.signin.user.admin',
    });
    await expectRefused(access, 'audience');
    // Even with the client in aud, token_use refuses it.
    await expectRefused(kit.idToken({ token_use: 'access' }), 'token-use');
    await expectRefused(kit.idToken({ token_use: undefined }), 'token-use');
  });

  it('a token without exp or sub', async () => {
    await expectRefused(kit.idToken({ exp: undefined }), 'no-exp');
    await expectRefused(kit.idToken({ sub: undefined }), 'no-sub');
  });

  it('a valid token whose user has no policy (no custom:policy, no group)', async () => {
    expect(await authorize(kit.idToken({ 'cognito:groups': undefined }))).toEqual({ isAuthorized: false });
    expect(log.entries.at(-1)?.extra.reason).toBe('no-policy-claim');
  });
});

describe('the authorizer accepts a valid ID token', () => {
  it('with the caller in resolverContext, the complement of the policy denied, and a TTL within the token life', async () => {
    const token = kit.idToken({
      sub: 'user-1',
      email: 'ada@example.com',
      'cognito:groups': ['customers'],
      exp: now() + 120,
    });
    const answer = await authorize(`Bearer ${token}`);
    expect(answer).toEqual({
      isAuthorized: true,
      resolverContext: {
        userId: 'user-1',
        email: 'ada@example.com',
        groups: 'customers',
        policyId: 'customers',
        policyVersion: '1',
      },
      deniedFields: API_OPERATIONS.filter(
        (op) =>
          ![
            'Query.products',
            'Query.productBySlug',
            'Query.listCategories',
            'Query.getCategory',
            'Query.quote',
            'Query.stockLevels',
            'Query.productCards',
            'Query.me',
            'Mutation.placeOrder',
            'Mutation.cancelOrder',
            'Query.order',
            'Query.myOrders',
            'Subscription.onOrderUpdated',
          ].includes(op),
      ),
      ttlOverride: expect.any(Number),
    });
    const { ttlOverride } = answer as { ttlOverride: number };
    expect(ttlOverride).toBeGreaterThan(110);
    expect(ttlOverride).toBeLessThanOrEqual(120);
    expect(log.text()).not.toContain(token);
  });

  it('trusting custom:policy inside a verified token over its groups', async () => {
    const answer = await authorize(kit.idToken({ 'custom:policy': 'admins', 'cognito:groups': ['customers'] }));
    expect(answer).toMatchObject({ isAuthorized: true, resolverContext: { policyId: 'admins', groups: 'customers' } });
  });

  it('fetching the JWKS once for many tokens (the verifier outlives invocations)', async () => {
    const fresh = await startTokenKit();
    try {
      const verify = createTokenVerifier({ issuer: fresh.issuer, audience: fresh.audience, jwksUri: fresh.jwksUri });
      for (let i = 0; i < 5; i += 1) await verify(fresh.idToken());
      expect(fresh.jwksRequests()).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('the JWKS over http', () => {
  it("is why the verifier brings its own fetcher: aws-jwt-verify's default one refuses http: URIs", async () => {
    const plain = JwtVerifier.create({ issuer: kit.issuer, audience: kit.audience, jwksUri: kit.jwksUri });
    await expect(plain.verify(kit.idToken())).rejects.toThrow(/Protocol "http:" not supported/);
  });

  it('is accepted from a loopback host only', () => {
    const options = { issuer: 'http://cognito.example/pool', audience: 'c' };
    expect(() =>
      createTokenVerifier({ ...options, jwksUri: 'http://cognito.example/pool/.well-known/jwks.json' }),
    ).toThrow(/https/);
    expect(() =>
      createTokenVerifier({ ...options, jwksUri: 'http://localhost:9229/pool/.well-known/jwks.json' }),
    ).not.toThrow();
    expect(() =>
      createTokenVerifier({
        ...options,
        jwksUri: 'https://cognito-idp.eu-west-1.amazonaws.com/p/.well-known/jwks.json',
      }),
    ).not.toThrow();
  });

  it('refuses a token when the JWKS cannot be fetched, without throwing', async () => {
    const down = createTokenVerifier({
      issuer: kit.issuer,
      audience: kit.audience,
      jwksUri: `${kit.issuer}/missing/jwks.json`,
    });
    const auth = createAuthorizer({
      verifyToken: down,
      policies: memoryPolicies(),
      notices: { ledger: memoryLedger(), sender: recordingSender(), windowSeconds: 900 },
      operations: API_OPERATIONS,
      log,
    });
    // Uncached: once the keys can be fetched again, the token's next request is authorized.
    expect(await auth({ token: kit.idToken() })).toEqual({ isAuthorized: false, ttlOverride: 0 });
    expect(log.entries.at(-1)?.level).toBe('error');
    expect(log.entries.at(-1)?.extra).toMatchObject({
      reason: 'jwks-unavailable',
      detail: expect.stringMatching(/Status code is 404/),
    });
  });
});

it('signJwt makes tokens the verifier accepts (the fixture itself is sound)', async () => {
  const token = signJwt(
    { alg: 'RS256', kid: kit.key.kid },
    { sub: 's', aud: kit.audience, iss: kit.issuer, token_use: 'id', exp: now() + 60 },
    kit.key.privateKey,
  );
  await expect(verifyToken(token)).resolves.toMatchObject({ sub: 's' });
});
