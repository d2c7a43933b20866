import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StorefrontRefused, revalidateOnStorefront } from './storefront';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A storefront that answers every request with `status` and `body`, recording what it was sent. */
const storefront = async (status: number, body: unknown) => {
  const seen: { url?: string; authorization?: string; body: string }[] = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d));
    req.on('end', () => {
      seen.push({ url: req.url, authorization: req.headers.authorization, body: text });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
};

const request = { paths: ['/product/mug'], sku: 'MUG-1' };

describe('the storefront’s revalidation call', () => {
  it('posts the paths with the secret, and answers what the storefront revalidated', async () => {
    const { url, seen } = await storefront(200, { revalidated: ['/product/mug', '/'] });
    await expect(revalidateOnStorefront(url, 's3cret', request)).resolves.toEqual(['/product/mug', '/']);
    expect(seen).toEqual([{ url: '/api/revalidate', authorization: 'Bearer s3cret', body: JSON.stringify(request) }]);
  });

  it('throws when the storefront refuses, so the event is retried', async () => {
    const { url } = await storefront(401, { error: 'not authorized' });
    await expect(revalidateOnStorefront(url, 'wrong', request)).rejects.toThrow(StorefrontRefused);
  });

  it('answers nothing when no storefront runs at the address', async () => {
    const { url } = await storefront(200, {});
    await new Promise<void>((closed) => server!.close(() => closed()));
    server = undefined;
    await expect(revalidateOnStorefront(url, 's3cret', request)).resolves.toBeUndefined();
  });
});
