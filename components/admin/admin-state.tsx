import type { ReactNode } from 'react';

/** What an admin page shows while its data loads. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="admin-loading">
      {children}
    </p>
  );
}

/** What an admin page shows when its data could not be read, with a way to try again. */
export function LoadError({ what, message, retry }: { what: string; message: string; retry: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <p>We couldn’t load {what}. Try again in a moment.</p>
      <p className="hint">{message}</p>
      <p>
        <button type="button" className="button button--secondary" onClick={retry}>
          Try again
        </button>
      </p>
    </div>
  );
}
