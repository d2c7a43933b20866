/** The shopper's order history ("Your orders"), which reads a view the orders table's stream feeds. */
import type { Page } from '@playwright/test';

/** The views follow the tables' streams: a change shows within a second or two, so a few reloads. */
export const PROJECTED = { timeout: 20_000, intervals: [500, 1000, 2000] };

/** An order in "Your orders", by the start of its id (the card's heading). */
export const orderCard = (page: Page, orderId: string) =>
  page.getByRole('list', { name: 'Your orders' }).getByRole('article', { name: `Order ${orderId.slice(0, 8)}` });
