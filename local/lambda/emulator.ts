import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { devNull } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_REGION, type Assembly } from '../assembly/assembly';
import { LambdaError, type Invoker, type LambdaFailure } from '../ports';
import { Faults, type Fault, type FaultSpec } from './faults';
import { formatLogEntry, logLevelOf, parseLogLine, printsAt, type LogEntry, type LogLevel } from './log-lines';
import { FRIENDLY_NAME_TAG, lambdaFunctions, type LambdaFunction, type SkippedFunction } from './functions';

const RUNTIME = join(dirname(fileURLToPath(import.meta.url)), 'runtime.mjs');
const END = '\u0000END ';
/** Lambda's own limit on the init phase. */
const INIT_TIMEOUT_MS = 10_000;

/**
 * The throwaway credentials every function gets, as Lambda hands out its role's: what the local
 * AppSync checks a function's SigV4-signed request against.
 */
export const LAMBDA_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'local' } as const;

export interface LambdaEmulatorOptions {
  /** The value of an SSM parameter no template holds (an Amplify `secret()`), by its path. */
  secret?: (path: string) => string | undefined;
  /** Extra environment for every function (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SNS`, ...). */
  env?: Record<string, string>;
  /** Per-function variables, applied last (`TOKEN_ISSUER` pointing at cognito-local, ...). Asked at each container start. */
  overrides?: (fn: LambdaFunction) => Record<string, string> | undefined;
  /** Containers per function at most (invocations beyond wait for one to free up). Default 4. */
  maxConcurrency?: number;
  /**
   * What to print of the functions' output as it comes, one readable line each (`formatLogEntry`):
   * `quiet` nothing, `info` INFO and above and failed invocations, `debug` every line. Default:
   * `LOCAL_LOG` (`quiet` when unset). The output is always kept for `logs()` and `invocations()`.
   */
  logLevel?: LogLevel;
  /** Where printed lines go (default: stderr). */
  write?: (line: string) => void;
  /** How many invocation records and log lines are kept. Default 1000 and 5000. */
  historySize?: number;
  logSize?: number;
}

/** What the emulator remembers of an invocation. */
export interface InvocationRecord {
  requestId: string;
  /** The function's physical name. */
  function: string;
  /** Its friendly name (or logical id). */
  label: string;
  startedAt: string;
  /** From dispatch to result, init excluded. */
  durationMs: number;
  /** The init phase's duration, on a cold start. */
  initDurationMs?: number;
  error?: LambdaFailure;
  /** Set when an injected fault failed it (the handler never ran, except in `crash-after` mode). */
  faultId?: string;
  /** The lines the handler logged during this invocation. */
  logs: string[];
}

export interface RawInvocation {
  /** The JSON the function returned, or the error payload when it failed. */
  payload: string;
  error?: LambdaFailure;
  record: InvocationRecord;
}

/** No function of that name or ARN (the Lambda API's `ResourceNotFoundException`). */
export class FunctionNotFoundError extends Error {
  constructor(readonly functionNameOrArn: string) {
    super(`Function not found: ${functionNameOrArn}`);
    this.name = 'ResourceNotFoundException';
  }
}

/** `name`, `arn:aws:lambda:region:account:function:name[:qualifier]`, `account:function:name` → `name`. */
export const functionNameOf = (nameOrArn: string): string => {
  const m = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
  return m ? m[1] : nameOrArn;
};

interface Pending {
  requestId: string;
  logs: string[];
  resultMessage?: { ok: boolean; payload?: string; error?: LambdaFailure };
  ended: boolean;
  done: (outcome: { payload?: string; error?: LambdaFailure }) => void;
}

/** One warm Lambda "container": a child Node.js process running `runtime.mjs` for one function. */
class Container {
  readonly child: ChildProcess;
  dead = false;
  pending?: Pending;
  private readonly ready: Promise<void>;

  constructor(
    readonly id: string,
    readonly fn: LambdaFunction,
    env: Record<string, string>,
    private readonly onLine: (container: Container, line: string) => void,
    private readonly onDeath: (container: Container) => void,
  ) {
    this.child = spawn(process.execPath, [RUNTIME], {
      cwd: fn.codeDir,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    // Idle containers must not keep the local cloud's process alive; a pending invocation does (its timer).
    this.child.unref();
    (this.child.channel as unknown as { unref?: () => void } | undefined)?.unref?.();
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      (stream as unknown as { unref?: () => void }).unref?.();
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          this.line(buffered.slice(0, nl));
          buffered = buffered.slice(nl + 1);
        }
      });
    }
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: { type: string; error?: LambdaFailure }) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'init-error') reject(new LambdaError(message.error!));
      };
      this.child.on('message', onMessage);
      this.child.once('exit', (code, signal) =>
        reject(
          new LambdaError({
            errorType: 'Runtime.ExitError',
            errorMessage: `Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`,
          }),
        ),
      );
      this.child.once('error', (error) => reject(error));
    });
    this.ready.catch(() => {});
    this.child.on(
      'message',
      (message: { type: string; requestId?: string; ok?: boolean; payload?: string; error?: LambdaFailure }) => {
        const pending = this.pending;
        if (!pending) return;
        if (message.type === 'result' && message.requestId === pending.requestId) {
          pending.resultMessage = message as Pending['resultMessage'];
          this.settleWhenFlushed(pending);
        }
        if (message.type === 'crash' && (!message.requestId || message.requestId === pending.requestId)) {
          pending.resultMessage = { ok: false, error: message.error };
          this.settleWhenFlushed(pending);
        }
      },
    );
    this.child.once('exit', (code, signal) => {
      this.dead = true;
      const pending = this.pending;
      if (pending) {
        this.pending = undefined;
        pending.done(
          pending.resultMessage ?? {
            error: {
              errorType: 'Runtime.ExitError',
              errorMessage: `RequestId: ${pending.requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`,
            },
          },
        );
      }
      this.onDeath(this);
    });
  }

  /** Resolves once the handler is loaded (the init phase), or rejects with the init error. */
  async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.ready,
        new Promise((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new LambdaError({
                  errorType: 'Sandbox.Timedout',
                  errorMessage: `INIT timed out after ${(INIT_TIMEOUT_MS / 1000).toFixed(2)} seconds`,
                }),
              ),
            INIT_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      this.kill();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one invocation; resolves with its payload or error, never rejects. Enforces the function's timeout. */
  invoke(requestId: string, payload: string, logs: string[]): Promise<{ payload?: string; error?: LambdaFailure }> {
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        const timedOut = {
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds`,
          },
        };
        // The sandbox goes with the invocation: answer once the process is gone.
        if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve(timedOut);
        this.child.once('exit', () => resolve(timedOut));
        this.kill();
      }, timeoutMs);
      this.pending = {
        requestId,
        logs,
        ended: false,
        done: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.child.send({
        type: 'invoke',
        requestId,
        payload,
        deadline: Date.now() + timeoutMs,
        invokedFunctionArn: this.fn.arn,
      });
    });
  }

  kill(): void {
    this.dead = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private line(text: string): void {
    const pending = this.pending;
    if (text.startsWith(END)) {
      if (pending && text.slice(END.length) === pending.requestId) {
        pending.ended = true;
        this.settleWhenFlushed(pending);
      }
      return;
    }
    pending?.logs.push(text);
    this.onLine(this, text);
  }

  /** The result arrives over IPC, the logs over stdout: settle once both are in (or shortly after the result). */
  private settleWhenFlushed(pending: Pending): void {
    if (!pending.resultMessage || this.pending !== pending) return;
    const settle = () => {
      if (this.pending !== pending) return;
      this.pending = undefined;
      const m = pending.resultMessage!;
      pending.done(m.ok ? { payload: m.payload } : { error: m.error });
    };
    if (pending.ended) settle();
    else setTimeout(settle, 200).unref();
  }
}

/** The containers of one function: warm ones are reused, new ones started up to the concurrency cap. */
class Pool {
  readonly containers = new Set<Container>();
  private idle: Container[] = [];
  private waiters: (() => void)[] = [];
  private starting = 0;

  constructor(
    readonly fn: LambdaFunction,
    private readonly cap: number,
    private readonly create: (fn: LambdaFunction) => Container,
  ) {}

  async acquire(): Promise<{ container: Container; initDurationMs?: number }> {
    for (;;) {
      let warm: Container | undefined;
      while ((warm = this.idle.pop())) if (!warm.dead) return { container: warm };
      if (this.containers.size + this.starting < this.cap) {
        this.starting++;
        const started = Date.now();
        let container: Container;
        try {
          container = this.create(this.fn);
          await container.start();
        } catch (error) {
          this.wake();
          throw error;
        } finally {
          this.starting--;
        }
        this.containers.add(container!);
        return { container: container!, initDurationMs: Date.now() - started };
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  release(container: Container): void {
    if (!container.dead) this.idle.push(container);
    this.wake();
  }

  remove(container: Container): void {
    this.containers.delete(container);
    this.idle = this.idle.filter((c) => c !== container);
    this.wake();
  }

  private wake(): void {
    this.waiters.shift()?.();
  }

  stop(): void {
    for (const c of this.containers) c.kill();
    this.containers.clear();
    this.idle = [];
  }
}

/**
 * Runs the Lambda functions of the cloud assembly on this machine, as Lambda would: each in its own
 * warm process ("container") with the function's code folder, handler, timeout, memory size and
 * environment (evaluated from the templates, Amplify's SSM variables resolved, the runtime's own
 * variables), one invocation at a time per container, more containers under concurrency.
 */
export class LambdaEmulator implements Invoker {
  private readonly byKey = new Map<string, LambdaFunction>();
  private readonly pools = new Map<LambdaFunction, Pool>();
  private readonly records: InvocationRecord[] = [];
  private readonly lines: string[] = [];
  private readonly skippedFunctions: SkippedFunction[];
  private readonly faultList = new Faults();
  private readonly logLevel: LogLevel;
  private stopped = false;

  constructor(
    private readonly list: LambdaFunction[],
    skipped: SkippedFunction[] = [],
    private readonly options: LambdaEmulatorOptions = {},
  ) {
    this.skippedFunctions = skipped;
    this.logLevel = options.logLevel ?? logLevelOf(process.env.LOCAL_LOG);
    const logicalIds = new Map<string, number>();
    for (const fn of list) logicalIds.set(fn.logicalId, (logicalIds.get(fn.logicalId) ?? 0) + 1);
    for (const fn of list) {
      this.byKey.set(fn.name, fn);
      this.byKey.set(fn.arn, fn);
      if (logicalIds.get(fn.logicalId) === 1 && !this.byKey.has(fn.logicalId)) this.byKey.set(fn.logicalId, fn);
    }
  }

  /** An emulator for every Node.js function of the assembly. */
  static fromAssembly(assembly: Assembly, options: LambdaEmulatorOptions = {}): LambdaEmulator {
    const { functions, skipped } = lambdaFunctions(assembly, options.secret);
    return new LambdaEmulator(functions, skipped, options);
  }

  functions(): LambdaFunction[] {
    return [...this.list];
  }

  /** The functions of the templates it does not run, and why. */
  skipped(): SkippedFunction[] {
    return [...this.skippedFunctions];
  }

  /** The function of that name, ARN (any qualifier), or unique logical id. */
  find(nameOrArn: string): LambdaFunction | undefined {
    return this.byKey.get(nameOrArn) ?? this.byKey.get(functionNameOf(nameOrArn));
  }

  has(nameOrArn: string): boolean {
    return this.find(nameOrArn) !== undefined;
  }

  /**
   * The function Amplify's `defineFunction({ name })` made: by its `amplify:friendly-name` tag, else by
   * the logical id Amplify derives from the name (`access-authorizer` → `accessauthorizerlambda<hash>`).
   */
  functionNamed(amplifyName: string): LambdaFunction {
    let matches = this.list.filter((fn) => fn.friendlyName === amplifyName);
    if (matches.length === 0) {
      const prefix = `${amplifyName.replace(/[^A-Za-z0-9]/g, '')}lambda`;
      matches = this.list.filter((fn) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(fn.logicalId));
    }
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new Error(
        `${matches.length} functions are named ${amplifyName}: ${matches.map((f) => f.logicalId).join(', ')}`,
      );
    }
    const known = this.list.map((f) => f.friendlyName).filter(Boolean);
    throw new Error(
      `no function tagged ${FRIENDLY_NAME_TAG}=${amplifyName} (known: ${[...new Set(known)].join(', ')})`,
    );
  }

  /** The full environment a new container of `fn` starts with. */
  environmentOf(fn: LambdaFunction, containerId = 'local'): Record<string, string> {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
    const runtime: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      LAMBDA_TASK_ROOT: fn.codeDir,
      LAMBDA_RUNTIME_DIR: dirname(RUNTIME),
      _HANDLER: fn.handler,
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]${containerId}`,
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_ACCESS_KEY_ID: LAMBDA_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LAMBDA_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: LAMBDA_CREDENTIALS.sessionToken,
      AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      // As Lambda sets it: an X-Ray call outside an invocation's segment is logged, never thrown.
      // The trace header itself (`_X_AMZN_TRACE_ID`) is set per invocation by runtime.mjs.
      AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
      // Not Lambda's, but keeps the developer's own AWS profile and config out of the container.
      AWS_CONFIG_FILE: devNull,
      AWS_SHARED_CREDENTIALS_FILE: devNull,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    return { ...runtime, ...fn.environment(), ...this.options.env, ...this.options.overrides?.(fn) };
  }

  /** Makes matching invocations of a function fail with the given error (see `FaultSpec`). */
  injectFault(spec: FaultSpec): Fault {
    const fn = this.find(spec.function) ?? this.safeNamed(spec.function);
    if (!fn) throw new FunctionNotFoundError(spec.function);
    return this.faultList.add(spec, fn.name);
  }

  /** The faults in force. */
  faults(): Fault[] {
    return this.faultList.all();
  }

  /** Removes one fault, or all of them. */
  clearFaults(id?: string): void {
    this.faultList.remove(id);
  }

  async invoke(functionNameOrArn: string, event: unknown): Promise<unknown> {
    const { payload, error } = await this.invokeRaw(functionNameOrArn, JSON.stringify(event ?? null));
    if (error) throw new LambdaError(error);
    return JSON.parse(payload);
  }

  /** Invokes with a raw JSON payload; resolves with the raw result or the error payload (rejects only for an unknown function). */
  async invokeRaw(functionNameOrArn: string, payload: string): Promise<RawInvocation> {
    const fn = this.find(functionNameOrArn);
    if (!fn) throw new FunctionNotFoundError(functionNameOrArn);
    if (this.stopped) throw new Error('the Lambda emulator is stopped');
    const requestId = randomUUID();
    const record: InvocationRecord = {
      requestId,
      function: fn.name,
      label: fn.label,
      startedAt: new Date().toISOString(),
      durationMs: 0,
      logs: [],
    };
    const pool = this.poolOf(fn);
    let outcome: { payload?: string; error?: LambdaFailure };
    let started = Date.now();
    const injected = this.faultList.take(fn.name, payload);
    if (injected) record.faultId = injected.id;
    if (injected?.mode === 'error') {
      outcome = { error: injected.failure };
    } else if (injected?.mode === 'timeout') {
      // The handler never answers: Lambda gives up at the function's timeout.
      await new Promise((r) => setTimeout(r, fn.timeoutSeconds * 1000));
      outcome = {
        error: {
          errorType: 'Sandbox.Timedout',
          errorMessage: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
        },
      };
    } else {
      try {
        const { container, initDurationMs } = await pool.acquire();
        if (initDurationMs !== undefined) record.initDurationMs = initDurationMs;
        started = Date.now();
        outcome = await container.invoke(requestId, payload, record.logs);
        if (injected?.mode === 'crash-after') {
          // The handler ran (its writes happened); the runtime dies before its answer leaves.
          container.kill();
          outcome = {
            error: {
              errorType: 'Runtime.ExitError',
              errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
            },
          };
        }
        pool.release(container);
      } catch (error) {
        if (!(error instanceof LambdaError)) throw error;
        outcome = { error: error.failure };
      }
    }
    record.durationMs = Date.now() - started;
    if (outcome.error) {
      record.error = outcome.error;
      const how = record.faultId ? ' (injected fault)' : '';
      this.print(fn.label, {
        time: new Date().toISOString(),
        level: 'ERROR',
        message: `invocation failed${how}: ${outcome.error.errorType}: ${outcome.error.errorMessage}`,
        fields: { request_id: requestId },
      });
    }
    this.records.push(record);
    if (this.records.length > (this.options.historySize ?? 1000)) this.records.shift();
    return {
      payload: outcome.error ? JSON.stringify(outcome.error) : (outcome.payload ?? 'null'),
      error: outcome.error,
      record,
    };
  }

  /** Every invocation so far (the most recent `historySize`), oldest first. */
  invocations(filter: { function?: string } = {}): InvocationRecord[] {
    const fn = filter.function ? (this.find(filter.function) ?? this.safeNamed(filter.function)) : undefined;
    return this.records.filter((r) => !filter.function || r.function === fn?.name);
  }

  /** The functions' output, each line prefixed with `[label]`. */
  logs(): string[] {
    return [...this.lines];
  }

  /** Ends every container (the next invocation starts cold). */
  async reset(): Promise<void> {
    for (const pool of this.pools.values()) pool.stop();
    this.pools.clear();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.reset();
  }

  private safeNamed(name: string): LambdaFunction | undefined {
    try {
      return this.functionNamed(name);
    } catch {
      return undefined;
    }
  }

  private poolOf(fn: LambdaFunction): Pool {
    let pool = this.pools.get(fn);
    if (!pool) {
      const max = this.options.maxConcurrency ?? 4;
      const cap = fn.reservedConcurrency && fn.reservedConcurrency > 0 ? Math.min(max, fn.reservedConcurrency) : max;
      pool = new Pool(fn, cap, (f) => {
        const id = randomUUID().replace(/-/g, '');
        return new Container(
          id,
          f,
          this.environmentOf(f, id),
          (container, line) => this.log(container, line),
          (container) => pool!.remove(container),
        );
      });
      this.pools.set(fn, pool);
    }
    return pool;
  }

  private log(container: Container, line: string): void {
    const prefixed = `[${container.fn.label}] ${line}`;
    this.lines.push(prefixed);
    if (this.lines.length > (this.options.logSize ?? 5000)) this.lines.shift();
    if (this.logLevel !== 'quiet') {
      const entry = parseLogLine(line, { time: new Date().toISOString(), requestId: container.pending?.requestId });
      this.print(container.fn.label, entry);
    }
  }

  private print(label: string, entry: LogEntry): void {
    if (!printsAt(this.logLevel, entry)) return;
    (this.options.write ?? ((l: string) => process.stderr.write(`${l}\n`)))(formatLogEntry(label, entry));
  }
}
