import { expect, type Page } from '@playwright/test';
import { waitForCode } from './outbox';
import { readOutputs } from './outputs';

/** A fresh address per run and per test, so journeys never meet an account from an earlier run. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Meets Cognito's default policy: upper, lower, digit, symbol, 8+ characters. */
export const SHOPPER_PASSWORD = 'Sh0pper!pass';

export const header = (page: Page) => page.getByRole('banner');

/** Asserts the header says `email` is signed in. */
export async function expectSignedIn(page: Page, email: string) {
  await expect(header(page).getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(header(page).getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function expectSignedOut(page: Page) {
  await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(header(page).getByText(/Signed in as/)).toHaveCount(0);
}

/** Signs up through the storefront with the code from the outbox; the shopper ends up signed in. */
export async function signUp(page: Page, email: string, password = SHOPPER_PASSWORD) {
  await page.goto('/sign-up');
  await createAccount(page, email, password);
  await expect(page).toHaveURL(/\/$/);
  await expectSignedIn(page, email);
}

/**
 * Fills the sign-up page the shopper is on, and confirms the account with the emailed code; the
 * page then signs them in and moves on (home, or where `?next=` says).
 */
export async function createAccount(page: Page, email: string, password = SHOPPER_PASSWORD) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('We emailed you a code')).toBeVisible();
  await page.getByLabel('Verification code').fill(await waitForCode(email));
  await page.getByRole('button', { name: 'Confirm account' }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectSignedIn(page, email);
}

export async function signOut(page: Page) {
  await header(page).getByRole('button', { name: 'Sign out' }).click();
  await expectSignedOut(page);
}

/** The claims of the signed-in user's ID token, as aws-amplify stored it in the browser. */
export async function idTokenClaims(page: Page): Promise<Record<string, unknown>> {
  const token = await page.evaluate(() => {
    const key = Object.keys(localStorage).find(
      (k) => k.startsWith('CognitoIdentityServiceProvider.') && k.endsWith('.idToken'),
    );
    return key ? localStorage.getItem(key) : null;
  });
  if (!token) throw new Error('no ID token in the browser: is anyone signed in?');
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** The access-notice topic from amplify_outputs.json (`custom.accessNoticeTopicArn`), if present. */
export function accessNoticeTopicArn(): string | undefined {
  if (process.env.ACCESS_NOTICE_TOPIC_ARN) return process.env.ACCESS_NOTICE_TOPIC_ARN;
  return readOutputs().custom?.accessNoticeTopicArn;
}
