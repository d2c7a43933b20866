import type { ComponentProps } from 'react';

const FORMATS = {
  short: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }),
  medium: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' }),
};

/** `iso` as the order pages show a time (`short` leaves out the seconds); as given if it is not a date. */
export function formatOrderTime(iso: string, timeStyle: keyof typeof FORMATS): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : FORMATS[timeStyle].format(date);
}

/** An order's status changes, oldest first: the status, when, and why where there is a reason. */
export function StatusTimeline({
  changes,
  timeStyle,
  ...list
}: {
  changes: readonly { status?: string | null; at: string; reason?: string | null }[];
  timeStyle: keyof typeof FORMATS;
} & Omit<ComponentProps<'ol'>, 'children'>) {
  return (
    <ol {...list}>
      {changes.map((change, index) => (
        <li key={`${change.status}-${change.at}-${index}`}>
          <strong>{change.status}</strong> <time dateTime={change.at}>{formatOrderTime(change.at, timeStyle)}</time>
          {change.reason && <span className="hint"> — {change.reason}</span>}
        </li>
      ))}
    </ol>
  );
}
