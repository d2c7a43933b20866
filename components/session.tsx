'use client';

import { Hub } from 'aws-amplify/utils';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { currentUser, type SessionUser } from '@/lib/auth';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unconfigured' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: SessionUser };

interface SessionContextValue {
  session: SessionState;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue>({
  session: { status: 'loading' },
  refresh: async () => {},
});

/** Who is signed in, from Amplify's stored tokens; follows sign-in, sign-out and token refresh. */
export function SessionProvider({ configured, children }: { configured: boolean; children: ReactNode }) {
  // Starts as `loading` on the server and in the first client render alike (no hydration mismatch).
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    if (!configured) {
      setSession({ status: 'unconfigured' });
      return;
    }
    try {
      const user = await currentUser();
      setSession(user ? { status: 'signed-in', user } : { status: 'signed-out' });
    } catch {
      setSession({ status: 'signed-out' });
    }
  }, [configured]);

  useEffect(() => {
    void refresh();
    if (!configured) return;
    return Hub.listen('auth', ({ payload }) => {
      if (['signedIn', 'signedOut', 'tokenRefresh', 'tokenRefresh_failure'].includes(payload.event)) void refresh();
    });
  }, [configured, refresh]);

  const value = useMemo(() => ({ session, refresh }), [session, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  return useContext(SessionContext);
}
