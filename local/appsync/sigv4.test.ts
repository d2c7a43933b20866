import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { isSigV4, verifySigV4, type SignedRequest } from './sigv4';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret', sessionToken: 'token' };
const NOW = Date.parse('2030-01-01T12:00:00Z');

/** A request signed by the AWS SDK's own signer, as the live publisher signs it. */
const signed = async ({
  body = '{"query":"mutation { x }"}',
  service = 'appsync',
  secret = credentials.secretAccessKey,
  at = NOW,
} = {}): Promise<SignedRequest> => {
  const signer = new SignatureV4({
    service,
    region: 'us-east-1',
    credentials: { ...credentials, secretAccessKey: secret },
    sha256: Sha256,
  });
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4000,
      path: '/graphql',
      query: {},
      headers: { host: '127.0.0.1:4000', 'content-type': 'application/json' },
      body,
    },
    { signingDate: new Date(at) },
  );
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url: '/graphql', headers, body };
};

const verify = (request: SignedRequest, now = NOW) => verifySigV4(request, [credentials], { region: 'us-east-1', now });

describe('SigV4 verification', () => {
  it('accepts a request the AWS SDK signed with known credentials', async () => {
    const request = await signed();
    expect(isSigV4(request.headers.authorization as string)).toBe(true);
    expect(verify(request)).toEqual({ ok: true, accessKeyId: 'AKIDLOCAL' });
  });

  it('refuses a body changed after signing', async () => {
    const request = await signed();
    expect(verify({ ...request, body: '{"query":"mutation { y }"}' })).toMatchObject({
      ok: false,
      reason: /does not match/,
    });
  });

  it('refuses a signature made with another secret', async () => {
    expect(verify(await signed({ secret: 'guess' }))).toMatchObject({ ok: false, reason: /does not match/ });
  });

  it('refuses another service’s signature and an unknown key', async () => {
    expect(verify(await signed({ service: 'lambda' }))).toMatchObject({ ok: false, reason: /not for appsync/ });
    const request = await signed();
    const unknown = String(request.headers.authorization).replace('AKIDLOCAL', 'AKIDOTHER');
    expect(verify({ ...request, headers: { ...request.headers, authorization: unknown } })).toMatchObject({
      ok: false,
      reason: /not known/,
    });
  });

  it('refuses a signature older than 15 minutes, and one without the session token', async () => {
    expect(verify(await signed(), NOW + 16 * 60_000)).toMatchObject({ ok: false, reason: /expired/ });
    const request = await signed();
    const { 'x-amz-security-token': _token, ...headers } = request.headers;
    expect(verify({ ...request, headers })).toMatchObject({ ok: false, reason: /security token/ });
  });
});
