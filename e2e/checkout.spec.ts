import { expect, test, type Page } from '@playwright/test';
import { SHOPPER_PASSWORD, header, signOut, signUp, uniqueEmail } from './support/shopper';
import { SETTLED, addToCart, fillAddress, orderStatus as status } from './support/checkout';
import { createProduct, setStock, withdrawProduct } from './support/store';

const cartLink = (page: Page, items: number) =>
  header(page).getByRole('link', { name: items === 1 ? 'Cart, 1 item' : `Cart, ${items} items` });

const stockOf = (page: Page) => page.getByTestId('stock');

test('a shopper adds two products, checks out with the test Visa and sees the order confirmed', async ({ page }) => {
  const mug = await createProduct({ label: 'Mug', price: 1250, stock: 7 });
  const teapot = await createProduct({ label: 'Teapot', price: 3000, stock: 20 });
  await signUp(page, uniqueEmail('buyer'));

  await test.step('add two mugs and a teapot from their product pages', async () => {
    await addToCart(page, mug, 2);
    await expect(cartLink(page, 2)).toBeVisible();
    await addToCart(page, teapot, 1);
    await expect(cartLink(page, 3)).toBeVisible();
  });

  await test.step('the cart shows the server’s prices, follows quantity changes and survives a reload', async () => {
    await cartLink(page, 3).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
    const items = page.getByRole('list', { name: 'Items in your cart' }).getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: mug.name })).toContainText('$25.00');
    await expect(items.filter({ hasText: teapot.name })).toContainText('$30.00');
    const summary = page.getByRole('region', { name: 'Order summary' });
    await expect(summary).toContainText('$55.00');
    await expect(summary).toContainText('Free'); // from $50.00 on

    await page.getByRole('button', { name: `One more ${teapot.name}` }).click();
    await expect(items.filter({ hasText: teapot.name })).toContainText('$60.00');
    await expect(summary).toContainText('$85.00');
    await expect(cartLink(page, 4)).toBeVisible();
    await page.getByLabel(`Quantity of ${teapot.name}`).fill('1');
    await expect(summary).toContainText('$55.00');

    await page.reload();
    await expect(items).toHaveCount(2);
    await expect(cartLink(page, 3)).toBeVisible();
    await expect(summary).toContainText('$55.00');
  });

  await test.step('check out: the summary adds the tax once a country is chosen', async () => {
    await page.getByRole('link', { name: 'Check out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
    const summary = page.getByRole('region', { name: 'Order summary' });
    await expect(summary).toContainText('Choose a country to see the tax');
    await fillAddress(page, 'US');
    await expect(summary).toContainText('$4.40'); // 8 % of $55.00
    await expect(summary).toContainText('$59.40');
    await page.getByRole('radio', { name: /tok_visa/ }).check();
    await page.getByRole('button', { name: 'Place order' }).click();
  });

  await test.step('the order page follows the order until it is confirmed', async () => {
    await expect(page).toHaveURL(/\/orders\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your order' })).toBeVisible();
    await expect(status(page)).toContainText('CONFIRMED', SETTLED);
    await expect(page.getByRole('table')).toContainText(mug.name);
    await expect(page.getByRole('table')).toContainText(teapot.name);
    await expect(page.getByText('$59.40')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Status history' })).toContainText('CONFIRMED');
    await expect(cartLink(page, 0)).toBeVisible();
  });

  await test.step('the product page shows the stock the order took', async () => {
    await page.goto(`/product/${mug.slug}`);
    await expect(stockOf(page)).toHaveText('Only 5 left');
  });
});

test('a declined card fails the order with its reason, and the stock is unchanged', async ({ page }) => {
  const lamp = await createProduct({ label: 'Lamp', price: 2000, stock: 3 });
  await signUp(page, uniqueEmail('declined'));

  await page.goto(`/product/${lamp.slug}`);
  await expect(stockOf(page)).toHaveText('Only 3 left');
  const before = await stockOf(page).textContent();
  await addToCart(page, lamp, 1);

  await page.goto('/checkout');
  await expect(page.getByRole('region', { name: 'Order summary' })).toContainText(lamp.name);
  await fillAddress(page, 'DE');
  await page.getByRole('radio', { name: /tok_declined/ }).check();
  await page.getByRole('button', { name: 'Place order' }).click();

  await expect(page).toHaveURL(/\/orders\/[^/]+$/);
  await expect(status(page)).toContainText('FAILED', SETTLED);
  await expect(page.getByRole('alert').filter({ hasText: 'Why your order failed' })).toContainText(
    'Your card was declined.',
  );

  await page.goto(`/product/${lamp.slug}`);
  await expect(stockOf(page)).toHaveText(before!);
});

test('checkout checks the form and names each field that is wrong', async ({ page }) => {
  const cup = await createProduct({ label: 'Cup', price: 900, stock: 10 });
  await signUp(page, uniqueEmail('form'));
  await addToCart(page, cup, 1);
  await page.goto('/checkout');

  await page.getByLabel('Postal code').fill('#1');
  await page.getByRole('button', { name: 'Place order' }).click();
  const problems = page.getByRole('alert').filter({ hasText: 'need your attention' });
  await expect(problems).toContainText('5 fields need your attention');
  await expect(problems).toContainText('Enter the street address.');
  await expect(problems).toContainText('Enter the name of the person receiving the order.');
  await expect(problems).toContainText('Enter a postal code of up to 16 letters, digits, spaces or dashes.');
  await expect(problems).toContainText('Choose a country.');
  await expect(page.getByLabel('Full name')).toBeFocused();
  await expect(page.getByLabel('Full name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/checkout$/);
});

test('a guest is asked to sign in to check out and comes back to checkout; unavailable items are shown', async ({
  page,
}) => {
  const email = uniqueEmail('guest');
  const vase = await createProduct({ label: 'Vase', price: 4200, stock: 4 });
  const bowl = await createProduct({ label: 'Bowl', price: 1500, stock: 4 });
  await signUp(page, email);
  await signOut(page);

  await test.step('as a guest, fill the cart; the store withdraws one product', async () => {
    await addToCart(page, vase, 1);
    await addToCart(page, bowl, 2);
    await withdrawProduct(bowl.sku);
    await page.goto('/cart');
    const unavailable = page.getByRole('alert').filter({ hasText: 'Some items can’t be ordered' });
    await expect(unavailable).toContainText(`${bowl.sku}: This product is no longer for sale.`);
    await expect(page.getByRole('button', { name: 'Check out' })).toBeDisabled();
    await unavailable.getByRole('button', { name: `Remove ${bowl.sku}` }).click();
    await expect(unavailable).toHaveCount(0);
    await expect(cartLink(page, 1)).toBeVisible();
  });

  await test.step('checking out sends the guest to sign in, then back to checkout', async () => {
    await page.getByRole('link', { name: 'Check out' }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcheckout$/);
    await expect(page.getByText('Sign in to check out. Your cart is kept.')).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(SHOPPER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Order summary' })).toContainText(vase.name);
  });

  await test.step('an order that is not the shopper’s is not found', async () => {
    await page.goto('/orders/00000000-0000-4000-8000-000000000000');
    await expect(page.getByRole('heading', { level: 1, name: 'Order not found' })).toBeVisible();
  });
});

test('the product page reads the stock on every request', async ({ page }) => {
  const chair = await createProduct({ label: 'Chair', price: 9900, stock: 0 });
  await page.goto(`/product/${chair.slug}`);
  await expect(stockOf(page)).toHaveText('Out of stock');
  await expect(page.getByRole('button', { name: 'Out of stock' })).toBeDisabled();

  await setStock(chair.sku, 4);
  await page.reload();
  await expect(stockOf(page)).toHaveText('Only 4 left');
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeEnabled();

  await setStock(chair.sku, 40);
  await page.reload();
  await expect(stockOf(page)).toHaveText('In stock');
});
