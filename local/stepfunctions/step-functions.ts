import { randomUUID } from 'node:crypto';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type RunOptions,
} from 'aws-local-stepfunctions';
import { LOCAL_REGION, type Assembly } from '../assembly/assembly';
import { AwsJsonError } from '../sns/aws-json';
import { executionContext } from './context';
import { HistoryBuilder, type HistoryEvent, type LibraryEvent } from './history';
import { stateMachinesOf, type StateMachineSpec } from './machines';
import {
  checkExecutionInput,
  checkExecutionName,
  checkStateMachineArn,
  decideStart,
  executionArn,
  parseExecutionArn,
} from './names';
import { ExecutionStore, type ExecutionRecord, type ExecutionStatus } from './store';
import { bindTasks, type TaskBackends, type TaskBinding } from './tasks';

type Json = Parameters<StateMachine['run']>[0];
type LocalHandler = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>[string];

export interface LocalStepFunctionsOptions {
  machines: readonly StateMachineSpec[];
  tasks: TaskBackends;
  /** Where executions and histories are kept (`<dataDir>/stepfunctions`); none keeps them in memory. */
  dir?: string;
  log?: (line: string) => void;
  /**
   * Milliseconds to wait before each retry, per state (aws-local-stepfunctions' override). Only for
   * tests of this emulator: the local cloud always waits as the definition says.
   */
  retryIntervalOverrides?: Record<string, number | number[]>;
}

/** What a cost benchmark counts: Standard workflows bill each state transition, retries included. */
export interface StepFunctionsMetrics {
  executionsStarted: number;
  /** Executions started again from the beginning because the cloud stopped while they ran. */
  executionsRestarted: number;
  /** Every state entered, and every retry of a state. */
  stateTransitions: number;
  running: number;
}

/** A task handler called after its execution was halted: neither retried nor caught. */
class Halted extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor() {
    super('the execution was halted');
  }
}

interface Running {
  /** Stopped (StopExecution) or halted (the cloud stops): the tasks call nothing any more. */
  halted: boolean;
  /** The cloud stops: the execution stays RUNNING, to start again next time. */
  shutdown: boolean;
  abort: () => void;
  history: HistoryBuilder;
  done: Promise<void>;
}

const notFound = (arn: string) => new AwsJsonError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);

/** `ExecutionError` carries the error that failed the execution; Step Functions reports its name and message. */
const outcomeOf = (error: unknown): Pick<ExecutionRecord, 'status' | 'error' | 'cause'> => {
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout' };
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  const cause = error instanceof ExecutionError ? (error.cause as Error) : (error as Error);
  const detail = (cause as { cause?: unknown }).cause ?? cause.message;
  return {
    status: 'FAILED',
    error: error instanceof ExecutionError ? cause.name : 'States.Runtime',
    cause: typeof detail === 'string' ? detail : JSON.stringify(detail),
  };
};

/**
 * The local Step Functions: the state machines of the templates run by aws-local-stepfunctions
 * with Standard-workflow semantics (executions named, idempotent by name, kept with their
 * histories), each Task state bound to the local Lambda emulator or EventBridge. Executions and
 * histories are kept on disk; an execution the cloud stopped in the middle of starts again from the
 * beginning with the same input on `resume()` (every step of the project's sagas is idempotent).
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, { spec: StateMachineSpec; bindings: Map<string, TaskBinding> }>();
  private readonly running = new Map<string, Running>();
  private readonly waiters = new Map<string, { resolve: (r: ExecutionRecord) => void; reject: (e: Error) => void }[]>();
  private readonly store: ExecutionStore;
  private readonly counters = { executionsStarted: 0, executionsRestarted: 0, stateTransitions: 0 };
  private stopped = false;
  /** When the state machines were "created" (`creationDate`): the start of this local cloud. */
  readonly createdAt = new Date();

  /** Throws when a definition is invalid or one of its Task states cannot run locally. */
  constructor(private readonly options: LocalStepFunctionsOptions) {
    for (const spec of options.machines) {
      try {
        // validates as aws-local-stepfunctions reads it (on a copy: its validator adds fields)
        new StateMachine(structuredClone(spec.definition));
      } catch (error) {
        throw new Error(`state machine ${spec.name}: ${(error as Error).message}`);
      }
      this.machines.set(spec.arn, { spec, bindings: bindTasks(spec.name, spec.definition, options.tasks) });
    }
    this.store = new ExecutionStore(options.dir);
  }

  /** Every state machine of the assembly, bound to the given services. */
  static fromAssembly(
    assembly: Assembly,
    options: Omit<LocalStepFunctionsOptions, 'machines'> & { machines?: undefined },
  ): LocalStepFunctions {
    return new LocalStepFunctions({ ...options, machines: stateMachinesOf(assembly) });
  }

  stateMachines(): StateMachineSpec[] {
    return [...this.machines.values()].map((m) => m.spec);
  }

  stateMachine(arn: unknown): StateMachineSpec {
    const machine = this.machines.get(checkStateMachineArn(arn));
    if (!machine) throw new AwsJsonError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    return machine.spec;
  }

  /**
   * StartExecution, as for a Standard workflow: a name already used with the same input while that
   * execution runs gives it back; a closed execution of that name, or another input, is
   * `ExecutionAlreadyExists`.
   */
  startExecution(request: { stateMachineArn?: unknown; name?: unknown; input?: unknown }): {
    executionArn: string;
    startDate: Date;
  } {
    if (request.stateMachineArn === undefined)
      throw new AwsJsonError(
        'ValidationException',
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
      );
    const machine = this.stateMachine(request.stateMachineArn);
    const name = request.name === undefined ? randomUUID() : checkExecutionName(request.name);
    const input = checkExecutionInput(request.input);
    const arn = executionArn(machine.name, name);
    const existing = this.store.get(arn);
    const decision = decideStart(existing, input);
    if (decision === 'return-existing') return { executionArn: arn, startDate: new Date(existing!.startDate) };
    if (decision === 'already-exists')
      throw new AwsJsonError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    if (this.stopped) throw new Error('the local Step Functions is stopped');
    const record: ExecutionRecord = {
      executionArn: arn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
      input,
      restarts: 0,
    };
    this.store.put(record);
    this.counters.executionsStarted++;
    this.run(record);
    return { executionArn: arn, startDate: new Date(record.startDate) };
  }

  describeExecution(arn: unknown): ExecutionRecord {
    parseExecutionArn(arn);
    const record = this.store.get(arn as string);
    if (!record) throw notFound(String(arn));
    return record;
  }

  /** The executions of a state machine (or all), newest first. */
  listExecutions(filter: { stateMachineArn?: unknown; statusFilter?: ExecutionStatus } = {}): ExecutionRecord[] {
    const machine = filter.stateMachineArn === undefined ? undefined : this.stateMachine(filter.stateMachineArn);
    return this.store
      .all()
      .filter(
        (r) =>
          (!machine || r.stateMachineArn === machine.arn) && (!filter.statusFilter || r.status === filter.statusFilter),
      )
      .reverse();
  }

  /** The execution's history events, oldest first. */
  history(arn: unknown): HistoryEvent[] {
    this.describeExecution(arn);
    return this.store.history(arn as string);
  }

  /** StopExecution: a running execution ends ABORTED with the given error and cause. */
  stopExecution(arn: unknown, { error, cause }: { error?: string; cause?: string } = {}): { stopDate: Date } {
    const record = this.describeExecution(arn);
    if (record.status !== 'RUNNING') return { stopDate: new Date(record.stopDate ?? Date.now()) };
    const stopped: ExecutionRecord = {
      ...record,
      status: 'ABORTED',
      stopDate: new Date().toISOString(),
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    };
    this.store.put(stopped);
    const running = this.running.get(record.executionArn);
    if (running) {
      running.halted = true;
      running.history.stopping(error, cause);
      running.abort(); // its waiters hear of it once the abort is in the history
    } else this.settle(stopped);
    return { stopDate: new Date(stopped.stopDate!) };
  }

  /**
   * Resolves with the execution once it is closed (SUCCEEDED, FAILED, TIMED_OUT or ABORTED) and its
   * history complete.
   */
  finished(arn: string, timeoutMs = 60_000): Promise<ExecutionRecord> {
    const record = this.describeExecution(arn);
    if (record.status !== 'RUNNING' && !this.running.has(arn)) return Promise.resolve(record);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${arn} still runs after ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiters.get(arn) ?? [];
      list.push({
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.waiters.set(arn, list);
    });
  }

  /**
   * Starts again, from the beginning and with the same input, every execution the last run of the
   * local cloud left RUNNING. Answers how many.
   */
  resume(): number {
    let resumed = 0;
    for (const record of this.store.all()) {
      if (record.status !== 'RUNNING' || this.running.has(record.executionArn)) continue;
      if (!this.machines.has(record.stateMachineArn)) {
        this.store.put({
          ...record,
          status: 'ABORTED',
          stopDate: new Date().toISOString(),
          cause: 'its state machine is no longer in the templates',
        });
        continue;
      }
      const again = { ...record, restarts: record.restarts + 1 };
      this.store.put(again);
      this.store.clearHistory(record.executionArn);
      this.counters.executionsRestarted++;
      this.options.log?.(`restarting ${record.name} (${record.stateMachineArn.split(':').pop()}) from the beginning`);
      this.run(again);
      resumed++;
    }
    return resumed;
  }

  metrics(): StepFunctionsMetrics {
    return { ...this.counters, running: this.running.size };
  }

  /** Halts every running execution without closing it (the next start runs it again). */
  async stop(): Promise<void> {
    this.stopped = true;
    const running = [...this.running.values()];
    for (const r of running) {
      r.shutdown = true;
      r.halted = true;
      r.abort();
    }
    await Promise.all(running.map((r) => r.done));
    for (const [arn, list] of this.waiters) {
      for (const w of list) w.reject(new Error(`the local Step Functions stopped while ${arn} ran`));
    }
    this.waiters.clear();
  }

  private run(record: ExecutionRecord): void {
    const arn = record.executionArn;
    const { spec, bindings } = this.machines.get(record.stateMachineArn)!;
    const entry: Running = {
      halted: false,
      shutdown: false,
      abort: () => {},
      history: new HistoryBuilder({
        roleArn: spec.roleArn,
        region: LOCAL_REGION,
        emit: (event) => this.store.appendHistory(arn, event),
      }),
      done: Promise.resolve(),
    };
    const handlers: Record<string, LocalHandler> = {};
    for (const binding of bindings.values()) {
      handlers[binding.state] = async (parameters) => {
        if (entry.halted) throw new Halted();
        const attempt = entry.history.attempt({
          state: binding.state,
          kind: binding.kind,
          resource: binding.resource,
          timeoutSeconds: binding.timeoutSeconds,
          parameters,
          scheduledAt: Date.now(),
        });
        const output = await binding.run(parameters);
        attempt.output = output;
        return output;
      };
    }
    const { definition, context } = executionContext(spec.definition, {
      executionArn: arn,
      name: record.name,
      stateMachineArn: spec.arn,
      stateMachineName: spec.name,
      roleArn: spec.roleArn,
      startDate: new Date(record.startDate),
    });
    const execution = new StateMachine(definition, { validationOptions: { noValidate: true } }).run(
      JSON.parse(record.input) as Json,
      {
        overrides: {
          taskResourceLocalHandlers: handlers,
          ...(this.options.retryIntervalOverrides
            ? { retryIntervalOverrides: this.options.retryIntervalOverrides }
            : {}),
        },
        context,
      },
    );
    entry.abort = execution.abort;
    const recorded = (async () => {
      for await (const event of execution.eventLogs) {
        if (entry.shutdown) continue;
        if (event.type === 'StateEntered' || event.type === 'StateRetried') this.counters.stateTransitions++;
        entry.history.add(event as LibraryEvent);
      }
    })();
    const outcome = execution.result.then(
      (output): Partial<ExecutionRecord> => ({ status: 'SUCCEEDED', output: JSON.stringify(output) }),
      (error: unknown): Partial<ExecutionRecord> => outcomeOf(error),
    );
    this.running.set(arn, entry);
    entry.done = Promise.all([outcome, recorded])
      .then(([result]) => {
        this.running.delete(arn);
        if (entry.shutdown) return;
        const current = this.store.get(arn)!;
        if (current.status !== 'RUNNING') return this.settle(current); // stopped meanwhile
        const closed = { ...current, ...result, stopDate: new Date().toISOString() } as ExecutionRecord;
        this.store.put(closed);
        this.settle(closed);
      })
      .catch((error: Error) => {
        this.running.delete(arn);
        this.options.log?.(`${record.name}: ${error.stack ?? error.message}`);
      });
  }

  private settle(record: ExecutionRecord): void {
    for (const w of this.waiters.get(record.executionArn) ?? []) w.resolve(record);
    this.waiters.delete(record.executionArn);
  }
}
