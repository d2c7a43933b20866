import { expect, test } from '@playwright/test';
import { signIn } from './support/shopper';

const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? 'admin@cloudshop.local';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;

test('an admin creates a product that then appears in the catalog', async ({ page }) => {
  if (!ADMIN_PASSWORD) throw new Error('Set ADMIN_PASSWORD (and ADMIN_EMAIL) to the seeded admin account.');
  const run = Date.now().toString(36);
  const product = {
    sku: `E2E-${run}`.toUpperCase(),
    slug: `e2e-mug-${run}`,
    name: `Test Mug ${run}`,
    description: 'A mug created by the end-to-end tests.',
    price: '12.50',
  };

  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Products', exact: true })).toBeVisible();

  const form = page.getByRole('region', { name: 'New product' });
  await form.getByLabel('SKU').fill(product.sku);
  await form.getByLabel('Slug').fill(product.slug);
  await form.getByLabel('Name').fill(product.name);
  await form.getByLabel('Description').fill(product.description);
  const category = form.getByLabel('Category');
  await expect(category.locator('option:not([disabled])').first()).toBeAttached();
  const categoryValue = await category.locator('option:not([disabled])').first().getAttribute('value');
  await category.selectOption(categoryValue!);
  await form.getByLabel('Price').fill(product.price);
  await form.getByLabel('Currency').fill('USD');
  await form.getByRole('button', { name: 'Create product' }).click();

  await expect(form.getByRole('status')).toHaveText(new RegExp(`Created “${product.name}”`));
  await expect(page.getByRole('table').getByRole('row', { name: new RegExp(product.name) })).toContainText('$12.50');

  // A shopper finds it by search, and opens it.
  await page.goto(`/search?q=${encodeURIComponent(product.name)}`);
  const result = page
    .getByRole('list', { name: 'Search results' })
    .getByRole('link', { name: new RegExp(product.name) });
  await expect(result).toBeVisible();
  await expect(result).toContainText('$12.50');

  await result.click();
  await expect(page).toHaveURL(new RegExp(`/product/${product.slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
  await expect(page.getByRole('main').getByText('$12.50', { exact: true })).toBeVisible();
});
