/** Shopping steps the checkout and order journeys share: add to cart, fill the address, read the status. */
import { expect, type Page } from '@playwright/test';
import type { TestProduct } from './store';

/** The saga reserves stock, authorizes, captures and commits before an order is final. */
export const SETTLED = { timeout: 45_000 };

/** The order page's live status ("Status: …"). */
export const orderStatus = (page: Page) => page.getByRole('status').filter({ hasText: 'Status:' });

/** Adds `quantity` of `product` from its product page and waits for the confirmation. */
export async function addToCart(page: Page, product: TestProduct, quantity: number) {
  await page.goto(`/product/${product.slug}`);
  await addShownProduct(page, product, quantity);
}

/** On `product`'s page: adds `quantity` of it to the cart and waits for the confirmation. */
export async function addShownProduct(page: Page, product: Pick<TestProduct, 'name'>, quantity: number) {
  await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText(`Added ${quantity} × ${product.name} to your cart.`)).toBeVisible();
}

/** Fills checkout's shipping address, in `country`. */
export async function fillAddress(page: Page, country: string) {
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Address line 1').fill('12 Analytical Row');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('62701');
  await page.getByLabel('Country').selectOption(country);
}

/** The order id in the order page's URL (`/orders/<id>`). */
export const orderIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);

/**
 * On the checkout page: ships to `country`, pays with the test card `card` and places the order;
 * answers the order's id once its page opens (still PENDING: the saga has just started).
 */
export async function placeOrder(page: Page, { country = 'US', card = 'tok_visa' } = {}): Promise<string> {
  await fillAddress(page, country);
  await page.getByRole('radio', { name: new RegExp(card) }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/orders\/[^/]+$/, SETTLED);
  return orderIdOf(page);
}

/** The signed-in shopper buys `quantity` of `product` with the test Visa; answers the order's id once it is CONFIRMED. */
export async function buy(page: Page, product: TestProduct, quantity: number): Promise<string> {
  await addToCart(page, product, quantity);
  await page.goto('/checkout');
  await expect(page.getByRole('region', { name: 'Order summary' })).toContainText(product.name);
  const orderId = await placeOrder(page);
  await expect(orderStatus(page)).toContainText('CONFIRMED', SETTLED);
  return orderId;
}
