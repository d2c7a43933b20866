'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { resetErrorMessage, resetPasswordWithCode, sendPasswordResetCode } from '@/lib/auth';
import { signInAfterResetPath } from '@/lib/auth-routes';
import { useSession } from '../session';
import { NewPasswordField } from './new-password-field';

type Step = { name: 'email' } | { name: 'code'; email: string };

/**
 * A forgotten password, in two steps: the email, to which Cognito sends a code; then the code and
 * a new password. Done, the shopper signs in again with the new password (the email filled in, and
 * `next` kept, so a checkout carries on after).
 */
export function ResetPasswordForm({ initialEmail, next }: { initialEmail?: string; next: string }) {
  const router = useRouter();
  const { session } = useSession();
  const [step, setStep] = useState<Step>({ name: 'email' });
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const sendCode = async (email: string) => {
    setSubmitting(true);
    setError(null);
    setInfo(null);
    try {
      await sendPasswordResetCode(email);
      setStep({ name: 'code', email });
      return true;
    } catch (thrown) {
      setError(resetErrorMessage(thrown));
      return false;
    } finally {
      setSubmitting(false);
    }
  };

  const onEmail = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await sendCode(String(new FormData(event.currentTarget).get('email') ?? '').trim());
  };

  const onReset = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (step.name !== 'code') return;
    const form = new FormData(event.currentTarget);
    const code = String(form.get('code') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setSubmitting(true);
    setError(null);
    setInfo(null);
    try {
      await resetPasswordWithCode(step.email, code, password);
      router.push(signInAfterResetPath(step.email, next));
    } catch (thrown) {
      setError(resetErrorMessage(thrown));
      setSubmitting(false);
    }
  };

  const onResend = async () => {
    if (step.name === 'code' && (await sendCode(step.email))) setInfo('We sent you a new code.');
  };

  const problems = (
    <>
      {session.status === 'unconfigured' && (
        <p className="notice notice--error" role="alert">
          Password reset is not available right now: the store is not configured.
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {info && (
        <p className="notice notice--success" role="status">
          {info}
        </p>
      )}
    </>
  );

  if (step.name === 'code') {
    return (
      <form className="form" onSubmit={onReset} key="code">
        <p role="status">
          If <strong>{step.email}</strong> has an account, we emailed it a code. Enter the code and a new password.
        </p>
        <div className="field">
          <label htmlFor="reset-code">Code</label>
          <input id="reset-code" name="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus />
        </div>
        <NewPasswordField id="reset-password" label="New password" />
        {problems}
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Resetting…' : 'Reset password'}
        </button>
        <p>
          <button type="button" className="button button--link" onClick={onResend} disabled={submitting}>
            Send a new code
          </button>{' '}
          <button
            type="button"
            className="button button--link"
            onClick={() => {
              setStep({ name: 'email' });
              setError(null);
              setInfo(null);
            }}
          >
            Use another email
          </button>
        </p>
      </form>
    );
  }

  return (
    <form className="form" onSubmit={onEmail} key="email">
      <p>Enter the email you signed up with, and we’ll send you a code to choose a new password.</p>
      <div className="field">
        <label htmlFor="reset-email">Email</label>
        <input id="reset-email" name="email" type="email" autoComplete="email" required defaultValue={initialEmail} />
      </div>
      {problems}
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? 'Sending…' : 'Send code'}
      </button>
      <p>
        Remembered it?{' '}
        <Link href={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    </form>
  );
}
