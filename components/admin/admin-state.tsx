import type { ReactNode } from 'react';

/** What an admin page shows while its data loads. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="admin-loading">
      {children}
    </p>
  );
}
