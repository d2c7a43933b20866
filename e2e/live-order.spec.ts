import { expect, test, type Page } from '@playwright/test';
import { SETTLED, addToCart, placeOrder as checkOut, orderStatus as status } from './support/checkout';
import { watchOrderTraffic as watch } from './support/live';
import { signUp, uniqueEmail } from './support/shopper';
import { createProduct } from './support/store';

async function placeOrder(page: Page, label: string) {
  const kettle = await createProduct({ label, price: 2500, stock: 5 });
  await signUp(page, uniqueEmail(label.toLowerCase()));
  await addToCart(page, kettle, 1);
  await page.goto('/checkout');
  await checkOut(page);
}

test('the order page follows the order live, PENDING to SHIPPED, without polling once subscribed', async ({ page }) => {
  const seen = watch(page);
  await placeOrder(page, 'Kettle');

  await expect(page.getByTestId('order-live')).toContainText('Live: changes to your order appear here');
  await expect(status(page)).toContainText('CONFIRMED', SETTLED);
  await expect(status(page)).toContainText('SHIPPED', SETTLED);
  await expect(page.getByRole('region', { name: 'Status history' })).toContainText('SHIPPED');
  await expect(page.getByTestId('order-live')).toHaveCount(0); // nothing more will happen to it

  const acked = seen.findIndex((s) => s.kind === 'frame' && s.type === 'start_ack');
  expect(acked, 'the subscription was acknowledged').toBeGreaterThanOrEqual(0);
  const after = seen.slice(acked + 1);
  // The shipment is dispatched seconds after confirmation: it can only have come over the socket.
  expect(after).toContainEqual({ kind: 'frame', type: 'data', status: 'SHIPPED' });
  // One read when the subscription is acknowledged (a change before it is never missed), no polling.
  expect(after.filter((s) => s.kind === 'order-read').length).toBeLessThanOrEqual(1);
});

test.describe('when the realtime socket cannot be opened', () => {
  // A browser that does not trust the local cloud's certificate cannot open wss:// to it.
  test.use({ ignoreHTTPSErrors: false });

  test('the order page polls, and still shows the order through to SHIPPED', async ({ page }) => {
    const seen = watch(page);
    await placeOrder(page, 'Toaster');

    await expect(page.getByTestId('order-live')).toContainText('We check for changes to your order every few seconds');
    await expect(status(page)).toContainText('SHIPPED', SETTLED);
    expect(seen.filter((s) => s.kind === 'frame')).toEqual([]);
    expect(seen.filter((s) => s.kind === 'order-read').length).toBeGreaterThan(2);
  });
});
