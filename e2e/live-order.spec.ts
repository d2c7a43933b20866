import { expect, test, type Page } from '@playwright/test';
import { SETTLED, addToCart, fillAddress, orderStatus as status } from './support/checkout';
import { signUp, uniqueEmail } from './support/shopper';
import { createProduct } from './support/store';

/** What the page did, in the order it happened: its `order` reads and the realtime frames it got. */
type Seen = { kind: 'order-read' } | { kind: 'frame'; type: string; status?: string };

/** Records the page's `order(orderId)` reads and AppSync realtime frames, in order. */
function watch(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.on('request', (request) => {
    if (
      request.method() === 'POST' &&
      request.url().endsWith('/graphql') &&
      /\border\(orderId/.test(request.postData() ?? '')
    )
      seen.push({ kind: 'order-read' });
  });
  page.on('websocket', (socket) => {
    if (!socket.url().endsWith('/graphql/realtime')) return;
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        type: string;
        payload?: { data?: { onOrderUpdated?: { status?: string } } };
      };
      seen.push({ kind: 'frame', type: message.type, status: message.payload?.data?.onOrderUpdated?.status });
    });
  });
  return seen;
}

async function placeOrder(page: Page, label: string) {
  const kettle = await createProduct({ label, price: 2500, stock: 5 });
  await signUp(page, uniqueEmail(label.toLowerCase()));
  await addToCart(page, kettle, 1);
  await page.goto('/checkout');
  await fillAddress(page, 'US');
  await page.getByRole('radio', { name: /tok_visa/ }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/orders\/[^/]+$/);
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
