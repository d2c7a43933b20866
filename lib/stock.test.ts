import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberBrowserOutputs } from './amplify-config';
import { readStockLevels, stockMessage } from './stock';

describe('stockMessage', () => {
  it('says in stock above 5, how many are left from 5 down, and out of stock at 0', () => {
    expect(stockMessage(100).text).toBe('In stock');
    expect(stockMessage(6).text).toBe('In stock');
    expect(stockMessage(5)).toEqual({ state: 'low', text: 'Only 5 left' });
    expect(stockMessage(1).text).toBe('Only 1 left');
    expect(stockMessage(0)).toEqual({ state: 'out', text: 'Out of stock' });
    expect(stockMessage(-2).state).toBe('out');
  });
});

describe('readStockLevels', () => {
  const outputs = { version: '1.4', data: { url: 'https://api.example.com/graphql' } };
  const answer = (status: number, body: unknown) =>
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

  afterEach(() => {
    rememberBrowserOutputs(null); // while `window` is still stubbed: on the server it keeps nothing
    vi.unstubAllGlobals();
  });

  it('asks the API as the guest and answers its stock levels', async () => {
    vi.stubGlobal('window', {});
    rememberBrowserOutputs(outputs);
    const fetch = answer(200, { data: { stockLevels: [{ sku: 'MUG', available: 3 }] } });
    vi.stubGlobal('fetch', fetch);

    await expect(readStockLevels(['MUG'])).resolves.toEqual([{ sku: 'MUG', available: 3 }]);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(outputs.data.url);
    expect(init.headers).toMatchObject({ authorization: 'guest' });
    expect(JSON.parse(String(init.body))).toMatchObject({ variables: { skus: ['MUG'] } });
  });

  it("rejects with the API's errors", async () => {
    vi.stubGlobal('window', {});
    rememberBrowserOutputs(outputs);
    vi.stubGlobal('fetch', answer(200, { data: null, errors: [{ message: 'Unauthorized' }] }));
    await expect(readStockLevels(['MUG'])).rejects.toThrow(/HTTP 200: Unauthorized/);
  });

  it('rejects when the store has no API configured', async () => {
    await expect(readStockLevels(['MUG'])).rejects.toThrow(/no API configured/);
  });
});
