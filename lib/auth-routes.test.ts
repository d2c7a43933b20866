import { describe, expect, it } from 'vitest';
import { forgotPasswordPath, policyLabel, signInAfterResetPath, signInNotice } from './auth-routes';

describe('the sign-in pages’ paths', () => {
  it('keeps where the shopper was going through a password reset and back', () => {
    expect(forgotPasswordPath('/checkout')).toBe('/forgot-password?next=%2Fcheckout');
    expect(forgotPasswordPath('/', ' ada@example.com ')).toBe('/forgot-password?email=ada%40example.com');
    expect(signInAfterResetPath('ada+shop@example.com', '/checkout')).toBe(
      '/sign-in?reset=1&email=ada%2Bshop%40example.com&next=%2Fcheckout',
    );
    expect(signInAfterResetPath('ada@example.com', '/')).toBe('/sign-in?reset=1&email=ada%40example.com');
  });
});

describe('signInNotice', () => {
  it('says the password changed after a reset, before anything else', () => {
    expect(signInNotice({ reset: '1' }, '/checkout')).toBe(
      'Your password has been changed. Sign in with your new password.',
    );
  });

  it('says why the shopper must sign in, or that the account is confirmed', () => {
    expect(signInNotice({ confirmed: '1' }, '/')).toBe('Your account is confirmed. Sign in to continue.');
    expect(signInNotice({}, '/checkout')).toBe('Sign in to check out. Your cart is kept.');
    expect(signInNotice({}, '/orders')).toBe('Sign in to see your orders.');
    expect(signInNotice({}, '/account')).toBe('Sign in to see your account.');
    expect(signInNotice({}, '/')).toBeUndefined();
  });
});

describe('policyLabel', () => {
  it('names the access policies in the shopper’s words, and an unknown one by its id', () => {
    expect(policyLabel('customers')).toMatch(/^Shopper/);
    expect(policyLabel('admins')).toMatch(/^Store administrator/);
    expect(policyLabel('wholesale')).toBe('Custom access (wholesale)');
  });
});
