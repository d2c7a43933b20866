/** The store admin's side of the journeys: who the admin is, the sales line, and the refusal others get. */
import { expect, type Page } from '@playwright/test';
import { signIn } from './shopper';

export const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? 'admin@cloudshop.local';

/** Signs the seeded admin in through the storefront. */
export async function signInAsAdmin(page: Page): Promise<void> {
  const password = process.env.ADMIN_PASSWORD;
  if (!password) throw new Error('Set ADMIN_PASSWORD (and ADMIN_EMAIL) to the seeded admin account.');
  await signIn(page, ADMIN_EMAIL, password);
}

/**
 * "Today: 3 orders, NZ$27.00 + $59.40 + €12.00" → the orders and the USD amount in cents (the
 * amount written `$…`, not `NZ$…`: other tests sell in other currencies the same day).
 */
export async function todaysSales(page: Page): Promise<{ orders: number; usd: number }> {
  const text = (await page.getByText(/^Today: /).textContent()) ?? '';
  const match = /^Today: (\d+) orders?, (.*)$/.exec(text.trim());
  if (!match) throw new Error(`unexpected sales line: ${text}`);
  const usd = match[2]
    .split(' + ')
    .map((amount) => /^\$([\d,]+\.\d{2})$/.exec(amount.trim())?.[1])
    .find(Boolean);
  return { orders: Number(match[1]), usd: Math.round(Number((usd ?? '0.00').replace(/,/g, '')) * 100) };
}

/** The refusal, and nothing of the admin page behind it. */
export async function expectRefused(page: Page) {
  await expect(page.getByRole('heading', { name: 'You don’t have access to the admin area' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Store admin' })).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'New product' })).toHaveCount(0);
  await expect(page.getByText(/^Today: /)).toHaveCount(0);
}
