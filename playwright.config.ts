import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './local/chromium';

/**
 * End-to-end journeys against a running storefront and local cloud. Nothing is started here: the
 * test runner brings the local cloud and the storefront up first and sets STOREFRONT_URL (and
 * OUTBOX_URL, ADMIN_EMAIL, ADMIN_PASSWORD) for the run.
 *
 * The shopper's journeys (`e2e/journeys/`) run twice, on a desktop and on a phone; the other specs,
 * which check behaviour rather than layout, on the desktop only. Key pages are screenshotted into
 * test-results/ and checked with axe (e2e/support/screenshots.ts).
 */
const JOURNEYS = 'journeys/**/*.spec.ts';

const launchOptions = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL: process.env.STOREFRONT_URL ?? 'http://127.0.0.1:3000',
    // The local cloud may serve the storefront's live updates over TLS with a self-signed certificate.
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    // Pixel 7's viewport, pixel ratio, touch and user agent, in the same Chromium; in dark mode, so
    // axe checks the dark palette's contrast too.
    { name: 'phone', testMatch: JOURNEYS, use: { ...devices['Pixel 7'], colorScheme: 'dark', launchOptions } },
  ],
});
