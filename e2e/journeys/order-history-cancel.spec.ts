import { expect, test } from '@playwright/test';
import { buy, orderStatus } from '../support/checkout';
import { PROJECTED, orderCard } from '../support/orders';
import { keyPage } from '../support/screenshots';
import { header, signUp, uniqueEmail } from '../support/shopper';
import { createProduct } from '../support/store';

/**
 * Journey 2: a shopper with an order sees it in their order history with its timeline, places a
 * second order, cancels it, and sees it CANCELLED with the refund. The first order is set up the
 * quick way (sign up, buy from the product page); journey 1 walks the long way there.
 */
test('a shopper sees their order and its timeline in the history, places a second order, cancels it and sees the refund', async ({
  page,
}, testInfo) => {
  const [kettle, toaster] = await Promise.all([
    createProduct({ label: 'Journey kettle', price: 3000, stock: 10 }),
    createProduct({ label: 'Journey toaster', price: 5000, stock: 10 }),
  ]);
  await signUp(page, uniqueEmail('history-journey'));
  const first = await buy(page, kettle, 2);

  await test.step('"Your orders" shows the order with its status timeline', async () => {
    await header(page).getByRole('link', { name: 'Your orders' }).click();
    await expect(page).toHaveURL(/\/orders$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
    const card = orderCard(page, first);
    // The history is a view the order reaches a moment later; the warehouse may have shipped it by then.
    await expect(async () => {
      await page.reload();
      await expect(card.getByTestId('order-status')).toHaveText(/^(CONFIRMED|SHIPPED)$/, { timeout: 2_000 });
    }).toPass(PROJECTED);
    await expect(card).toContainText(`2 × ${kettle.name}`);
    await expect(card).toContainText('$64.80'); // $60.00, free shipping, 8 % tax
    const timeline = card.getByRole('list', { name: 'Status timeline' }).getByRole('listitem');
    await expect(timeline.nth(0)).toContainText('PENDING');
    await expect(timeline.nth(1)).toContainText('CONFIRMED');
    await keyPage(page, testInfo, 'order-history');
  });

  let second = '';
  await test.step('a second order, cancelled from its page before it ships', async () => {
    second = await buy(page, toaster, 1);
    // The warehouse dispatches 10 s after confirmation: cancel straight away.
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page
      .getByRole('group', { name: /Cancel this order\?/ })
      .getByRole('button', { name: 'Yes, cancel order' })
      .click();
    await expect(orderStatus(page)).toContainText('CANCELLED');
    await expect(orderStatus(page)).toContainText('Your order is cancelled, and your payment refunded.');
    await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Status history' })).toContainText('CANCELLED');
    await keyPage(page, testInfo, 'order-cancelled');
  });

  await test.step('"Your orders" shows it CANCELLED, first, with the refund', async () => {
    await header(page).getByRole('link', { name: 'Your orders' }).click();
    await expect(page).toHaveURL(/\/orders$/);
    const card = orderCard(page, second);
    // The refund follows the cancellation by a moment: payments refunds, then the order records it.
    await expect(async () => {
      await page.reload();
      await expect(card.getByTestId('order-status')).toHaveText('CANCELLED', { timeout: 2_000 });
      await expect(card.getByTestId('refund')).toContainText('Refunded $54.00 to your card on ', { timeout: 2_000 });
    }).toPass(PROJECTED);
    const timeline = card.getByRole('list', { name: 'Status timeline' });
    await expect(timeline).toContainText('CANCELLED');
    await expect(timeline).toContainText('Refunded $54.00');
    const orders = page.getByRole('list', { name: 'Your orders' }).getByRole('article');
    await expect(orders).toHaveCount(2);
    await expect(orders.nth(0)).toContainText(toaster.name);
    await expect(orders.nth(1)).toContainText(kettle.name);
    await keyPage(page, testInfo, 'order-history-refund');
  });
});
