import { expect, test, type Page } from '@playwright/test';
import { createProduct, type TestProduct } from './support/store';

/**
 * The shopper's catalog: search by text, narrow by category and price, sort, open a product, look
 * through its images, add it to the cart; and what crawlers read (sitemap, robots.txt, Open Graph).
 */

const results = (page: Page) => page.getByRole('list', { name: 'Search results' });
const filters = (page: Page) => page.getByRole('main').getByRole('search');

let word: string;
let lamp: TestProduct;
let vase: TestProduct;

test.beforeAll(async () => {
  word = `orbit${Date.now().toString(36)}`;
  [lamp, vase] = await Promise.all([
    createProduct({
      label: `${word} lamp`,
      price: 1500,
      stock: 3,
      images: ['/products/beeswax-candles.svg', '/products/brass-fountain-pen.svg'],
    }),
    createProduct({ label: `${word} vase`, price: 4500, stock: 0 }),
  ]);
});

test('a shopper searches, filters and sorts the catalog, opens a product, browses its images and adds it to the cart', async ({
  page,
}) => {
  await test.step('search by text with the keyboard', async () => {
    // The grid is a view the products reach a moment after they are written.
    await expect(async () => {
      await page.goto('/search');
      const box = filters(page).getByRole('searchbox', { name: 'Search products' });
      await box.fill(word);
      await box.press('Enter');
      await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
      await expect(results(page).getByRole('link')).toHaveCount(2, { timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId('result-count')).toHaveText('2 products');
    const soldOut = results(page).getByRole('link', { name: new RegExp(vase.name) });
    await expect(soldOut).toContainText('Out of stock');
    await expect(soldOut).toContainText('$45.00');
    await expect(results(page).getByRole('link', { name: new RegExp(lamp.name) })).not.toContainText('Out of stock');
  });

  await test.step('filter by category and price', async () => {
    const form = filters(page);
    await form.getByRole('combobox', { name: 'Category' }).selectOption(lamp.category);
    await form.getByRole('spinbutton', { name: 'Min price' }).fill('10');
    await form.getByRole('spinbutton', { name: 'Max price' }).fill('20');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/[?&]min=10&max=20/);
    await expect(page).toHaveURL(new RegExp(`[?&]category=${lamp.category}`));
    await expect(results(page).getByRole('link')).toHaveCount(1);
    await expect(results(page).getByRole('link', { name: new RegExp(lamp.name) })).toContainText('$15.00');
  });

  await test.step('an empty result says so and offers to clear the filters', async () => {
    const form = filters(page);
    await form.getByRole('spinbutton', { name: 'Min price' }).fill('50');
    await form.getByRole('spinbutton', { name: 'Max price' }).fill('60');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText(`No products match “${word}” with these filters.`)).toBeVisible();
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect(results(page).getByRole('link')).toHaveCount(2);
  });

  await test.step('sort by price', async () => {
    const sort = filters(page).getByRole('combobox', { name: 'Sort by' });
    await sort.selectOption({ label: 'Price: high to low' });
    await filters(page).getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/[?&]sort=price-desc/);
    await expect(results(page).getByRole('link').first()).toContainText(vase.name);
    await filters(page).getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Price: low to high' });
    await filters(page).getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/[?&]sort=price-asc/);
    await expect(results(page).getByRole('link').first()).toContainText(lamp.name);
  });

  await test.step('open a product and switch its image', async () => {
    await results(page)
      .getByRole('link', { name: new RegExp(lamp.name) })
      .click();
    await expect(page).toHaveURL(new RegExp(`/product/${lamp.slug}$`));
    await expect(page.getByRole('heading', { level: 1, name: lamp.name })).toBeVisible();
    await expect(page.getByRole('img', { name: `${lamp.name}, image 1 of 2` })).toHaveAttribute(
      'src',
      /beeswax-candles/,
    );
    const second = page.getByRole('button', { name: 'Show image 2 of 2' });
    await second.click();
    await expect(second).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('img', { name: `${lamp.name}, image 2 of 2` })).toHaveAttribute(
      'src',
      /brass-fountain-pen/,
    );
    await expect(page.getByTestId('stock')).toHaveText('Only 3 left');
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', lamp.name);
  });

  await test.step('add it to the cart', async () => {
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByText(`Added 2 × ${lamp.name} to your cart.`)).toBeVisible();
  });
});

test('crawlers get a sitemap of the catalog and are kept out of the shoppers’ own pages', async ({ request }) => {
  const sitemap = await request.get('/sitemap.xml');
  expect(sitemap.ok()).toBe(true);
  const xml = await sitemap.text();
  expect(xml).toMatch(/<loc>[^<]*\/product\/cast-iron-skillet<\/loc>/);
  expect(xml).toMatch(/<loc>[^<]*\/category\/kitchen<\/loc>/);

  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/^Disallow: \/checkout$/m);
  expect(robots).toMatch(/^Disallow: \/account$/m);
  expect(robots).toMatch(/^Sitemap: \S+\/sitemap\.xml$/m);
});
