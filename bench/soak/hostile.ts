/**
 * Hostile input mixed into the soak's traffic. Each request is one an attacker (or a broken client)
 * would send; each must be refused with an error that says what was wrong, and must write nothing.
 * The attacker is a signed-up customer of their own; the victim is another customer whose orders
 * they try to read and cancel. What was written is checked at the end (see `hostileWrites`).
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cloudEnv } from '../../local/testing/cloud-env';
import { ADDRESS, documents, newKey, ordersOfUser, table } from '../../local/testing/shop';
import { claimsOf, type Customer } from '../../local/testing/users';
import { signJwt } from '../../amplify/services/access/test-tokens';
import type { HostileOutcome } from './invariants';
import type { Rng } from './rng';

export interface Hostility {
  attacker: Customer;
  victim: Customer;
  /** The victim's confirmed orders (ids the attacker "guesses"). */
  victimOrders: string[];
  /** A SKU the soak sells, for carts that are hostile in another way. */
  sku: string;
}

interface Answer {
  status: number;
  body: string;
  json?: { data?: Record<string, unknown> | null; errors?: { message: string; errorType?: string }[] };
}

const post = async (body: string, token: string | undefined, contentType = 'application/json'): Promise<Answer> => {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token !== undefined) headers.authorization = token;
  const response = await fetch(cloudEnv().GRAPHQL_URL, { method: 'POST', headers, body });
  const text = await response.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, body: text, json };
};

const request = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/**
 * Refused: an HTTP error or GraphQL errors, with a message a person can read, and no data for the
 * fields asked (a null or absent `data`, or every field of it null).
 */
export const judge = (kind: string, answer: Answer): HostileOutcome => {
  const errors = Array.isArray(answer.json) ? undefined : answer.json?.errors;
  // An HTTP refusal may have no body (431 Request Header Fields Too Large): its status says it.
  const message =
    errors?.[0]?.message ?? (answer.status >= 400 ? answer.body.slice(0, 200) || `HTTP ${answer.status}` : '');
  const data = Array.isArray(answer.json) ? { batch: answer.json } : answer.json?.data;
  const gotData = !!data && Object.values(data).some((v) => v !== null);
  // A 5xx is the server failing, not a refusal that tells the client what was wrong.
  const refused =
    (answer.status >= 400 || !!errors?.length) && answer.status < 500 && !gotData && message.trim().length > 0;
  return { kind, refused, answer: `${answer.status} ${message.replace(/\s+/g, ' ').slice(0, 160)}` };
};

const PLACE = `mutation ($lines: [CartLineInput!]!, $shippingAddress: ShippingAddressInput!, $paymentToken: String!, $idempotencyKey: String!) {
  placeOrder(lines: $lines, shippingAddress: $shippingAddress, paymentToken: $paymentToken, idempotencyKey: $idempotencyKey) { orderId status }
}`;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The pool's signing key id and public key, as anyone can fetch them. */
const poolKey = async () => {
  const { keys } = (await (await fetch(cloudEnv().TOKEN_JWKS_URI)).json()) as {
    keys: (Record<string, string> & { kid: string })[];
  };
  const jwk = keys[0];
  return {
    kid: jwk.kid,
    pem: createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString(),
  };
};

/** The token attack list of the access issue (amplify/services/access/token-verifier.test.ts), made against the live pool. */
export const tokenAttacks = async (h: Hostility): Promise<[string, string | undefined][]> => {
  const { kid, pem } = await poolKey();
  const real = h.attacker.idToken;
  const [header, payload, signature] = real.split('.');
  const claims = claimsOf(real);
  const victimClaims = { ...claims, sub: h.victim.sub, 'cognito:username': h.victim.username, email: h.victim.email };
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const now = Math.floor(Date.now() / 1000);
  return [
    ['token: none', undefined],
    ['token: garbage', 'not-a-token'],
    ['token: alg none', `${b64({ alg: 'none', kid })}.${b64(victimClaims)}.`],
    ['token: HS256 with the public key as secret', signJwt({ alg: 'HS256', kid }, victimClaims, pem)],
    ['token: RS256 by another key under the pool kid', signJwt({ alg: 'RS256', kid }, victimClaims, other)],
    ['token: unknown kid', signJwt({ alg: 'RS256', kid: 'not-the-pool-key' }, victimClaims, other)],
    ['token: tampered payload (victim sub)', `${header}.${b64(victimClaims)}.${signature}`],
    [
      'token: tampered payload (admins group)',
      `${header}.${b64({ ...claims, 'cognito:groups': ['admins'] })}.${signature}`,
    ],
    ['token: expired', signJwt({ alg: 'RS256', kid }, { ...claims, iat: now - 7200, exp: now - 5 }, other)],
    [
      "token: another pool's issuer",
      signJwt(
        { alg: 'RS256', kid },
        { ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' },
        other,
      ),
    ],
    ['token: access token instead of ID token', h.attacker.accessToken],
    ['token: signature stripped', `${header}.${payload}.`],
    ['token: Bearer prefix on garbage', 'Bearer x.y.z'],
    ['token: 16 KB', `${header}.${'A'.repeat(16_000)}.${signature}`],
  ];
};

const cart = (h: Hostility, line: Record<string, unknown> = {}) => [{ sku: h.sku, quantity: 1, ...line }];
const order = (h: Hostility, over: Record<string, unknown> = {}, address: Record<string, unknown> = {}) => ({
  lines: cart(h),
  shippingAddress: { ...ADDRESS, ...address },
  paymentToken: 'tok_visa',
  idempotencyKey: newKey(),
  ...over,
});

/** Every hostile request, by kind: a name and how to send it. */
export const hostileRequests = async (
  h: Hostility,
  rng: Rng,
): Promise<{ kind: string; send: () => Promise<Answer> }[]> => {
  const token = h.attacker.idToken;
  const victimOrder = () => rng.pick(h.victimOrders);
  const place = (kind: string, variables: Record<string, unknown>) => ({
    kind,
    send: () => post(request(PLACE, variables), token),
  });
  // The schema has no cycles, so depth is bounded by it: a deeper selection can only be refused.
  // (Introspection, which can nest deeply, is disabled with a depth limit of 10 outside a sandbox.)
  let nested = 'orderId';
  for (let i = 0; i < 60; i++) nested = `lines { sku ${nested} }`;
  const deep = `query { myOrders { items { ${nested} } } }`;
  return [
    ...(await tokenAttacks(h)).map(([kind, bad]) => ({
      kind,
      send: () => post(request(PLACE, order(h)), bad),
    })),
    {
      kind: "another user's id: order",
      send: () =>
        post(request(`query ($id: ID!) { order(orderId: $id) { orderId total } }`, { id: victimOrder() }), token),
    },
    {
      kind: "another user's id: cancelOrder",
      send: () =>
        post(
          request(`mutation ($id: ID!) { cancelOrder(orderId: $id) { orderId status } }`, { id: victimOrder() }),
          token,
        ),
    },
    {
      kind: "another user's id: adminOrder",
      send: () =>
        post(request(`query ($id: ID!) { adminOrder(orderId: $id) { __typename } }`, { id: victimOrder() }), token),
    },
    {
      kind: 'admin operation as a customer: adminAdjustStock',
      send: () =>
        post(
          request(`mutation ($sku: String!) { adminAdjustStock(sku: $sku, delta: 1000, reason: "hostile") { sku } }`, {
            sku: h.sku,
          }),
          token,
        ),
    },
    // AppSync takes requests of up to 5 MB.
    {
      kind: 'oversized query (6 MB)',
      send: () => post(request(`query { me { email } } # ${'x'.repeat(6 * 1024 * 1024)}`), token),
    },
    { kind: 'deeply nested query (60 levels)', send: () => post(request(deep), token) },
    {
      kind: 'batched queries',
      send: () =>
        post(JSON.stringify(Array.from({ length: 20 }, () => ({ query: PLACE, variables: order(h) }))), token),
    },
    { kind: 'malformed JSON', send: () => post('{"query": "mutation { placeOrder(', token) },
    { kind: 'not JSON at all', send: () => post('query=mutation', token, 'application/x-www-form-urlencoded') },
    place('unknown field in a cart line', order(h, { lines: cart(h, { discount: 100 }) })),
    place('client-supplied price (unitPrice)', order(h, { lines: cart(h, { unitPrice: 1 }) })),
    {
      kind: 'client-supplied total (unknown argument)',
      send: () =>
        post(
          request(
            `mutation ($lines: [CartLineInput!]!, $a: ShippingAddressInput!, $k: String!) { placeOrder(lines: $lines, shippingAddress: $a, paymentToken: "tok_visa", idempotencyKey: $k, total: 1) { orderId } }`,
            { lines: cart(h), a: ADDRESS, k: newKey() },
          ),
          token,
        ),
    },
    place('unknown field in the address', order(h, {}, { isAdmin: true })),
    place('integer overflow: quantity 2^31', order(h, { lines: cart(h, { quantity: 2 ** 31 }) })),
    place('integer overflow: quantity 1e20', order(h, { lines: cart(h, { quantity: 1e20 }) })),
    place('negative quantity', order(h, { lines: cart(h, { quantity: -5 }) })),
    place('unicode: name of ideographic spaces', order(h, {}, { name: '\u3000\u3000\u3000' })),
    place('unicode: 101 emoji in the name', order(h, {}, { name: '🛒'.repeat(101) })),
    place('unicode: full-width country code', order(h, {}, { country: 'ＵＳ' })),
    place('unicode: full-width postal code digits', order(h, {}, { postalCode: '１２３４５' })),
    place('unicode: control characters in the city', order(h, {}, { city: 'Spring\u0000field\u0007' })),
    place('unicode: lone surrogate in the name', order(h, {}, { name: 'Ada \ud800 Shopper' })),
    place('unicode: right-to-left override in the street', order(h, {}, { line1: '1 Test \u202Eteerts' })),
  ];
};

/** What the attacker's requests wrote: orders of theirs, cancelled victim orders, stock changes by them. */
export const hostileWrites = async (h: Hostility): Promise<string[]> => {
  const db = documents();
  const problems: string[] = [];
  const mine = await ordersOfUser(h.attacker.sub);
  if (mine.length) problems.push(`the attacker has ${mine.length} orders (${mine.map((o) => o.status).join(', ')})`);
  const victims = await ordersOfUser(h.victim.sub);
  const touched = victims.filter((o) => !['CONFIRMED', 'SHIPPED'].includes(o.status));
  if (touched.length)
    problems.push(`${touched.length} of the victim's orders are ${touched.map((o) => o.status).join(', ')}`);
  if (victims.length !== h.victimOrders.length)
    problems.push(`the victim has ${victims.length} orders, placed ${h.victimOrders.length}`);
  const adjustments = ((
    await db.send(
      new QueryCommand({
        TableName: await table('StockAdjustments'),
        KeyConditionExpression: 'sku = :s',
        ExpressionAttributeValues: { ':s': h.sku },
        ConsistentRead: true,
      }),
    )
  ).Items ?? []) as { by: string; reason: string }[];
  const theirs = adjustments.filter((a) => a.by === h.attacker.email || a.reason === 'hostile');
  if (theirs.length) problems.push(`${theirs.length} stock adjustments by the attacker`);
  return problems;
};
