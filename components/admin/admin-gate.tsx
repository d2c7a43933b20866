'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, adminToken, listProductsAsAdmin } from '@/lib/admin';
import { useSession } from '../session';
import { AdminNav } from './admin-nav';
import { LoadFailed } from '../load-failed';

type Access = { name: 'checking' } | { name: 'denied' } | { name: 'failed'; message: string } | { name: 'granted' };

/**
 * The admin area's door, around every admin page. Whether the user may be here is the API's
 * decision, not the page's: the first request is the admin `listProducts` with the user's ID token,
 * and a refusal shows the access notice (the authorizer tells the user through SNS as well). A
 * page's own requests are sent only once access is granted; the API refuses them to anyone else.
 */
export function AdminGate({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const pathname = usePathname();
  const [access, setAccess] = useState<Access>({ name: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const checked = useRef<string | null>(null);
  const email = session.status === 'signed-in' ? session.user.email : null;

  useEffect(() => {
    // Once per signed-in user (and "Try again"): React's development double effects send no second request.
    const key = `${email}#${attempt}`;
    if (!email || checked.current === key) return;
    checked.current = key;
    setAccess({ name: 'checking' });
    void (async () => {
      try {
        await listProductsAsAdmin(await adminToken(), null, 1);
        setAccess({ name: 'granted' });
      } catch (error) {
        if (error instanceof ApiError && error.accessDenied) setAccess({ name: 'denied' });
        else setAccess({ name: 'failed', message: (error as Error).message });
      }
    })();
  }, [email, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (session.status === 'signed-in' && access.name === 'granted') {
    return (
      <div className="admin-shell">
        <AdminNav />
        <div className="admin-shell__page">{children}</div>
      </div>
    );
  }

  return (
    <section className="admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">Store admin</h1>
      <Door session={session.status} email={email} access={access} next={pathname ?? '/admin'} retry={retry} />
    </section>
  );
}

function Door({
  session,
  email,
  access,
  next,
  retry,
}: {
  session: ReturnType<typeof useSession>['session']['status'];
  email: string | null;
  access: Access;
  next: string;
  retry: () => void;
}) {
  if (session === 'loading') return <p role="status">Checking your access…</p>;
  if (session === 'unconfigured')
    return (
      <p className="notice notice--error" role="alert">
        The admin area is unavailable: the store is not configured.
      </p>
    );
  if (session === 'signed-out')
    return (
      <div className="notice">
        <p>Sign in with an admin account to manage the store.</p>
        <p>
          <Link className="button" href={`/sign-in?next=${encodeURIComponent(next)}`}>
            Sign in
          </Link>
        </p>
      </div>
    );
  switch (access.name) {
    case 'checking':
    case 'granted':
      return <p role="status">Checking your access…</p>;
    case 'denied':
      return (
        <section className="notice notice--error" role="alert" aria-labelledby="admin-denied-title">
          <h2 id="admin-denied-title">You don’t have access to the admin area</h2>
          <p>
            You are signed in as <strong>{email}</strong>, which is not a store admin account.
          </p>
          <p>
            <Link href="/">Back to the shop</Link>
          </p>
        </section>
      );
    case 'failed':
      return <LoadFailed what="the admin area" message={access.message} onRetry={retry} />;
  }
}
