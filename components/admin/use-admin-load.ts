'use client';

import { useCallback, useEffect, useState } from 'react';

/** An admin page's data: loading, failed (with the reason), or what its load answered. */
export type AdminLoad<Loaded> = { name: 'loading' } | { name: 'failed'; message: string } | Loaded;

/**
 * Runs `load` when the page opens, again whenever `load` changes (wrap it in useCallback with what
 * it reads) and on `retry`, and keeps only the latest run's answer. A failure becomes the 'failed'
 * state, for LoadError. `attempt` counts the retries, for loads that go with this one.
 */
export function useAdminLoad<Loaded>(load: () => Promise<Loaded>) {
  const [state, setState] = useState<AdminLoad<Loaded>>({ name: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ name: 'loading' });
    load().then(
      (loaded) => {
        if (live) setState(loaded);
      },
      (error: unknown) => {
        if (live) setState({ name: 'failed', message: (error as Error).message });
      },
    );
    return () => {
      live = false;
    };
  }, [load, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, setState, retry, attempt };
}
