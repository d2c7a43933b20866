import { expect, test } from '@playwright/test';
import { snsMessages } from './support/outbox';
import { accessNoticeTopicArn, idTokenClaims, signUp, uniqueEmail } from './support/shopper';

test('a signed-in customer is refused the admin area and is sent exactly one notice', async ({ page }) => {
  const email = uniqueEmail('customer');
  await signUp(page, email);
  const userId = String((await idTokenClaims(page)).sub);
  const topic = accessNoticeTopicArn();

  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'You don’t have access to the admin area' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'New product' })).toHaveCount(0);

  await expect
    .poll(async () => (await snsMessages({ topic, userId })).length, { message: `an access notice for ${userId}` })
    .toBeGreaterThan(0);
  const notices = await snsMessages({ topic, userId });
  expect(notices).toHaveLength(1);
  expect(notices[0].attributes.userId).toBe(userId);
  expect(notices[0].attributes.operation).toContain('listProducts');
});
