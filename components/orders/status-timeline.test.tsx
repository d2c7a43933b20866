import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusTimeline, formatOrderTime } from './status-timeline';

/** Intl puts a narrow no-break space before AM/PM; a shopper reads a space. */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

const steps = () =>
  within(screen.getByRole('list', { name: 'Status history' }))
    .getAllByRole('listitem')
    .map((item) => plain(item.textContent));

describe('StatusTimeline', () => {
  it('lists the steps oldest first, each with its time, and ends with where the order is now', () => {
    render(
      <StatusTimeline
        aria-label="Status history"
        timeStyle="medium"
        changes={[
          { status: 'PENDING', at: '2026-03-05T14:07:09.000Z' },
          { status: 'CONFIRMED', at: '2026-03-05T14:07:11.000Z' },
          { status: 'SHIPPED', at: '2026-03-06T09:30:00.000Z' },
        ]}
      />,
    );
    expect(steps()).toEqual([
      'PENDING Mar 5, 2026, 2:07:09 PM',
      'CONFIRMED Mar 5, 2026, 2:07:11 PM',
      'SHIPPED Mar 6, 2026, 9:30:00 AM',
    ]);
    expect(steps().at(-1)).toMatch(/^SHIPPED/);
  });

  it('says why an order failed', () => {
    render(
      <StatusTimeline
        aria-label="Status history"
        timeStyle="short"
        changes={[
          { status: 'PENDING', at: '2026-03-05T14:07:09.000Z' },
          { status: 'FAILED', at: '2026-03-05T14:07:12.000Z', reason: 'Your card was declined.' },
        ]}
      />,
    );
    expect(steps()).toEqual(['PENDING Mar 5, 2026, 2:07 PM', 'FAILED Mar 5, 2026, 2:07 PM — Your card was declined.']);
  });

  it('says why an order was cancelled, and nothing after a step that has no reason', () => {
    render(
      <StatusTimeline
        aria-label="Status history"
        timeStyle="short"
        changes={[
          { status: 'CONFIRMED', at: '2026-03-05T14:07:11.000Z', reason: null },
          { status: 'CANCELLED', at: '2026-03-05T15:00:00.000Z', reason: 'Cancelled by the customer' },
        ]}
      />,
    );
    expect(steps()).toEqual([
      'CONFIRMED Mar 5, 2026, 2:07 PM',
      'CANCELLED Mar 5, 2026, 3:00 PM — Cancelled by the customer',
    ]);
  });

  it('gives each time in machine-readable form for assistive technology', () => {
    render(
      <StatusTimeline
        aria-label="Status history"
        timeStyle="short"
        changes={[{ status: 'PENDING', at: '2026-03-05T14:07:09.000Z' }]}
      />,
    );
    const time = screen.getByText((_, element) => element?.tagName === 'TIME');
    expect(time.getAttribute('datetime')).toBe('2026-03-05T14:07:09.000Z');
  });
});

describe('formatOrderTime', () => {
  it('writes a time with or without seconds', () => {
    expect(plain(formatOrderTime('2026-12-31T23:59:59.000Z', 'medium'))).toBe('Dec 31, 2026, 11:59:59 PM');
    expect(plain(formatOrderTime('2026-12-31T23:59:59.000Z', 'short'))).toBe('Dec 31, 2026, 11:59 PM');
  });

  it('shows what it was given when it is not a date, rather than "Invalid Date"', () => {
    expect(formatOrderTime('soon', 'short')).toBe('soon');
  });
});
