import { expect, test } from '@playwright/test';
import { emailsTo, waitForCode } from '../support/outbox';
import { keyPage } from '../support/screenshots';
import {
  SHOPPER_PASSWORD,
  expectSignedIn,
  expectSignedOut,
  header,
  signUp,
  signOut,
  uniqueEmail,
} from '../support/shopper';

/**
 * Journey 4: a shopper who forgot their password resets it with the emailed code and signs in with
 * the new one; then the account page, signing out there, and back to it through sign-in.
 */

const NEW_PASSWORD = 'N3w!password';

test('a shopper who forgot their password resets it with the emailed code, signs in with the new one, sees their account and signs out', async ({
  page,
}, testInfo) => {
  const email = uniqueEmail('reset');

  await test.step('an account exists, and its owner is signed out', async () => {
    await signUp(page, email);
    await signOut(page);
  });

  let code = '';
  await test.step('"Forgot your password?" sends a code to the email', async () => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
    await keyPage(page, testInfo, 'forgot-password');
    const received = (await emailsTo(email)).length; // the sign-up code's mail, same subject
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page.getByText(`If ${email} has an account, we emailed it a code.`)).toBeVisible();
    code = await waitForCode(email, { after: received });
    await keyPage(page, testInfo, 'reset-password');
  });

  await test.step('a wrong code is refused, saying so', async () => {
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('Code').fill(wrong);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'That code is not right. Check the latest email we sent and try again.',
    );
  });

  await test.step('the emailed code resets the password and leads back to sign in, the email filled in', async () => {
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect(page).toHaveURL(/\/sign-in\?reset=1/);
    await expect(page.getByText('Your password has been changed. Sign in with your new password.')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await keyPage(page, testInfo, 'sign-in-after-reset');
  });

  await test.step('the old password no longer signs in; the new one does', async () => {
    await page.getByLabel('Password').fill(SHOPPER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Incorrect email or password.');
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectSignedIn(page, email);
  });

  await test.step('the account page shows who they are and what they may do', async () => {
    await header(page).getByRole('link', { name: 'Account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByTestId('account-email')).toHaveText(email);
    await expect(page.getByText('Member since')).toBeVisible();
    await expect(page.getByText(/^Shopper: you can place, follow and cancel your orders/)).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Your orders' })).toBeVisible();
    await keyPage(page, testInfo, 'account');
  });

  await test.step('"Sign out" on the account page signs out', async () => {
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await expectSignedOut(page);
  });

  await test.step('signed out, the account page asks to sign in and comes back after', async () => {
    await page.goto('/account');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
    await expect(page.getByText('Sign in to see your account.')).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('account-email')).toHaveText(email);
  });
});
