import type { Assembly } from '../assembly/assembly';
import type { Invoker } from '../ports';
import { nextRun } from './expression';

/** An EventBridge Scheduler schedule of the templates, with a Lambda function as its target. */
export interface Schedule {
  name: string;
  expression: string;
  timezone: string;
  targetArn: string;
  /** The target's payload: the schedule's `Input`, else an empty object. */
  input: unknown;
}

export interface ScheduleRun {
  schedule: string;
  at: string;
  error?: string;
}

/** The enabled schedules of the templates whose target is a Lambda function. */
export const schedulesOf = (assembly: Assembly): Schedule[] =>
  assembly.resources('AWS::Scheduler::Schedule').flatMap((resource) => {
    const p = assembly.properties<{
      ScheduleExpression: string;
      ScheduleExpressionTimezone?: string;
      State?: string;
      Target: { Arn: string; Input?: string };
    }>(resource);
    if (p.State === 'DISABLED' || !/^arn:aws:lambda:/.test(p.Target.Arn)) return [];
    return [
      {
        name: assembly.physicalId(resource),
        expression: p.ScheduleExpression,
        timezone: p.ScheduleExpressionTimezone ?? 'UTC',
        targetArn: p.Target.Arn,
        input: p.Target.Input ? JSON.parse(p.Target.Input) : {},
      },
    ];
  });

export interface RunningScheduler {
  runs(): ScheduleRun[];
  stop(): void;
}

/**
 * Runs each schedule's target when its expression fires, as EventBridge Scheduler does (once per
 * firing; a failed invocation is recorded and logged, not retried).
 */
export const startScheduler = (
  schedules: Schedule[],
  invoker: Invoker,
  { log = () => {}, now = () => new Date() }: { log?: (line: string) => void; now?: () => Date } = {},
): RunningScheduler => {
  const runs: ScheduleRun[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const plan = (schedule: Schedule, after: Date) => {
    const at = nextRun(schedule.expression, after, schedule.timezone);
    if (!at || stopped) return;
    const timer = setTimeout(
      async () => {
        timers.delete(timer);
        const run: ScheduleRun = { schedule: schedule.name, at: at.toISOString() };
        try {
          await invoker.invoke(schedule.targetArn, schedule.input);
        } catch (error) {
          run.error = (error as Error).message;
          log(`schedule ${schedule.name}: ${run.error}`);
        }
        runs.push(run);
        plan(schedule, at);
      },
      Math.max(0, at.getTime() - now().getTime()),
    );
    timer.unref();
    timers.add(timer);
  };
  for (const schedule of schedules) plan(schedule, now());

  return {
    runs: () => [...runs],
    stop: () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
};
