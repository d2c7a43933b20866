import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { signInAsAdmin, todaysSales } from './support/admin';
import { buy } from './support/checkout';
import { keyPage } from './support/screenshots';
import { signUp, uniqueEmail } from './support/shopper';
import type { TestProduct } from './support/store';

/** A file the seed ships under public/products/. */
const IMAGE = '/products/beeswax-candles.svg';

/** A new customer, in a browser of their own, buys `quantity` of the product; answers the order id once confirmed. */
async function customerBuys(browser: Browser, product: TestProduct, quantity: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signUp(page, uniqueEmail('admin-journey'));
    return { orderId: await buy(page, product, quantity) };
  } finally {
    await context.close();
  }
}

async function adminJourney(page: Page, browser: Browser, testInfo: TestInfo) {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const product = {
    sku: `E2E-${run}`.toUpperCase(),
    slug: `e2e-candle-${run}`,
    name: `Test Candle ${run}`,
    description: 'A candle created by the end-to-end tests.',
    price: '12.50',
  };

  await signInAsAdmin(page);

  await test.step('create a product with an image', async () => {
    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Store admin' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Store admin' }).getByRole('link', { name: 'Products' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Store admin' }).getByRole('link', { name: 'Products' }),
    ).toHaveAttribute('aria-current', 'page');

    const form = page.getByRole('region', { name: 'New product' });
    await form.getByLabel('SKU').fill(product.sku);
    await form.getByLabel('Slug').fill(product.slug);
    await form.getByLabel('Name').fill(product.name);
    await form.getByLabel('Description').fill(product.description);
    const category = form.getByLabel('Category');
    await expect(category.locator('option:not([disabled])').first()).toBeAttached();
    await category.selectOption((await category.locator('option:not([disabled])').first().getAttribute('value'))!);
    await form.getByLabel('Price').fill(product.price);
    await form.getByLabel('Currency').fill('USD');

    // A plain-http image is refused before anything is sent; the site path is previewed.
    const image = form.getByLabel('Image URL 1');
    await image.fill('http://images.example.com/candle.jpg');
    await image.blur();
    await expect(form.getByText('Image URLs must use https.')).toBeVisible();
    await expect(image).toHaveAttribute('aria-invalid', 'true');
    await image.fill(IMAGE);
    await expect(form.getByRole('img', { name: 'Preview of image 1' })).toHaveAttribute('src', IMAGE);
    await keyPage(page, testInfo, 'admin-products');

    await form.getByRole('button', { name: 'Create product' }).click();
    await expect(form.getByRole('status')).toContainText(`Created “${product.name}”`);
    const row = page.getByRole('table').getByRole('row', { name: new RegExp(product.name) });
    await expect(row).toContainText('$12.50');
    await expect(row).toContainText('Active');
  });

  await test.step('edit it: a second image', async () => {
    await page.getByRole('table').getByRole('link', { name: product.name }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/products/${product.sku}$`));
    await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
    await expect(page.getByLabel('Image URL 1')).toHaveValue(IMAGE);
    await page.getByRole('button', { name: 'Add image' }).click();
    await page.getByLabel('Image URL 2').fill('/products/brass-fountain-pen.svg');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(`Saved “${product.name}”`);
    await page.reload();
    await expect(page.getByLabel('Image URL 2')).toHaveValue('/products/brass-fountain-pen.svg');
  });

  await test.step('set its stock, then take one off with a reason', async () => {
    await page.getByRole('navigation', { name: 'Store admin' }).getByRole('link', { name: 'Inventory' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inventory' })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(product.sku) });
    await expect(row).toContainText('Not stocked');
    await row.getByRole('button', { name: `Change stock of ${product.name}` }).click();
    const panel = page.getByRole('region', { name: `Stock of ${product.name}` });
    await expect(panel.getByRole('heading', { name: `Stock of ${product.name}` })).toBeFocused();

    const set = panel.getByRole('form', { name: 'Set stock' });
    await set.getByLabel('Set available to').fill('8');
    await set.getByRole('button', { name: 'Set stock' }).click();
    await expect(set.getByText('Say why the stock changes (for the audit).')).toBeVisible();
    await set.getByLabel('Reason').fill('Opening stock');
    await set.getByRole('button', { name: 'Set stock' }).click();
    await expect(panel.getByRole('status')).toContainText('now has 8 available and 0 reserved');

    const adjust = panel.getByRole('form', { name: 'Adjust stock' });
    await adjust.getByLabel('Change by').fill('-1');
    await adjust.getByLabel('Reason').fill('One arrived broken');
    await adjust.getByRole('button', { name: 'Adjust stock' }).click();
    await expect(panel.getByRole('status')).toContainText('now has 7 available');
    await expect(row).toContainText('In stock');
    await keyPage(page, testInfo, 'admin-inventory');
  });

  await test.step('a shopper sees it in the shop, with its image', async () => {
    await page.goto(`/product/${product.slug}`);
    await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
    await expect(page.getByRole('main').getByText('$12.50', { exact: true })).toBeVisible();
    await expect(page.getByRole('img', { name: product.name })).toHaveAttribute('src', IMAGE);
    await expect(page.getByTestId('stock')).toHaveText('In stock');
  });

  let before: { orders: number; usd: number };
  await test.step('the sales dashboard shows today and the last 30 days', async () => {
    await page.goto('/admin/sales');
    await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
    await expect(page.getByText(/^Today: \d+ orders?, /)).toBeVisible();
    await expect(page.getByRole('img', { name: /Daily revenue in .* and orders/ })).toBeVisible();
    before = await todaysSales(page);
  });

  const { orderId } = await test.step('a customer buys three', () =>
    customerBuys(browser, { ...product, price: 1250, category: '' }, 3));

  await test.step("the dashboard counts the day's new sale", async () => {
    await expect
      .poll(
        async () => {
          await page.reload();
          await expect(page.getByText(/^Today: /)).toBeVisible();
          const now = await todaysSales(page);
          // Other journeys may sell at the same time: at least this order's 3 × $12.50 + tax more.
          return now.orders >= before.orders + 1 && now.usd >= before.usd + 3750;
        },
        { message: "today's sales to count the order", timeout: 30_000 },
      )
      .toBe(true);
    await page.getByText('The numbers, day by day').click();
    await expect(page.getByRole('table', { name: 'Sales per day' })).toBeVisible();
    await keyPage(page, testInfo, 'admin-sales');
  });

  await test.step('the order is in the admin, with the customer and the timeline', async () => {
    await page.goto(`/admin/orders/${orderId}`);
    await expect(page.getByRole('heading', { level: 1, name: /Order/ })).toBeVisible();
    await expect(page.getByText(/^admin-journey-.*@example\.com$/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Lines', exact: true })).toContainText(product.name);
    await expect(page.getByRole('region', { name: 'Timeline', exact: true })).toContainText('CONFIRMED');
    const status = (await page.locator('.order-badge').textContent())!.trim();
    await page.getByRole('link', { name: 'All orders' }).click();
    await expect(page.getByLabel('Status')).toHaveValue(status);
    await expect(page.getByRole('link', { name: `Order ${orderId.slice(0, 8)}` })).toBeVisible();
    await keyPage(page, testInfo, 'admin-orders');
  });

  await test.step('the stock it took leaves it low, and the low-stock list shows it', async () => {
    await page.goto('/admin/inventory');
    await page.getByLabel('Low stock only').check();
    const row = page.getByRole('row', { name: new RegExp(product.sku) });
    await expect(row).toContainText('Low stock');
    await expect(row.getByRole('cell').nth(1)).toHaveText('4');
  });
}

test('an admin creates a product with an image, stocks it, sees it in the shop and its sale on the dashboard', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  await adminJourney(page, browser, testInfo);
});
