'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionUser } from '@/lib/auth';

/**
 * lib/auth.ts (and with it aws-amplify), loaded after hydration: every page shows the header, and a
 * catalog page should not carry the session code in its first load for it.
 */
const loadAuth = () => import('@/lib/auth');

export type SessionState =
  | { status: 'loading' }
  | { status: 'unconfigured' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: SessionUser };

interface SessionContextValue {
  session: SessionState;
  refresh: () => Promise<void>;
  /** Signs this browser out; the session then reads `signed-out`. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue>({
  session: { status: 'loading' },
  refresh: async () => {},
  signOut: async () => {},
});

/**
 * Who is signed in, from Amplify's stored tokens; follows sign-in, sign-out and token refresh.
 * `loading` until lib/auth.ts has loaded and read them.
 */
export function SessionProvider({ configured, children }: { configured: boolean; children: ReactNode }) {
  // Starts as `loading` on the server and in the first client render alike (no hydration mismatch).
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    if (!configured) {
      setSession({ status: 'unconfigured' });
      return;
    }
    try {
      const user = await (await loadAuth()).currentUser();
      setSession(user ? { status: 'signed-in', user } : { status: 'signed-out' });
    } catch {
      setSession({ status: 'signed-out' });
    }
  }, [configured]);

  useEffect(() => {
    void refresh();
    if (!configured) return;
    let listening = true;
    let stop: (() => void) | undefined;
    void loadAuth().then(
      (auth) => {
        if (listening) stop = auth.onSessionChange(() => void refresh());
      },
      () => {}, // refresh() has reported the session as signed out
    );
    return () => {
      listening = false;
      stop?.();
    };
  }, [configured, refresh]);

  const signOut = useCallback(async () => {
    await (await loadAuth()).signOutOfStore();
    await refresh();
  }, [refresh]);

  const value = useMemo(() => ({ session, refresh, signOut }), [session, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  return useContext(SessionContext);
}

/** The sign-in page, coming back to `next` after. */
export const signInPath = (next: string) => `/sign-in?next=${encodeURIComponent(next)}`;

/**
 * The session, for a page only a signed-in shopper may see: once the session is known to be
 * signed out, the shopper is sent to sign in and back to `next`.
 */
export function useSignedInSession(next: string): SessionState {
  const { session } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (session.status === 'signed-out') router.replace(signInPath(next));
  }, [session.status, router, next]);
  return session;
}

/** What a signed-out shopper sees while being sent to sign in (or if the redirect does not happen). */
export function SignInNotice({ next, children }: { next: string; children: ReactNode }) {
  return (
    <div className="notice" role="status">
      <p>{children}</p>
      <p>
        <Link className="button" href={signInPath(next)}>
          Sign in
        </Link>
      </p>
    </div>
  );
}
