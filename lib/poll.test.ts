import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { poll, pollDelay } from './poll';

describe('pollDelay', () => {
  it('polls every second at first, then backs off to every 3 seconds', () => {
    expect(Array.from({ length: 9 }, (_, attempt) => pollDelay(attempt))).toEqual([
      1000, 1000, 1000, 1500, 2000, 2500, 3000, 3000, 3000,
    ]);
  });
});

describe('poll', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A load that answers the given statuses in turn (the last one forever). */
  const statuses = (...answers: string[]) => {
    let i = 0;
    return vi.fn(async () => answers[Math.min(i++, answers.length - 1)]);
  };
  const final = (status: string) => status === 'CONFIRMED' || status === 'FAILED';

  it('looks at once, then on the backoff schedule, and stops at a final value', async () => {
    const load = statuses('PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'CONFIRMED');
    const seen: string[] = [];
    poll({ load, isDone: final, onValue: (v) => seen.push(v), onError: () => 'stop' });

    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2); // after 1 s
    await vi.advanceTimersByTimeAsync(2000);
    expect(load).toHaveBeenCalledTimes(4); // 1 s, 1 s
    await vi.advanceTimersByTimeAsync(1499);
    expect(load).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(5); // then 1.5 s
    await vi.advanceTimersByTimeAsync(2000);
    expect(load).toHaveBeenCalledTimes(6); // then 2 s: CONFIRMED
    expect(seen).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'CONFIRMED']);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(6);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never waits more than 3 s between looks', async () => {
    const load = statuses('PENDING');
    poll({ load, isDone: final, onValue: () => {}, onError: () => 'stop' });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(20_000); // 1+1+1+1.5+2+2.5+3+3+3 = 18 s
    expect(load).toHaveBeenCalledTimes(10);
    await vi.advanceTimersByTimeAsync(3000);
    expect(load).toHaveBeenCalledTimes(11);
  });

  it('keeps looking after an error it is told to retry, and stops at one it is told to stop at', async () => {
    let calls = 0;
    const load = vi.fn(async () => {
      calls++;
      if (calls === 1) throw new Error('network');
      if (calls === 2) return 'PENDING';
      throw new Error('not found');
    });
    const onError = vi.fn((error: unknown): 'retry' | 'stop' =>
      (error as Error).message === 'network' ? 'retry' : 'stop',
    );
    const seen: string[] = [];
    poll({ load, isDone: final, onValue: (v) => seen.push(v), onError });

    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(['PENDING']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(onError).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('stop cancels the next look and ignores an answer on its way', async () => {
    let resolve: (value: string) => void = () => {};
    const load = vi.fn(() => new Promise<string>((r) => (resolve = r)));
    const onValue = vi.fn();
    const stop = poll({ load, isDone: final, onValue, onError: () => 'retry' });
    stop();
    resolve('PENDING');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onValue).not.toHaveBeenCalled();
    expect(load).toHaveBeenCalledTimes(1);

    const again = statuses('PENDING');
    const stopLater = poll({ load: again, isDone: final, onValue: () => {}, onError: () => 'stop' });
    await vi.advanceTimersByTimeAsync(0);
    stopLater();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(again).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
