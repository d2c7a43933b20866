'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { myProfile } from '@/lib/account';
import { ApiError } from '@/lib/api';
import { signedInToken } from '@/lib/auth';
import { policyLabel } from '@/lib/auth-routes';
import type { CustomerProfile } from '@/lib/types';
import { LoadFailed } from '../load-failed';
import { SignInNotice, useSession, useSignedInSession } from '../session';
import { useLoad } from '../use-load';

const MEMBER_SINCE = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' });

const loadProfile = async (): Promise<{ name: 'ready'; profile: CustomerProfile }> => ({
  name: 'ready',
  profile: await myProfile(await signedInToken()),
});

const messageOf = (error: unknown) =>
  error instanceof ApiError && error.network
    ? 'We couldn’t reach the store.'
    : error instanceof ApiError && error.notFound
      ? 'Your account has no profile yet. If you just confirmed it, try again in a moment.'
      : (error as Error)?.message || 'Your account could not be loaded.';

/**
 * The signed-in customer's account: who they are (`me`), what they may do, and the way out. Read on
 * every visit, never cached; a guest is sent to sign in and back here.
 */
export function AccountView() {
  const session = useSignedInSession('/account');
  const { signOut } = useSession();
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const email = session.status === 'signed-in' ? session.user.email : null;
  const { state, retry } = useLoad(loadProfile, { owner: email, messageOf });

  if (session.status === 'unconfigured') {
    return (
      <p className="notice notice--error" role="alert">
        Accounts are not available right now: the store is not configured.
      </p>
    );
  }
  if (session.status === 'signed-out') {
    return <SignInNotice next="/account">Sign in to see your account.</SignInNotice>;
  }
  if (session.status === 'loading' || state.name === 'loading') return <p role="status">Loading your account…</p>;
  if (state.name === 'failed') {
    return <LoadFailed what="your account" message={state.message} onRetry={retry} />;
  }

  const onSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
      router.push('/');
    } finally {
      setSigningOut(false);
    }
  };

  const { profile } = state;
  return (
    <>
      <dl className="account-details">
        <div>
          <dt>Email</dt>
          <dd data-testid="account-email">{profile.email}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>
            <time dateTime={profile.createdAt}>{MEMBER_SINCE.format(new Date(profile.createdAt))}</time>
          </dd>
        </div>
        <div>
          <dt>Access</dt>
          <dd>{policyLabel(profile.policyId)}</dd>
        </div>
      </dl>
      <ul className="account-links">
        <li>
          <Link href="/orders">Your orders</Link>
        </li>
        <li>
          <Link href="/cart">Your cart</Link>
        </li>
      </ul>
      <p>
        <button type="button" className="button button--secondary" onClick={onSignOut} disabled={signingOut}>
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </p>
    </>
  );
}
