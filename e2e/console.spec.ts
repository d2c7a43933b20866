import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { buy } from './support/checkout';
import { emailsTo } from './support/outbox';
import { signUp, uniqueEmail } from './support/shopper';
import { createProduct } from './support/store';

/** The local cloud's own server, where the console lives (`CLOUD_URL` in the test environment). */
const CLOUD_URL = (process.env.CLOUD_URL ?? 'http://127.0.0.1:4010').replace(/\/+$/, '');

/** The checkout saga's happy path, and the compensations a confirmed order never runs. */
const HAPPY_PATH = ['ReserveStock', 'AuthorizePayment', 'CapturePayment', 'CommitStock', 'MarkOrderConfirmed'];
const NOT_TAKEN = ['ReleaseStock', 'VoidPayment', 'RefundPayment', 'MarkOrderFailed', 'CheckoutFailed'];

const section = (page: Page, name: string) => page.getByRole('region', { name });

async function showOrder(page: Page, orderId: string) {
  await page.goto(`${CLOUD_URL}/console`);
  await expect(page.getByRole('heading', { level: 1, name: 'cloudshop local console' })).toBeVisible();
  await page.getByLabel('Order id').fill(orderId);
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await expect(page.getByRole('status').filter({ hasText: `showing order ${orderId}` })).toBeVisible();
}

async function emailed(to: string, orderId: string) {
  await expect
    .poll(async () => (await emailsTo(to)).some((e) => e.body.includes(orderId)), {
      message: `the confirmation of order ${orderId} emailed to ${to}`,
      timeout: 30_000,
    })
    .toBe(true);
}

test('the local console shows an order’s events, saga path and messages, and redrives a dead letter', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const product = await createProduct({ label: 'Console mug', price: 900, stock: 10 });
  const email = uniqueEmail('console');
  await signUp(page, email);
  const orderId = await buy(page, product, 1);
  await emailed(email, orderId);

  await test.step('narrowed to the order, the console shows its events, with the rules and targets', async () => {
    await showOrder(page, orderId);
    const confirmed = section(page, 'Events').getByRole('row').filter({ hasText: 'OrderConfirmed.v1' });
    await expect(confirmed).toHaveCount(1);
    await expect(confirmed).toContainText(orderId);
    await expect(confirmed).toContainText(/Notify\S* → \S+: delivered/);
    await expect(confirmed).toContainText('invocation succeeded');
  });

  await test.step('its checkout run, with the path it took drawn on the state machine', async () => {
    const runs = section(page, 'Saga runs');
    const run = runs.getByRole('row').filter({ hasText: /checkout/i });
    await expect(run).toHaveCount(1);
    await expect(run).toContainText('SUCCEEDED');
    await run.getByRole('button', { name: /^Show path of / }).click();
    const graph = runs.locator('svg.graph');
    await expect(graph).toBeVisible();
    for (const state of HAPPY_PATH)
      await expect(graph.locator(`[data-state="${state}"]`), `${state} was run`).toHaveAttribute(
        'data-visited',
        'true',
      );
    for (const state of NOT_TAKEN)
      await expect(graph.locator(`[data-state="${state}"]`), `${state} was not run`).toHaveAttribute(
        'data-visited',
        'false',
      );
    await expect(graph.locator('[data-failed="true"]')).toHaveCount(0);
    await expect(runs.getByRole('figure')).toContainText(`path: ${HAPPY_PATH.join(' → ')}`);
  });

  await test.step('its messages: the confirmation email', async () => {
    const emails = section(page, 'Outbox').getByRole('table', { name: /^Emails/ });
    await expect(emails.getByRole('row').filter({ hasText: email })).toContainText(orderId);
    await expect(section(page, 'Health').getByRole('row', { name: /Lambda up/ })).toBeVisible();
    await expectAccessible(page, 'the local console');
    // At a phone's width the page does not scroll sideways: wide tables scroll in their own box.
    await page.setViewportSize({ width: 412, height: 915 });
    await expect(section(page, 'Saga runs').locator('svg.graph')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(412);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  // The notifications function fails for this shopper's next confirmation, as a poison event would.
  const fault = await fetch(`${CLOUD_URL}/lambda/faults`, {
    method: 'POST',
    body: JSON.stringify({
      function: 'notifications-send',
      errorType: 'MailerDown',
      errorMessage: 'the mail provider refused the message',
      when: { 'detail-type': 'OrderConfirmed.v1', detail: { data: { email } } },
    }),
  });
  expect(fault.status, await fault.clone().text()).toBe(201);
  const { id: faultId } = (await fault.json()) as { id: string };
  const poisoned = await buy(page, product, 1);

  await test.step('after Lambda’s retries the event waits in the consumer’s dead-letter queue', async () => {
    await showOrder(page, poisoned);
    const queue = section(page, 'Dead-letter queues').getByRole('row').filter({ hasText: 'notifications-send' });
    await expect(queue).toContainText(`OrderConfirmed.v1 for order ${poisoned}`, { timeout: 30_000 });
    await expect(queue).toContainText('the mail provider refused the message');
    const event = section(page, 'Events').getByRole('row').filter({ hasText: 'OrderConfirmed.v1' });
    await expect(event).toContainText('invocation failed after 3 runs');
    expect((await emailsTo(email)).some((e) => e.body.includes(poisoned))).toBe(false);
  });

  await test.step('with the fault gone, Redrive sends it back and the email goes out', async () => {
    expect((await fetch(`${CLOUD_URL}/lambda/faults/${faultId}`, { method: 'DELETE' })).status).toBe(204);
    const dlq = section(page, 'Dead-letter queues');
    const queue = dlq.getByRole('row').filter({ hasText: 'notifications-send' });
    await queue.getByRole('button', { name: /^Redrive / }).click();
    await expect(dlq.getByRole('status')).toContainText(/Redrove [1-9]\d* of/);
    await expect(queue.getByRole('list', { name: /^Last redrive of / })).toContainText(/notifications\S*: succeeded/);
    await expect(queue).not.toContainText(`for order ${poisoned}`);
    await emailed(email, poisoned);
  });
});
