import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetPasswordWithCode, sendPasswordResetCode } from '@/lib/auth';
import { ResetPasswordForm } from './reset-password-form';

// Cognito at the module that calls it; the router records where the form sends the shopper.
vi.mock('@/lib/auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth')>()),
  sendPasswordResetCode: vi.fn(),
  resetPasswordWithCode: vi.fn(),
}));
const push = vi.fn();
vi.mock('next/navigation', () => ({ useRouter: () => ({ push, replace: vi.fn() }) }));

const named = (name: string, message = '') => Object.assign(new Error(message), { name });
const sendCode = vi.mocked(sendPasswordResetCode);
const reset = vi.mocked(resetPasswordWithCode);

beforeEach(() => {
  push.mockReset();
  sendCode.mockReset().mockResolvedValue({} as never);
  reset.mockReset().mockResolvedValue(undefined);
});

const toCodeStep = async (email = 'ada@example.com') => {
  const user = userEvent.setup();
  render(<ResetPasswordForm next="/checkout" />);
  await user.type(screen.getByLabelText('Email'), email);
  await user.click(screen.getByRole('button', { name: 'Send code' }));
  await screen.findByLabelText('Code');
  return user;
};

describe('ResetPasswordForm', () => {
  it('sends a code to the email, then resets with the code and goes back to sign in, email and next kept', async () => {
    const user = await toCodeStep();
    expect(sendCode).toHaveBeenCalledWith('ada@example.com');
    await user.type(screen.getByLabelText('Code'), '123456');
    await user.type(screen.getByLabelText('New password'), 'N3w!password');
    await user.click(screen.getByRole('button', { name: 'Reset password' }));
    expect(reset).toHaveBeenCalledWith('ada@example.com', '123456', 'N3w!password');
    expect(push).toHaveBeenCalledWith('/sign-in?reset=1&email=ada%40example.com&next=%2Fcheckout');
  });

  it('says a wrong code is wrong and stays on the step, so the shopper can fix it', async () => {
    reset.mockRejectedValueOnce(named('CodeMismatchException', 'Invalid verification code provided'));
    const user = await toCodeStep();
    await user.type(screen.getByLabelText('Code'), '000000');
    await user.type(screen.getByLabelText('New password'), 'N3w!password');
    await user.click(screen.getByRole('button', { name: 'Reset password' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'That code is not right. Check the latest email we sent and try again.',
    );
    expect(screen.getByLabelText('Code')).toBeTruthy();
    expect(push).not.toHaveBeenCalled();
  });

  it('passes on Cognito’s words for a weak password', async () => {
    reset.mockRejectedValueOnce(named('InvalidPasswordException', 'Password must have symbol characters'));
    const user = await toCodeStep();
    await user.type(screen.getByLabelText('Code'), '123456');
    await user.type(screen.getByLabelText('New password'), 'weakpassword');
    await user.click(screen.getByRole('button', { name: 'Reset password' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Password must have symbol characters');
  });

  it('sends a new code on request, and says so', async () => {
    const user = await toCodeStep();
    await user.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect(sendCode).toHaveBeenCalledTimes(2);
    expect((await screen.findByText('We sent you a new code.')).getAttribute('role')).toBe('status');
  });

  it('does not say whether an account exists for the email', async () => {
    await toCodeStep('nobody@example.com');
    expect(screen.getByRole('status').textContent).toBe(
      'If nobody@example.com has an account, we emailed it a code. Enter the code and a new password.',
    );
  });
});
