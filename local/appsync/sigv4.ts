import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * AWS Signature Version 4 checks for IAM-authorized requests, as AppSync makes them: the
 * signature is recomputed from the request with the secret of the access key it names, and must
 * be for the `appsync` service, this region, a known key (with its session token), and a time
 * within 15 minutes of now.
 */

export interface IamCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignedRequest {
  readonly method: string;
  /** The path and query string, as received (`/graphql?x=1`). */
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export type SignatureCheck = { ok: true; accessKeyId: string } | { ok: false; reason: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60_000;

export const isSigV4 = (authorization: string | undefined) => !!authorization?.startsWith(`${ALGORITHM} `);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** RFC 3986 encoding, as SigV4 wants it. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const canonicalQuery = (search: string) =>
  [...new URLSearchParams(search)]
    .map(([k, v]) => [encode(k), encode(v)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

/** The path as received, each segment encoded once more (AppSync, like most services, double-encodes). */
const canonicalPath = (path: string) => path.split('/').map(encode).join('/') || '/';

const headerValue = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');

/** Parses `x-amz-date` (`20260101T000000Z`). */
const amzTime = (value: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
};

/** Checks a request's SigV4 `Authorization` header against the known credentials. */
export const verifySigV4 = (
  request: SignedRequest,
  credentials: readonly IamCredentials[],
  { region, service = 'appsync', now = Date.now() }: { region: string; service?: string; now?: number },
): SignatureCheck => {
  const authorization = headerValue(request.headers.authorization);
  const parts = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!parts) return { ok: false, reason: 'the Authorization header is not a SigV4 signature' };
  const [, credential, signedHeaderList, signature] = parts;
  const [accessKeyId, day, keyRegion, keyService, terminator] = credential.split('/');
  if (terminator !== 'aws4_request' || keyService !== service || keyRegion !== region)
    return { ok: false, reason: `the credential scope ${credential} is not for ${service} in ${region}` };
  const known = credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!known) return { ok: false, reason: `the access key ${accessKeyId} is not known here` };
  if (known.sessionToken !== undefined && headerValue(request.headers['x-amz-security-token']) !== known.sessionToken)
    return { ok: false, reason: 'the security token is missing or not the access key’s' };
  const amzDate = headerValue(request.headers['x-amz-date']);
  const at = amzTime(amzDate);
  if (Number.isNaN(at) || amzDate.slice(0, 8) !== day) return { ok: false, reason: 'x-amz-date is missing or wrong' };
  if (Math.abs(now - at) > MAX_SKEW_MS) return { ok: false, reason: 'the signature has expired' };
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date'))
    return { ok: false, reason: 'host and x-amz-date must be signed' };

  const [path, search = ''] = request.url.split('?');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(path),
    canonicalQuery(search),
    signedHeaders.map((h) => `${h}:${headerValue(request.headers[h])}\n`).join(''),
    signedHeaderList,
    sha256(request.body),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${known.secretAccessKey}`, day), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
    ? { ok: true, accessKeyId }
    : { ok: false, reason: 'the signature does not match the request' };
};
