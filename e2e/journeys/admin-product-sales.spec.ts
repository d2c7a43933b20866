import { expect, test } from '@playwright/test';
import { expectRefused, signInAsAdmin, todaysSales } from '../support/admin';
import { buy } from '../support/checkout';
import { keyPage } from '../support/screenshots';
import { signUp, uniqueEmail } from '../support/shopper';

/**
 * Journey 3: the store's admin adds a product with an image, sets its stock, sees it on the
 * storefront, and sees the day's sales on the dashboard grow when a customer buys it; that
 * customer, opening an admin page, is refused.
 */

/** A file the seed ships under public/products/. */
const IMAGE = '/products/brass-fountain-pen.svg';

test('an admin adds a product with an image, stocks it, sees it in the shop and its sale on the dashboard; a customer is refused the admin', async ({
  page,
  browser,
}, testInfo) => {
  // A customer's sign-up and checkout saga inside the admin's journey, and five axe checks.
  test.setTimeout(120_000);
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const product = { sku: `E2E-${run}`.toUpperCase(), slug: `e2e-pen-${run}`, name: `Journey pen ${run}` };
  await signInAsAdmin(page);

  await test.step('add the product, with an image', async () => {
    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Store admin' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Store admin' }).getByRole('link', { name: 'Products' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
    const form = page.getByRole('region', { name: 'New product' });
    await form.getByLabel('SKU').fill(product.sku);
    await form.getByLabel('Slug').fill(product.slug);
    await form.getByLabel('Name').fill(product.name);
    await form.getByLabel('Description').fill('A pen added by the admin journey.');
    const category = form.getByLabel('Category');
    await expect(category.locator('option:not([disabled])').first()).toBeAttached();
    await category.selectOption((await category.locator('option:not([disabled])').first().getAttribute('value'))!);
    await form.getByLabel('Price').fill('12.50');
    await form.getByLabel('Currency').fill('USD');
    await form.getByLabel('Image URL 1').fill(IMAGE);
    await expect(form.getByRole('img', { name: 'Preview of image 1' })).toHaveAttribute('src', IMAGE);
    await keyPage(page, testInfo, 'admin-products');
    await form.getByRole('button', { name: 'Create product' }).click();
    await expect(form.getByRole('status')).toContainText(`Created “${product.name}”`);
    await expect(page.getByRole('table').getByRole('row', { name: new RegExp(product.name) })).toContainText('$12.50');
  });

  await test.step('set its stock', async () => {
    await page.getByRole('navigation', { name: 'Store admin' }).getByRole('link', { name: 'Inventory' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inventory' })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(product.sku) });
    await expect(row).toContainText('Not stocked');
    await row.getByRole('button', { name: `Change stock of ${product.name}` }).click();
    const set = page.getByRole('region', { name: `Stock of ${product.name}` }).getByRole('form', { name: 'Set stock' });
    await set.getByLabel('Set available to').fill('8');
    await set.getByLabel('Reason').fill('Opening stock');
    await set.getByRole('button', { name: 'Set stock' }).click();
    await expect(page.getByRole('region', { name: `Stock of ${product.name}` }).getByRole('status')).toContainText(
      'now has 8 available',
    );
    await expect(row).toContainText('In stock');
    await keyPage(page, testInfo, 'admin-inventory');
  });

  await test.step('the storefront shows it, with its image, price and stock', async () => {
    await page.goto(`/product/${product.slug}`);
    await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
    await expect(page.getByRole('img', { name: product.name })).toHaveAttribute('src', IMAGE);
    await expect(page.getByRole('main').getByText('$12.50', { exact: true })).toBeVisible();
    await expect(page.getByTestId('stock')).toHaveText('In stock');
    await keyPage(page, testInfo, 'storefront-new-product');
  });

  let before = { orders: 0, usd: 0 };
  await test.step("the dashboard shows the day's sales", async () => {
    await page.goto('/admin/sales');
    await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
    await expect(page.getByText(/^Today: \d+ orders?, /)).toBeVisible();
    before = await todaysSales(page);
  });

  await test.step('a customer buys three, then opens an admin page and is refused', async () => {
    // The customer's own browser, with this project's viewport and device.
    const context = await browser.newContext();
    try {
      const customer = await context.newPage();
      await signUp(customer, uniqueEmail('admin-journey-customer'));
      await buy(customer, { ...product, price: 1250, category: '' }, 3);
      await customer.goto('/admin/sales');
      await expectRefused(customer);
      await keyPage(customer, testInfo, 'admin-refused');
    } finally {
      await context.close();
    }
  });

  await test.step("the dashboard counts the day's new sale", async () => {
    // Other journeys may sell at the same time: at least one more order and this one's 3 × $12.50 + tax.
    await expect
      .poll(
        async () => {
          await page.reload();
          await expect(page.getByText(/^Today: /)).toBeVisible();
          const now = await todaysSales(page);
          return now.orders > before.orders && now.usd >= before.usd + 3750;
        },
        { message: "today's sales to count the order", timeout: 30_000 },
      )
      .toBe(true);
    await keyPage(page, testInfo, 'admin-sales');
  });
});
