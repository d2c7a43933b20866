/**
 * Verifies Cognito ID tokens with aws-jwt-verify: signature against the pool's JWKS, issuer,
 * audience (the app client), expiry and not-before, then the checks below.
 */
import { request } from 'node:http';
import { JwtVerifier } from 'aws-jwt-verify';
import {
  FetchError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  NonRetryableFetchError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { SimpleFetcher, type Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { IdClaims } from './access';

export interface TokenVerifierOptions {
  /** The pool's issuer: `https://cognito-idp.<region>.amazonaws.com/<poolId>`, or cognito-local's. */
  issuer: string;
  /** The app client id, which Cognito puts in an ID token's `aud`. */
  audience: string;
  jwksUri: string;
  /** How far in the future `iat` may be, for clock differences between Cognito and Lambda. */
  clockSkewSeconds?: number;
}

/** Hosts where plain http cannot be tampered with on the way: there is no network in between. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HTTP_TIMEOUT_MS = 3000;

/**
 * aws-jwt-verify's Node fetcher calls `https.request`, which refuses `http:` URLs
 * (ERR_INVALID_PROTOCOL), while cognito-local serves its JWKS at `http://127.0.0.1:9229/...`. Its
 * supported extension point is a custom `Fetcher` in a `SimpleJwksCache`: this one hands https to
 * the library's own fetcher and fetches plain http itself, from a loopback host only.
 */
export class JwksFetcher implements Fetcher {
  private readonly https = new SimpleFetcher();

  async fetch(uri: string, requestOptions?: Record<string, unknown>, data?: ArrayBuffer): Promise<ArrayBuffer> {
    if (isHttps(uri)) return this.https.fetch(uri, requestOptions, data);
    if (isLoopbackHttp(uri)) return fetchOverHttp(uri);
    throw new NonRetryableFetchError(uri, 'JWKS must be fetched over https (plain http only from a loopback host)');
  }
}

const isHttps = (uri: string) => new URL(uri).protocol === 'https:';
const isLoopbackHttp = (uri: string) => {
  const url = new URL(uri);
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
};

const fetchOverHttp = (uri: string) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const req = request(uri, { timeout: HTTP_TIMEOUT_MS }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new NonRetryableFetchError(uri, `Status code is ${res.statusCode}, expected 200`));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      });
    });
    req.on('timeout', () => req.destroy(new Error(`JWKS request timed out after ${HTTP_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });

const assertFetchable = (jwksUri: string) => {
  if (isHttps(jwksUri) || isLoopbackHttp(jwksUri)) return;
  throw new Error(`TOKEN_JWKS_URI must be https (plain http only on a loopback host): ${jwksUri}`);
};

/**
 * Why a token was refused: a stable `reason` to log and count (class names do not survive
 * minified bundles) and the verifier's message as detail. Neither ever contains the token.
 * `serviceFault` marks a refusal that is our side's doing (the JWKS could not be fetched).
 */
export class TokenRefusedError extends Error {
  override name = 'TokenRefusedError';
  constructor(
    readonly reason: string,
    message: string,
    readonly serviceFault = false,
  ) {
    super(message);
  }
}

const REASONS: [new (...args: never[]) => Error, string][] = [
  [JwtParseError, 'malformed'],
  [JwtInvalidSignatureAlgorithmError, 'algorithm'],
  [JwtInvalidSignatureError, 'signature'],
  [KidNotFoundInJwksError, 'unknown-kid'],
  [JwtWithoutValidKidError, 'unknown-kid'],
  [WaitPeriodNotYetEndedJwkError, 'unknown-kid'],
  [JwtExpiredError, 'expired'],
  [JwtNotBeforeError, 'not-yet-valid'],
  [JwtInvalidIssuerError, 'issuer'],
  [JwtInvalidAudienceError, 'audience'],
  [FetchError, 'jwks-unavailable'],
];

const refusal = (error: unknown) => {
  if (error instanceof TokenRefusedError) return error;
  const reason = REASONS.find(([type]) => error instanceof type)?.[1] ?? 'invalid';
  return new TokenRefusedError(
    reason,
    error instanceof Error ? error.message : String(error),
    error instanceof FetchError,
  );
};

/** The checks aws-jwt-verify leaves to us; thrown errors become the logged reason. */
const checkIdToken =
  (clockSkewSeconds: number) =>
  ({ payload }: { payload: JwtPayload }) => {
    if (payload.token_use !== 'id')
      throw new TokenRefusedError('token-use', `token_use is ${JSON.stringify(payload.token_use)}, expected "id"`);
    if (typeof payload.sub !== 'string' || !payload.sub) throw new TokenRefusedError('no-sub', 'token has no sub');
    // aws-jwt-verify accepts a token without exp; ttlOverride and our own safety need one.
    if (typeof payload.exp !== 'number') throw new TokenRefusedError('no-exp', 'token has no exp');
    // aws-jwt-verify checks exp and nbf but not iat: a token issued "in the future" is forged or
    // from a badly skewed clock, and would outlive what the pool's token validity allows.
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + clockSkewSeconds) {
      throw new TokenRefusedError('issued-in-future', `token issued in the future (iat ${payload.iat})`);
    }
  };

/** The claims access reads, type-checked: a claim of the wrong type is treated as absent. */
const idClaimsOf = (payload: JwtPayload): IdClaims => {
  const groups = payload['cognito:groups'];
  const policy = payload['custom:policy'];
  return {
    sub: payload.sub as string,
    exp: payload.exp,
    email: typeof payload.email === 'string' ? payload.email : undefined,
    'cognito:groups': Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : undefined,
    'custom:policy': typeof policy === 'string' ? policy : undefined,
  };
};

/**
 * A verifier of Cognito ID tokens. Build it once per container: its JWKS cache (and key objects)
 * then survive across invocations, so only a cold start or an unknown `kid` fetches the JWKS.
 * The generic `JwtVerifier` is used, not `CognitoJwtVerifier`, because the latter only accepts
 * AWS issuers and pool ids, which cognito-local's `http://127.0.0.1:9229/<poolId>` is not.
 */
export const createTokenVerifier = ({ issuer, audience, jwksUri, clockSkewSeconds = 5 }: TokenVerifierOptions) => {
  assertFetchable(jwksUri);
  const verifier = JwtVerifier.create(
    { issuer, audience, jwksUri, customJwtCheck: checkIdToken(clockSkewSeconds) },
    { jwksCache: new SimpleJwksCache({ fetcher: new JwksFetcher() }) },
  );
  return async (token: string): Promise<IdClaims> => {
    try {
      return idClaimsOf(await verifier.verify(token));
    } catch (error) {
      throw refusal(error);
    }
  };
};
