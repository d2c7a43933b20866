'use client';

import { useCallback, useEffect, useState } from 'react';

/** A page's data: loading, failed (with the reason, in words for the page), or what its load answered. */
export type Loadable<Loaded> = { name: 'loading' } | { name: 'failed'; message: string } | Loaded;

const ownWords = (error: unknown) => (error as Error).message;

/**
 * Runs `load` when the page opens, again whenever `load` changes (wrap it in useCallback with what
 * it reads) and on `retry`, and keeps only the latest run's answer. With `owner` (the signed-in
 * user's email) it waits while there is none and runs again for another. A failure becomes the
 * 'failed' state in `messageOf`'s words. `attempt` counts the retries, for loads that go with this one.
 */
export function useLoad<Loaded>(
  load: () => Promise<Loaded>,
  { owner, messageOf = ownWords }: { owner?: string | null; messageOf?: (error: unknown) => string } = {},
) {
  const [state, setState] = useState<Loadable<Loaded>>({ name: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (owner === null) return;
    let live = true;
    setState({ name: 'loading' });
    load().then(
      (loaded) => {
        if (live) setState(loaded);
      },
      (error: unknown) => {
        if (live) setState({ name: 'failed', message: messageOf(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, owner, messageOf, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, setState, retry, attempt };
}
