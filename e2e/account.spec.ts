import { expect, test } from '@playwright/test';

// The forgotten-password journey, with the account page, is e2e/journeys/forgot-password.spec.ts.

test('the account, cart, checkout, orders and sign-in pages are never cached', async ({ request }) => {
  for (const path of ['/account', '/cart', '/checkout', '/orders', '/sign-in', '/sign-up', '/forgot-password']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['cache-control'], path).toMatch(/\bno-store\b/);
  }
});
