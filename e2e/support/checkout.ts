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
