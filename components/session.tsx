'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionUser } from '@/lib/auth';

/**
 * lib/auth.ts (and with it aws-amplify), loaded after hydration: every page shows the header, and a
 * catalog page should not carry the session code in its first load for it.
 */
const loadAuth = () => import('@/lib/auth');

/** Where aws-amplify keeps a Cognito session in this browser's localStorage (its tokens' keys start so). */
const AMPLIFY_SESSION_KEY_PREFIX = 'CognitoIdentityServiceProvider.';

/**
 * Whether this browser holds anything of a session. One that never signed in (most visitors of a
 * catalog page) holds nothing: it is signed out without loading aws-amplify, whose parsing and
 * running is otherwise a catalog page's longest task on a phone. Unreadable storage: Amplify decides.
 */
function mayHoldSession(): boolean {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      if (localStorage.key(i)?.startsWith(AMPLIFY_SESSION_KEY_PREFIX)) return true;
    }
    return false;
  } catch {
    return true;
  }
}

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

const LOADING: SessionState = { status: 'loading' };

/**
 * Who is signed in, from Amplify's stored tokens; follows sign-in, sign-out and token refresh
 * (Amplify's events, listened to once lib/auth.ts is loaded). `loading` until the session is read.
 *
 * A browser found signed out without Amplify has nobody listening to Amplify's events: its session
 * is read again on every navigation (the sign-in and sign-up pages move on once signed in), and
 * reads `loading` from the moment a session is stored until then, so that the page it moves on to
 * does not send the shopper back to sign in.
 */
export function SessionProvider({ configured, children }: { configured: boolean; children: ReactNode }) {
  // Starts as `loading` on the server and in the first client render alike (no hydration mismatch).
  const [session, setSession] = useState<SessionState>(LOADING);
  const [readWithoutAmplify, setReadWithoutAmplify] = useState(false);
  const pathname = usePathname();
  const stopListening = useRef<(() => void) | null>(null);
  const unmounted = useRef(false);

  const refresh = useCallback(async () => {
    if (!configured) {
      setSession({ status: 'unconfigured' });
      return;
    }
    if (!mayHoldSession()) {
      setReadWithoutAmplify(true);
      setSession((known) => (known.status === 'signed-out' ? known : { status: 'signed-out' }));
      return;
    }
    let read: SessionState;
    try {
      const auth = await loadAuth();
      if (!stopListening.current && !unmounted.current) {
        stopListening.current = auth.onSessionChange(() => void refresh());
      }
      const user = await auth.currentUser();
      read = user ? { status: 'signed-in', user } : { status: 'signed-out' };
    } catch {
      read = { status: 'signed-out' };
    }
    // Together, once read: until then a session stored since reads `loading` (see `current`).
    setReadWithoutAmplify(false);
    setSession(read);
  }, [configured]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (readWithoutAmplify) void refresh();
  }, [readWithoutAmplify, refresh, pathname]);

  useEffect(() => {
    unmounted.current = false;
    return () => {
      unmounted.current = true;
      stopListening.current?.();
      stopListening.current = null;
    };
  }, []);

  const signOut = useCallback(async () => {
    await (await loadAuth()).signOutOfStore();
    await refresh();
  }, [refresh]);

  // Read in render, on purpose: the page a sign-in moves on to renders with the provider, and must
  // not see `signed-out` in its first effects (readWithoutAmplify is false on the server).
  const current = readWithoutAmplify && session.status === 'signed-out' && mayHoldSession() ? LOADING : session;
  const value = useMemo(() => ({ session: current, refresh, signOut }), [current, refresh, signOut]);
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
