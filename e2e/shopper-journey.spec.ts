import { expect, test } from '@playwright/test';
import { keyPage } from './support/screenshots';
import {
  SHOPPER_PASSWORD,
  expectSignedIn,
  expectSignedOut,
  header,
  signIn,
  signOut,
  signUp,
  uniqueEmail,
} from './support/shopper';

test('a new shopper browses, opens a product, signs up, signs in, stays signed in across a reload, and signs out', async ({
  page,
}, testInfo) => {
  const email = uniqueEmail('shopper');

  await test.step('browse the catalog', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Featured products' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Categories' }).getByRole('link').nth(1)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Featured products' }).getByRole('link').first()).toBeVisible();
    await expectSignedOut(page);
    await keyPage(page, testInfo, 'home');
  });

  await test.step('open a category, then a product', async () => {
    const category = page.getByRole('navigation', { name: 'Categories' }).getByRole('link').nth(1);
    const categoryName = (await category.textContent())!.trim();
    await category.click();
    await expect(page).toHaveURL(/\/category\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: categoryName })).toBeVisible();
    await keyPage(page, testInfo, 'category');

    const card = page
      .getByRole('list', { name: `${categoryName} products` })
      .getByRole('link')
      .first();
    const cardText = (await card.textContent())!;
    const cardPrice = (await card.locator('[data-amount]').textContent())!.trim(); // e.g. $12.50 or ¥1,250
    await card.click();
    await expect(page).toHaveURL(/\/product\/[^/]+$/);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toBeVisible();
    const name = (await heading.textContent())!.trim();
    expect(cardText).toContain(name);
    await expect(page.getByRole('main').getByText(cardPrice, { exact: true })).toBeVisible();
    await expect(page.getByRole('img', { name })).toBeVisible();
    await keyPage(page, testInfo, 'product');
  });

  await test.step('sign up with the code from the outbox (and be signed in)', async () => {
    await signUp(page, email);
  });

  await test.step('sign out and sign in again', async () => {
    await signOut(page);
    await signIn(page, email, SHOPPER_PASSWORD);
  });

  await test.step('still signed in after a reload', async () => {
    await page.reload();
    await expectSignedIn(page, email);
  });

  await test.step('sign out', async () => {
    await signOut(page);
    await page.reload();
    await expectSignedOut(page);
    await expect(header(page).getByText(email)).toHaveCount(0);
  });
});
