import { describe, expect, it } from 'vitest';
import { authErrorMessage, resetErrorMessage } from './auth';

const named = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('resetErrorMessage', () => {
  it('tells a wrong, an expired code and a weak password apart, each with what to do', () => {
    expect(resetErrorMessage(named('CodeMismatchException'))).toBe(
      'That code is not right. Check the latest email we sent and try again.',
    );
    expect(resetErrorMessage(named('ExpiredCodeException'))).toBe('That code has expired. Send a new one.');
    expect(resetErrorMessage(named('InvalidPasswordException', 'Password did not conform with policy'))).toBe(
      'Password did not conform with policy',
    );
  });

  it('says no more of an unknown email than Cognito did, and not that the password was wrong', () => {
    const message = resetErrorMessage(named('UserNotFoundException', 'User does not exist.'));
    expect(message).toBe('We couldn’t send a code to that email. Check it and try again.');
    expect(message).not.toBe(authErrorMessage(named('UserNotFoundException')));
  });

  it('asks for what is missing, and words everything else as sign-in does', () => {
    expect(resetErrorMessage(named('EmptyResetPasswordUsername'))).toBe('Enter your email.');
    expect(resetErrorMessage(named('EmptyConfirmResetPasswordConfirmationCode'))).toBe(
      'Enter the code from the email.',
    );
    expect(resetErrorMessage(named('LimitExceededException'))).toBe('Too many attempts. Wait a moment and try again.');
  });
});
