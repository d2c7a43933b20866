/**
 * Test and bench support (never imported by the handler): a throwaway identity provider that
 * mints real RS256 tokens with node:crypto and serves its JWKS over http on 127.0.0.1, the way
 * cognito-local does.
 */
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export const signingKey = (kid: string): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
};

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `header.payload` with RS256 (or HS256 when given a secret instead of a key). */
export const signJwt = (header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject | string) => {
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature =
    typeof key === 'string'
      ? createHmac('sha256', key).update(input).digest('base64url')
      : sign('RSA-SHA256', Buffer.from(input), key).toString('base64url');
  return `${input}.${signature}`;
};

export interface TokenKit {
  issuer: string;
  audience: string;
  jwksUri: string;
  key: SigningKey;
  /** How many times the JWKS has been fetched. */
  jwksRequests(): number;
  /** A Cognito-shaped ID token; `claims` override (undefined removes), `header` overrides. */
  idToken(
    claims?: Record<string, unknown>,
    options?: { key?: SigningKey | string; header?: Record<string, unknown> },
  ): string;
  close(): Promise<void>;
}

/** Starts a JWKS server on 127.0.0.1 (port 0) for a pool called `local_pool`. */
export const startTokenKit = async ({ audience = 'local-client' } = {}): Promise<TokenKit> => {
  const key = signingKey('key-1');
  const jwk = { ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, alg: 'RS256', use: 'sig' };
  let requests = 0;
  const server = createServer((req, res) => {
    if (req.url?.endsWith('/.well-known/jwks.json')) {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}/local_pool`;

  return {
    issuer,
    audience,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    key,
    jwksRequests: () => requests,
    idToken(claims = {}, { key: signer = key, header = {} } = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        sub: randomUUID(),
        'cognito:groups': ['customers'],
        email_verified: true,
        iss: issuer,
        'cognito:username': 'shopper',
        aud: audience,
        event_id: randomUUID(),
        token_use: 'id',
        auth_time: now,
        exp: now + 3600,
        iat: now,
        jti: randomUUID(),
        email: 'shopper@example.com',
        ...claims,
      };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      const kid = typeof signer === 'string' ? key.kid : signer.kid;
      return signJwt(
        { alg: 'RS256', typ: 'JWT', kid, ...header },
        payload,
        typeof signer === 'string' ? signer : signer.privateKey,
      );
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};
