import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LambdaError, type Invoker } from '../ports';
import { nextRun } from './expression';
import { startScheduler, type Schedule } from './scheduler';

const at = (iso: string) => new Date(iso);

describe('nextRun', () => {
  it('fires Amplify’s `every 5m` (cron(*/5 * * * ? *)) on the next multiple of five minutes', () => {
    expect(nextRun('cron(*/5 * * * ? *)', at('2026-11-25T10:03:20Z'))).toEqual(at('2026-11-25T10:05:00Z'));
    expect(nextRun('cron(*/5 * * * ? *)', at('2026-11-25T10:05:00Z'))).toEqual(at('2026-11-25T10:10:00Z'));
  });

  it('reads AWS weekdays (1 = Sunday) and the schedule’s time zone', () => {
    // 2026-11-25 is a Wednesday; AWS day 2 is Monday.
    expect(nextRun('cron(0 9 ? * 2 *)', at('2026-11-25T00:00:00Z'))).toEqual(at('2026-11-30T09:00:00Z'));
    expect(nextRun('cron(0 9 ? * MON *)', at('2026-11-25T00:00:00Z'))).toEqual(at('2026-11-30T09:00:00Z'));
    expect(nextRun('cron(0 9 * * ? *)', at('2026-11-25T00:00:00Z'), 'Europe/Berlin')).toEqual(
      at('2026-11-25T08:00:00Z'),
    );
  });

  it('adds a rate to the last firing, and fires an `at` once', () => {
    expect(nextRun('rate(1 hour)', at('2026-11-25T10:03:00Z'))).toEqual(at('2026-11-25T11:03:00Z'));
    expect(nextRun('rate(2 days)', at('2026-11-25T10:00:00Z'))).toEqual(at('2026-11-27T10:00:00Z'));
    expect(nextRun('at(2026-12-01T00:00:00)', at('2026-11-25T00:00:00Z'))).toEqual(at('2026-12-01T00:00:00Z'));
    expect(nextRun('at(2026-12-01T00:00:00)', at('2026-12-02T00:00:00Z'))).toBeUndefined();
  });

  it('names what it cannot read', () => {
    expect(() => nextRun('every 5m', new Date())).toThrow('unsupported schedule expression every 5m');
    expect(() => nextRun('rate(0 minutes)', new Date())).toThrow('unsupported rate expression');
    expect(() => nextRun('cron(* * * *)', new Date())).toThrow('must have 6 fields');
  });
});

describe('startScheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: at('2026-11-25T10:03:00Z') }));
  afterEach(() => vi.useRealTimers());

  const sweeper: Schedule = {
    name: 'sweeper',
    expression: 'cron(*/5 * * * ? *)',
    timezone: 'UTC',
    targetArn: 'arn:aws:lambda:us-east-1:000000000000:function:sweeper',
    input: {},
  };

  it('invokes the target each time the schedule fires, and records failures without stopping', async () => {
    const calls: string[] = [];
    const invoker: Invoker = {
      invoke: async (arn) => {
        calls.push(`${arn}@${new Date().toISOString()}`);
        if (calls.length === 2) throw new LambdaError({ errorType: 'Error', errorMessage: 'table busy' });
        return {};
      },
    };
    const scheduler = startScheduler([sweeper], invoker);
    await vi.advanceTimersByTimeAsync(2 * 60_000); // 10:05
    await vi.advanceTimersByTimeAsync(10 * 60_000); // 10:10 and 10:15
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(calls).toEqual([
      `${sweeper.targetArn}@2026-11-25T10:05:00.000Z`,
      `${sweeper.targetArn}@2026-11-25T10:10:00.000Z`,
      `${sweeper.targetArn}@2026-11-25T10:15:00.000Z`,
    ]);
    expect(scheduler.runs().map((r) => r.error)).toEqual([undefined, 'table busy', undefined]);
  });
});
