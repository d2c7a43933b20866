'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { authErrorMessage, signInWithPassword } from '@/lib/auth';
import { forgotPasswordPath } from '@/lib/auth-routes';
import { useSession } from '../session';

export function SignInForm({ next, email: initialEmail, notice }: { next: string; email?: string; notice?: string }) {
  const router = useRouter();
  const { session } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setSubmitting(true);
    setError(null);
    try {
      const { nextStep } = await signInWithPassword(email, password);
      switch (nextStep.signInStep) {
        case 'DONE':
          router.push(next);
          return;
        case 'CONFIRM_SIGN_UP':
          router.push(
            `/sign-up?confirm=1&email=${encodeURIComponent(email)}${next === '/' ? '' : `&next=${encodeURIComponent(next)}`}`,
          );
          return;
        default:
          setError('This account needs a step the store does not support yet. Contact support.');
      }
    } catch (thrown) {
      setError(authErrorMessage(thrown));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate={false}>
      {notice && (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      )}
      {session.status === 'unconfigured' && (
        <p className="notice notice--error" role="alert">
          Sign-in is not available right now: the store is not configured.
        </p>
      )}
      <div className="field">
        <label htmlFor="sign-in-email">Email</label>
        <input id="sign-in-email" name="email" type="email" autoComplete="email" required defaultValue={initialEmail} />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required />
        <p className="hint">
          <Link href={forgotPasswordPath(next)}>Forgot your password?</Link>
        </p>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? 'Signing in…' : 'Sign in'}
      </button>
      <p>
        New here?{' '}
        <Link href={next === '/' ? '/sign-up' : `/sign-up?next=${encodeURIComponent(next)}`}>Create an account</Link>
      </p>
    </form>
  );
}
