import { expect, test } from '@playwright/test';
import { expectRefused } from './support/admin';
import { snsMessages } from './support/outbox';
import { accessNoticeTopicArn, idTokenClaims, signUp, uniqueEmail } from './support/shopper';

test('a signed-in customer is refused the admin area and is sent exactly one notice', async ({ page }) => {
  test.setTimeout(120_000); // five admin pages
  const email = uniqueEmail('customer');
  await signUp(page, email);
  const userId = String((await idTokenClaims(page)).sub);
  const topic = accessNoticeTopicArn();

  await page.goto('/admin');
  await expectRefused(page);

  await expect
    .poll(async () => (await snsMessages({ topic, userId })).length, { message: `an access notice for ${userId}` })
    .toBeGreaterThan(0);
  const notices = await snsMessages({ topic, userId });
  expect(notices).toHaveLength(1);
  expect(notices[0].attributes.userId).toBe(userId);
  expect(notices[0].attributes.operation).toContain('listProducts');

  // Every admin page is refused the same way; the notices stay rate-limited to the one.
  for (const path of ['/admin/orders', '/admin/sales', '/admin/inventory', '/admin/products/ANY-SKU']) {
    await page.goto(path);
    await expectRefused(page);
  }
  expect(await snsMessages({ topic, userId })).toHaveLength(1);
});

test('a guest opening an admin page is asked to sign in and comes back to it', async ({ page }) => {
  await page.goto('/admin/orders');
  await expect(page.getByText('Sign in with an admin account to manage the store.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toHaveAttribute(
    'href',
    '/sign-in?next=%2Fadmin%2Forders',
  );
  await expect(page.getByRole('table')).toHaveCount(0);
});
