import { expect, test } from '@playwright/test';
import { SHOPPER_PASSWORD, header, signOut, signUp, uniqueEmail } from './support/shopper';
import { buy as placeOrder, orderStatus as status } from './support/checkout';
import { PROJECTED, orderCard } from './support/orders';
import { createProduct, setStock } from './support/store';

test('a shopper sees their orders with each one’s timeline, and cancels one from its page', async ({ page }) => {
  const email = uniqueEmail('history');
  const kettle = await createProduct({ label: 'Kettle', price: 3000, stock: 10 });
  const toaster = await createProduct({ label: 'Toaster', price: 2000, stock: 10 });
  await signUp(page, email);

  let first = '';
  await test.step('place an order; "Your orders" shows it with its status timeline', async () => {
    first = await placeOrder(page, kettle, 2);
    await header(page).getByRole('link', { name: 'Your orders' }).click();
    await expect(page).toHaveURL(/\/orders$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
    const card = orderCard(page, first);
    await expect(async () => {
      await page.reload();
      await expect(card.getByTestId('order-status')).toHaveText('CONFIRMED', { timeout: 2_000 });
    }).toPass(PROJECTED);
    await expect(card).toContainText(`2 × ${kettle.name}`);
    await expect(card).toContainText('$64.80'); // $60.00, free shipping, 8 % tax
    const timeline = card.getByRole('list', { name: 'Status timeline' }).getByRole('listitem');
    await expect(timeline).toHaveCount(2);
    await expect(timeline.nth(0)).toContainText('PENDING');
    await expect(timeline.nth(1)).toContainText('CONFIRMED');
  });

  await test.step('the order’s link opens its page', async () => {
    await orderCard(page, first)
      .getByRole('link', { name: `Order ${first.slice(0, 8)}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`/orders/${first}$`));
    await expect(status(page)).toContainText('CONFIRMED');
  });

  let second = '';
  await test.step('place a second order and cancel it from its page, after a confirm step', async () => {
    second = await placeOrder(page, toaster, 1);
    await page.getByRole('button', { name: 'Cancel order' }).click();
    const confirm = page.getByRole('group', { name: /Cancel this order\?/ });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Keep order' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Keep order' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(status(page)).toContainText('CONFIRMED');

    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page.getByRole('button', { name: 'Yes, cancel order' }).click();
    await expect(status(page)).toContainText('CANCELLED');
    await expect(status(page)).toContainText('Your order is cancelled, and your payment refunded.');
    await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Status history' })).toContainText('CANCELLED');
  });

  await test.step('"Your orders" lists the cancelled order first, with CANCELLED and the refund in its timeline', async () => {
    await header(page).getByRole('link', { name: 'Your orders' }).click();
    await expect(page).toHaveURL(/\/orders$/);
    const card = orderCard(page, second);
    // The refund follows the cancellation by a moment: payments refunds, then the order records it.
    await expect(async () => {
      await page.reload();
      await expect(card.getByTestId('order-status')).toHaveText('CANCELLED', { timeout: 2_000 });
      await expect(card.getByTestId('refund')).toContainText(/^Refunded \$\d+\.\d\d to your card on /, {
        timeout: 2_000,
      });
    }).toPass(PROJECTED);
    await expect(card.getByRole('list', { name: 'Status timeline' })).toContainText('CANCELLED');
    await expect(card.getByRole('list', { name: 'Status timeline' })).toContainText(/Refunded \$\d+\.\d\d/);
    const orders = page.getByRole('list', { name: 'Your orders' }).getByRole('article');
    await expect(orders).toHaveCount(2);
    await expect(orders.nth(0)).toContainText(toaster.name);
    await expect(orders.nth(1)).toContainText(kettle.name);
    await expect(orderCard(page, first).getByTestId('order-status')).toHaveText('CONFIRMED');
  });

  await test.step('a guest is sent to sign in, and comes back to their orders', async () => {
    await signOut(page);
    await page.goto('/orders');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Forders$/);
    await expect(page.getByText('Sign in to see your orders.')).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(SHOPPER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/orders$/);
    await expect(page.getByRole('list', { name: 'Your orders' }).getByRole('article')).toHaveCount(2);
  });
});

test('a new shopper’s order history is empty', async ({ page }) => {
  await signUp(page, uniqueEmail('no-orders'));
  await header(page).getByRole('link', { name: 'Your orders' }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByText('You haven’t placed any orders yet.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start shopping' })).toBeVisible();
});

test('a new product shows in search results, and is marked out of stock there and on its page once its stock is 0', async ({
  page,
}) => {
  // What a shopper sees at once: search is rendered per request and the product page reads its stock
  // live (the home and category grids are cached for a minute, and follow within it).
  const lamp = await createProduct({ label: 'Grid lamp', price: 4500, stock: 3 });
  const card = page.getByRole('list', { name: 'Search results' }).getByRole('link').filter({ hasText: lamp.name });

  await page.goto(`/search?q=${encodeURIComponent(lamp.name)}`);
  await expect(async () => {
    await page.reload();
    await expect(card).toBeVisible({ timeout: 2_000 });
  }).toPass(PROJECTED);
  await expect(card).toContainText('$45.00');
  await expect(card).not.toContainText('Out of stock');

  await setStock(lamp.sku, 0);
  await expect(async () => {
    await page.reload();
    await expect(card).toContainText('Out of stock', { timeout: 2_000 });
  }).toPass(PROJECTED);
  await expect(card).toHaveAccessibleName(new RegExp(`${lamp.name}.*Out of stock`));

  await card.click();
  await expect(page.getByRole('heading', { level: 1, name: lamp.name })).toBeVisible();
  await expect(page.getByTestId('stock')).toHaveText('Out of stock');
  await expect(page.getByRole('button', { name: 'Out of stock' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add to cart' })).toHaveCount(0);
});
