'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useSession } from './session';

/** The header's account area: who is signed in (from the ID token) and the way in or out. */
export function AccountMenu() {
  const { session, signOut } = useSession();
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);

  if (session.status === 'loading') return <SignedOutPlaceholder />;

  if (session.status !== 'signed-in') {
    return (
      <nav className="account" aria-label="Account">
        <Link href="/sign-in">Sign in</Link>
        <Link href="/sign-up" className="button button--small">
          Create account
        </Link>
      </nav>
    );
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

  return (
    <nav className="account account--signed-in" aria-label="Account">
      <span className="account__who">
        Signed in as <strong data-testid="signed-in-email">{session.user.email}</strong>
      </span>
      <Link href="/account">Account</Link>
      <Link href="/orders">Your orders</Link>
      {session.user.isAdmin && <Link href="/admin">Admin</Link>}
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={onSignOut}
        disabled={signingOut}
      >
        {signingOut ? 'Signing out…' : 'Sign out'}
      </button>
    </nav>
  );
}

/**
 * What the server renders (the session is read in the browser, after hydration): the signed-out
 * links' twin, invisible, so the header has its final size from the first paint and nothing moves
 * when a signed-out visitor's links appear in its place (most visitors of a catalog page).
 */
function SignedOutPlaceholder() {
  return (
    <div className="account account--pending" aria-hidden="true">
      <span>Sign in</span>
      <span className="button button--small">Create account</span>
    </div>
  );
}
