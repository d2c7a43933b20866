/**
 * The local user pools' signing key. cognito-local signs with a private key shipped inside its npm
 * package (lib/keys/cognitoLocal.private.json), so anyone could forge its tokens. The local cloud
 * makes its own throwaway RSA key on first start instead, keeps it in the (git-ignored) data dir,
 * signs every JWT with it and publishes only its public half as the pools' JWKS.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PublicJwk {
  kty: 'RSA';
  alg: 'RS256';
  use: 'sig';
  kid: string;
  n: string;
  e: string;
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: PublicJwk;
}

export const SIGNING_KEY_FILE = 'signing-key.pem';

/** Reads the key of `dataDir`, generating (and saving, owner-only) a 2048-bit RSA key on first use. */
export const loadOrCreateSigningKey = (dataDir: string): SigningKey => {
  const file = join(dataDir, SIGNING_KEY_FILE);
  let privateKey: KeyObject;
  if (existsSync(file)) {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } else {
    mkdirSync(dataDir, { recursive: true });
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    // Written aside and renamed, so a crash never leaves half a key that a restart would choke on.
    writeFileSync(`${file}.tmp`, pem, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  const { n, e } = createPublicKey(privateKey).export({ format: 'jwk' }) as { n: string; e: string };
  const kid = thumbprint(n, e);
  return { kid, privateKey, jwk: { kty: 'RSA', alg: 'RS256', use: 'sig', kid, n, e } };
};

/** The RFC 7638 SHA-256 thumbprint of an RSA public key: a `kid` that names exactly this key. */
const thumbprint = (n: string, e: string) =>
  createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url');

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 JWT with Cognito's header (`kid`, `alg`). */
export const signJwt = (key: SigningKey, payload: Record<string, unknown>): string => {
  const signingInput = `${b64url({ kid: key.kid, alg: 'RS256' })}.${b64url(payload)}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key.privateKey).toString('base64url')}`;
};

/** The payload of an RS256 JWT if `key` signed it; undefined for anything else. */
export const verifiedPayload = (key: SigningKey, jwt: string): Record<string, unknown> | undefined => {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: string; kid?: string };
    if (header.alg !== 'RS256' || header.kid !== key.kid) return undefined;
    const signed = verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      createPublicKey(key.privateKey),
      Buffer.from(parts[2], 'base64url'),
    );
    return signed
      ? (JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};
