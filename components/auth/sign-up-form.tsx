'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import {
  authErrorMessage,
  confirmSignUpWithCode,
  sendNewSignUpCode,
  signInWithPassword,
  signUpWithEmail,
} from '@/lib/auth';
import { useSession } from '../session';
import { NewPasswordField } from './new-password-field';

type Step = { name: 'details' } | { name: 'confirm'; email: string };

/**
 * Sign-up in two steps: email and password, then the code Cognito emails. A confirmed shopper is
 * signed in at once with the password just typed (kept in memory only for that); someone who came
 * back later to confirm is sent to sign in.
 */
export function SignUpForm({
  initialEmail,
  startAtConfirm,
  next = '/',
}: {
  initialEmail?: string;
  startAtConfirm: boolean;
  /** Where to go once signed in (a same-site path, already checked). */
  next?: string;
}) {
  const nextQuery = next === '/' ? '' : `&next=${encodeURIComponent(next)}`;
  const router = useRouter();
  const { session } = useSession();
  const [step, setStep] = useState<Step>(
    startAtConfirm && initialEmail ? { name: 'confirm', email: initialEmail } : { name: 'details' },
  );
  const password = useRef<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onDetails = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const typed = String(form.get('password') ?? '');
    setSubmitting(true);
    setError(null);
    try {
      const { nextStep } = await signUpWithEmail(email, typed);
      password.current = typed;
      if (nextStep.signUpStep === 'DONE') {
        await finish(email);
      } else {
        setStep({ name: 'confirm', email });
      }
    } catch (thrown) {
      setError(authErrorMessage(thrown));
    } finally {
      setSubmitting(false);
    }
  };

  const finish = async (email: string) => {
    if (!password.current) {
      router.push(`/sign-in?confirmed=1&email=${encodeURIComponent(email)}${nextQuery}`);
      return;
    }
    try {
      const { nextStep } = await signInWithPassword(email, password.current);
      password.current = null;
      if (nextStep.signInStep === 'DONE') {
        router.push(next);
        return;
      }
    } catch {
      // Fall through: the account exists and is confirmed; signing in by hand will do.
    }
    router.push(`/sign-in?confirmed=1&email=${encodeURIComponent(email)}${nextQuery}`);
  };

  const onConfirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (step.name !== 'confirm') return;
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    setSubmitting(true);
    setError(null);
    setInfo(null);
    try {
      await confirmSignUpWithCode(step.email, code);
      await finish(step.email);
    } catch (thrown) {
      setError(authErrorMessage(thrown));
      setSubmitting(false);
    }
  };

  const onResend = async () => {
    if (step.name !== 'confirm') return;
    setError(null);
    setInfo(null);
    try {
      await sendNewSignUpCode(step.email);
      setInfo('We sent you a new code.');
    } catch (thrown) {
      setError(authErrorMessage(thrown));
    }
  };

  const unconfigured = session.status === 'unconfigured' && (
    <p className="notice notice--error" role="alert">
      Sign-up is not available right now: the store is not configured.
    </p>
  );

  if (step.name === 'confirm') {
    return (
      <form className="form" onSubmit={onConfirm} key="confirm">
        <h2>Check your email</h2>
        <p role="status">
          We emailed you a code at <strong>{step.email}</strong>. Enter it below to confirm your account.
        </p>
        {unconfigured}
        <div className="field">
          <label htmlFor="sign-up-code">Verification code</label>
          <input id="sign-up-code" name="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus />
        </div>
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
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Confirming…' : 'Confirm account'}
        </button>
        <button type="button" className="button button--link" onClick={onResend}>
          Send a new code
        </button>
      </form>
    );
  }

  return (
    <form className="form" onSubmit={onDetails} key="details">
      {unconfigured}
      <div className="field">
        <label htmlFor="sign-up-email">Email</label>
        <input id="sign-up-email" name="email" type="email" autoComplete="email" required defaultValue={initialEmail} />
      </div>
      <NewPasswordField id="sign-up-password" label="Password" />
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? 'Creating account…' : 'Create account'}
      </button>
      <p>
        Already have an account?{' '}
        <Link href={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    </form>
  );
}
