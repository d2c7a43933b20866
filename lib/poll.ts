/**
 * Polling with backoff, for a value that settles by itself (an order leaving PENDING). Plain timers,
 * no React, so the schedule can be tested with fake timers.
 */

/** Every second at first, then slower, at most every 3 s: 1, 1, 1, 1.5, 2, 2.5, 3, 3, … seconds. */
export function pollDelay(attempt: number, { first = 1000, max = 3000, fastAttempts = 3, step = 500 } = {}): number {
  if (attempt < fastAttempts) return first;
  return Math.min(max, first + (attempt - fastAttempts + 1) * step);
}

export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface PollOptions<T> {
  /** One look at the value. */
  load: () => Promise<T>;
  /** Whether to stop after this value (e.g. the order is CONFIRMED or FAILED). */
  isDone: (value: T) => boolean;
  onValue: (value: T) => void;
  /** A failed look: answer `retry` to look again later (backing off as usual) or `stop`. */
  onError: (error: unknown) => 'retry' | 'stop';
  /** The wait before look number `attempt + 1` (0-based), in ms. */
  delay?: (attempt: number) => number;
  timers?: Timers;
}

/**
 * Looks at once, then again after each delay until `isDone` or `onError` says stop. Returns `stop`,
 * which cancels the next look and ignores an answer still on its way (e.g. on unmount).
 */
export function poll<T>({
  load,
  isDone,
  onValue,
  onError,
  delay = pollDelay,
  timers = globalThis as Timers,
}: PollOptions<T>): () => void {
  let stopped = false;
  let handle: unknown;
  let attempt = 0;

  const look = async () => {
    handle = undefined;
    let again: boolean;
    try {
      const value = await load();
      if (stopped) return;
      onValue(value);
      again = !isDone(value);
    } catch (error) {
      if (stopped) return;
      again = onError(error) === 'retry';
    }
    if (!again || stopped) return;
    handle = timers.setTimeout(() => void look(), delay(attempt++));
  };

  void look();
  return () => {
    stopped = true;
    if (handle !== undefined) timers.clearTimeout(handle);
  };
}
