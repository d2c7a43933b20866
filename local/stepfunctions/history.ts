import type { TaskKind } from './tasks';

/** A Step Functions history event as `GetExecutionHistory` answers it (`timestamp` in epoch ms here). */
export type HistoryEvent = {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
} & { [details: `${string}EventDetails`]: Record<string, unknown> };

/** One attempt of a Task state, as its local handler saw it. */
export interface TaskAttempt {
  state: string;
  kind: TaskKind;
  resource: string;
  timeoutSeconds?: number;
  /** The effective parameters (after `InputPath` and `Parameters`): what the resource was given. */
  parameters: unknown;
  scheduledAt: number;
  /** The resource's own result, before `ResultSelector` and `ResultPath`. */
  output?: unknown;
}

interface StateData {
  name: string;
  type: string;
  input?: unknown;
  output?: unknown;
}

/** The events of aws-local-stepfunctions' `eventLogs` this mapping reads (a structural subset). */
export type LibraryEvent =
  | { type: 'ExecutionStarted'; timestamp: number; input: unknown }
  | { type: 'ExecutionSucceeded'; timestamp: number; output: unknown }
  | { type: 'ExecutionFailed'; timestamp: number; Error: string; Cause: unknown }
  | { type: 'ExecutionAborted' | 'ExecutionTimeout'; timestamp: number }
  | {
      type: 'StateEntered' | 'StateExited' | 'StateRetried' | 'StateCaught';
      timestamp: number;
      state: StateData;
      index?: number;
    }
  | { type: 'StateFailed'; timestamp: number; state: StateData; Error: string; Cause: unknown }
  | {
      type: 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed';
      timestamp: number;
      parentState: StateData;
      index: number;
    }
  | {
      type: 'ParallelBranchStarted' | 'ParallelBranchSucceeded' | 'ParallelBranchFailed';
      timestamp: number;
      parentState: StateData;
    };

const NOT_TRUNCATED = { truncated: false };
const text = (value: unknown) => JSON.stringify(value ?? null);
const causeText = (cause: unknown) => (typeof cause === 'string' ? cause : JSON.stringify(cause));

/**
 * Turns aws-local-stepfunctions' event log into Step Functions' execution history: `StateEntered`
 * becomes `TaskStateEntered` (or `PassStateEntered`...), each attempt of a Task becomes
 * `LambdaFunctionScheduled`/`Started`/`Succeeded`|`Failed`|`TimedOut` (a function ARN resource) or
 * `TaskScheduled`/`Started`/`Succeeded`|`Failed`|`TimedOut` (an optimized integration), and a
 * retry shows, as on AWS, only as another attempt. The library does not see the task attempts
 * themselves, so the handlers report them (`attempt`) and each is written out when its outcome
 * arrives through the log.
 */
export class HistoryBuilder {
  private lastId = 0;
  private readonly attempts = new Map<string, TaskAttempt[]>();
  /** States whose failure was caught: their `StateExited` ends no attempt. */
  private readonly caught = new Set<string>();
  private stop?: { error?: string; cause?: string };

  constructor(private readonly options: { roleArn: string; region: string; emit: (event: HistoryEvent) => void }) {}

  /** A Task handler's attempt (called as it starts; `output` is filled in when it succeeds). */
  attempt(attempt: TaskAttempt): TaskAttempt {
    const queue = this.attempts.get(attempt.state) ?? [];
    queue.push(attempt);
    this.attempts.set(attempt.state, queue);
    return attempt;
  }

  /** What `StopExecution` gave, for the `ExecutionAborted` event the abort brings. */
  stopping(error?: string, cause?: string): void {
    this.stop = { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
  }

  add(event: LibraryEvent): void {
    const at = event.timestamp;
    switch (event.type) {
      case 'ExecutionStarted':
        return this.emit('ExecutionStarted', at, {
          executionStartedEventDetails: {
            input: text(event.input),
            inputDetails: NOT_TRUNCATED,
            roleArn: this.options.roleArn,
          },
        });
      case 'StateEntered': {
        const { name, type, input } = event.state;
        this.emit(`${type}StateEntered`, at, {
          stateEnteredEventDetails: { name, input: text(input), inputDetails: NOT_TRUNCATED },
        });
        if (type === 'Map' || type === 'Parallel') this.emit(`${type}StateStarted`, at);
        return;
      }
      case 'StateExited': {
        const { name, type, output } = event.state;
        if (!this.caught.delete(name)) {
          if (type === 'Task') this.taskOutcome(name, at, { output });
          if (type === 'Map' || type === 'Parallel') this.emit(`${type}StateSucceeded`, at);
        }
        return this.emit(`${type}StateExited`, at, {
          stateExitedEventDetails: { name, output: text(output), outputDetails: NOT_TRUNCATED },
        });
      }
      case 'StateFailed': {
        const { name, type } = event.state;
        if (type === 'Task') this.taskOutcome(name, at, { error: event.Error, cause: causeText(event.Cause) });
        if (type === 'Map' || type === 'Parallel') this.emit(`${type}StateFailed`, at);
        return;
      }
      case 'StateCaught':
        this.caught.add(event.state.name);
        return;
      case 'StateRetried':
      case 'ParallelBranchStarted':
      case 'ParallelBranchSucceeded':
      case 'ParallelBranchFailed':
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const details = `mapIteration${event.type.slice('MapIteration'.length)}EventDetails` as const;
        return this.emit(event.type, at, { [details]: { name: event.parentState.name, index: event.index } });
      }
      case 'ExecutionSucceeded':
        return this.emit('ExecutionSucceeded', at, {
          executionSucceededEventDetails: { output: text(event.output), outputDetails: NOT_TRUNCATED },
        });
      case 'ExecutionFailed':
        return this.emit('ExecutionFailed', at, {
          executionFailedEventDetails: { error: event.Error, cause: causeText(event.Cause) },
        });
      case 'ExecutionAborted':
        return this.emit('ExecutionAborted', at, { executionAbortedEventDetails: { ...this.stop } });
      case 'ExecutionTimeout':
        return this.emit('ExecutionTimedOut', at, { executionTimedOutEventDetails: { error: 'States.Timeout' } });
    }
  }

  private taskOutcome(
    state: string,
    at: number,
    outcome: { output?: unknown; error?: undefined } | { error: string; cause: string },
  ): void {
    const attempt = this.attempts.get(state)?.shift();
    if (!attempt) return; // the state failed before its resource was called (a path that did not match)
    const started = attempt.scheduledAt;
    const timedOut = outcome.error === 'States.Timeout';
    const failure = outcome.error !== undefined ? { error: outcome.error, cause: outcome.cause } : undefined;
    if (attempt.kind === 'lambda-function') {
      this.emit('LambdaFunctionScheduled', started, {
        lambdaFunctionScheduledEventDetails: {
          resource: attempt.resource,
          input: text(attempt.parameters),
          inputDetails: NOT_TRUNCATED,
          ...(attempt.timeoutSeconds ? { timeoutInSeconds: attempt.timeoutSeconds } : {}),
        },
      });
      this.emit('LambdaFunctionStarted', started);
      if (!failure)
        return this.emit('LambdaFunctionSucceeded', at, {
          lambdaFunctionSucceededEventDetails: { output: text(attempt.output), outputDetails: NOT_TRUNCATED },
        });
      const type = timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed';
      return this.emit(type, at, { [`${type[0].toLowerCase()}${type.slice(1)}EventDetails`]: failure });
    }
    const [resourceType, resource] = attempt.kind.split(':');
    const which = { resourceType, resource };
    this.emit('TaskScheduled', started, {
      taskScheduledEventDetails: {
        ...which,
        region: this.options.region,
        parameters: text(attempt.parameters),
        ...(attempt.timeoutSeconds ? { timeoutInSeconds: attempt.timeoutSeconds } : {}),
      },
    });
    this.emit('TaskStarted', started, { taskStartedEventDetails: which });
    if (!failure)
      return this.emit('TaskSucceeded', at, {
        taskSucceededEventDetails: { ...which, output: text(attempt.output), outputDetails: NOT_TRUNCATED },
      });
    const type = timedOut ? 'TaskTimedOut' : 'TaskFailed';
    this.emit(type, at, { [`${type[0].toLowerCase()}${type.slice(1)}EventDetails`]: { ...which, ...failure } });
  }

  private emit(type: string, timestamp: number, details: Record<string, Record<string, unknown>> = {}): void {
    const id = ++this.lastId;
    this.options.emit({ id, previousEventId: id - 1, timestamp, type, ...details } as HistoryEvent);
  }
}
