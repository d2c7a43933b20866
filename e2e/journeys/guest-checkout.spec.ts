import { expect, test, type Page } from '@playwright/test';
import { SETTLED, addShownProduct, orderStatus, placeOrder } from '../support/checkout';
import { afterAcknowledgement, watchOrderTraffic } from '../support/live';
import { keyPage } from '../support/screenshots';
import { createAccount, expectSignedIn, expectSignedOut, header, uniqueEmail } from '../support/shopper';
import { createProduct } from '../support/store';

/**
 * Journey 1: a guest searches, filters, opens a product, adds it to the cart, is asked to sign in at
 * checkout, signs up with the emailed code, pays, and watches the order reach CONFIRMED, then
 * SHIPPED (the warehouse dispatches 10 s after confirmation), on the same page without a reload,
 * the changes coming through the realtime subscription.
 */

const IMAGE = '/products/beeswax-candles.svg';

const results = (page: Page) => page.getByRole('list', { name: 'Search results' });
const filters = (page: Page) => page.getByRole('main').getByRole('search');

test('a guest finds a product, signs up at checkout, pays, and watches the order reach CONFIRMED then SHIPPED live', async ({
  page,
}, testInfo) => {
  // Two minutes: a sign-up, a checkout saga, the 10 s dispatch and nine axe checks on a busy machine.
  test.setTimeout(120_000);
  const word = `comet${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const [lamp, vase] = await Promise.all([
    createProduct({ label: `${word} lamp`, price: 3000, stock: 5, images: [IMAGE] }),
    createProduct({ label: `${word} vase`, price: 4500, stock: 5 }),
  ]);
  const email = uniqueEmail('journey');
  const traffic = watchOrderTraffic(page);

  await test.step('the home page, as a guest', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Featured products' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Featured products' }).getByRole('link').first()).toBeVisible();
    await expectSignedOut(page);
    await keyPage(page, testInfo, 'home');
  });

  await test.step('search from the header', async () => {
    // The search reads a view the new products reach a moment after they are written.
    await expect(async () => {
      await page.goto('/');
      const box = header(page).getByRole('searchbox', { name: 'Search products' });
      await box.fill(word);
      await box.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/search\\?q=${word}`));
      await expect(results(page).getByRole('link')).toHaveCount(2, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId('result-count')).toHaveText('2 products');
    await keyPage(page, testInfo, 'search-results');
  });

  await test.step('filter by category and price', async () => {
    const form = filters(page);
    await form.getByRole('combobox', { name: 'Category' }).selectOption(lamp.category);
    await form.getByRole('spinbutton', { name: 'Max price' }).fill('40');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/[?&]max=40/);
    await expect(results(page).getByRole('link')).toHaveCount(1);
    await expect(results(page).getByRole('link', { name: new RegExp(vase.name) })).toHaveCount(0);
    await expect(results(page).getByRole('link', { name: new RegExp(lamp.name) })).toContainText('$30.00');
  });

  await test.step('open the product and add two to the cart', async () => {
    await results(page)
      .getByRole('link', { name: new RegExp(lamp.name) })
      .click();
    await expect(page).toHaveURL(new RegExp(`/product/${lamp.slug}$`));
    await expect(page.getByRole('img', { name: lamp.name })).toHaveAttribute('src', IMAGE);
    await expect(page.getByRole('main').getByText('$30.00', { exact: true })).toBeVisible();
    await expect(page.getByTestId('stock')).toHaveText('Only 5 left');
    await keyPage(page, testInfo, 'product');
    await addShownProduct(page, lamp, 2);
  });

  await test.step('the cart', async () => {
    await header(page).getByRole('link', { name: 'Cart, 2 items' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
    const items = page.getByRole('list', { name: 'Items in your cart' }).getByRole('listitem');
    await expect(items).toHaveCount(1);
    await expect(items.filter({ hasText: lamp.name })).toContainText('$60.00');
    await expect(page.getByRole('region', { name: 'Order summary' })).toContainText('Free'); // from $50.00 on
    await keyPage(page, testInfo, 'cart');
  });

  await test.step('checking out asks the guest to sign in; they create an account with the emailed code instead', async () => {
    await page.getByRole('link', { name: 'Check out' }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcheckout$/);
    await expect(page.getByText('Sign in to check out. Your cart is kept.')).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/sign-up\?next=%2Fcheckout$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
    await keyPage(page, testInfo, 'sign-up');
    await createAccount(page, email);
    await expect(page).toHaveURL(/\/checkout$/);
    await expectSignedIn(page, email);
  });

  let placedAt = 0;
  await test.step('checkout: the cart came along; pay with the test Visa', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
    const summary = page.getByRole('region', { name: 'Order summary' });
    await expect(summary).toContainText(lamp.name);
    await expect(summary).toContainText('$60.00');
    await keyPage(page, testInfo, 'checkout');
    await placeOrder(page, { country: 'US', card: 'tok_visa' });
    placedAt = await page.evaluate(() => performance.timeOrigin);
  });

  await test.step('the order page shows the order confirmed, then shipped, without a reload', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Your order' })).toBeVisible();
    await expect(page.getByTestId('order-live')).toContainText('Live: changes to your order appear here');
    await expect(orderStatus(page)).toContainText('CONFIRMED', SETTLED);
    await expect(page.getByRole('table')).toContainText(lamp.name);
    await expect(page.getByText('$64.80')).toBeVisible(); // $60.00, free shipping, 8 % tax
    await keyPage(page, testInfo, 'order-confirmed');

    await expect(orderStatus(page)).toContainText('SHIPPED', SETTLED);
    await expect(orderStatus(page)).toContainText('Your order is on its way.');
    const history = page.getByRole('region', { name: 'Status history' });
    await expect(history).toContainText('CONFIRMED');
    await expect(history).toContainText('SHIPPED');
    await expect(page.getByTestId('order-live')).toHaveCount(0); // nothing more will happen to it
    await keyPage(page, testInfo, 'order-shipped');

    // The same document throughout: a reload or a navigation would have a new time origin.
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(placedAt);
    // SHIPPED came as a subscription frame after AppSync acknowledged it, and the page did not poll:
    // one read when acknowledged (so a change before it is never missed), none after.
    const after = afterAcknowledgement(traffic);
    expect(after, 'frames and reads after the subscription was acknowledged').toContainEqual({
      kind: 'frame',
      type: 'data',
      status: 'SHIPPED',
    });
    expect(after.filter((s) => s.kind === 'order-read').length).toBeLessThanOrEqual(1);
  });
});
