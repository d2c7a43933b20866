import type { ReactNode } from 'react';

/**
 * A table's box that scrolls sideways when the table is wider than the screen: focusable and named,
 * so a keyboard user can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
