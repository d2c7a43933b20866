import { randomUUID } from 'node:crypto';
import type { LambdaFailure } from '../ports';
import { seededRate } from '../seeded';

/**
 * How a hit invocation fails: `error` (the default) fails it with the fault's error instead of
 * running the handler; `timeout` does not run it and answers, after the function's timeout, with
 * Lambda's `Sandbox.Timedout`; `crash-after` runs the handler (its writes happen), then the runtime
 * dies before replying, which Lambda reports as `Runtime.ExitError` and the caller retries.
 */
export const FAULT_MODES = ['error', 'timeout', 'crash-after'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/**
 * An injected invocation error, the local counterpart of AWS Fault Injection Service's
 * `aws:lambda:invocation-error`: the matching invocations fail with this error instead of running
 * the handler, exactly as if it had thrown. Tests and the soak use it to fail one step of one order.
 */
export interface FaultSpec {
  /** The function: its Amplify name (`inventory-commit`), physical name or ARN. */
  function: string;
  /** The error a hit invocation fails with (`error` mode only, where `errorType` is required). */
  errorType?: string;
  errorMessage?: string;
  /**
   * Only events holding these values match (e.g. `{ orderId }`): others run normally. An object
   * value matches as a subset, so `{ detail: { data: { orderId } } }` picks one order's events.
   */
  when?: Record<string, unknown>;
  /** How many matching invocations fail; then the fault is spent. Unlimited when absent. */
  times?: number;
  /** The share (0 to 1) of matching invocations hit, chosen by a generator seeded with `seed`. All when absent. */
  rate?: number;
  seed?: string;
  /** How a hit invocation fails (`error` when absent). `errorType` is only needed for `error`. */
  mode?: FaultMode;
}

export interface Fault extends FaultSpec {
  id: string;
  /** The function's physical name, resolved when the fault was injected. */
  functionName: string;
  /** Invocations it has failed so far. */
  hits: number;
}

/** What the emulator does with an invocation a fault hits. */
export interface FaultHit {
  id: string;
  mode: FaultMode;
  /** For `error`: the failure to answer with. */
  failure: LambdaFailure;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `event` holds every value of `when`: objects compared key by key, anything else as JSON. */
const holds = (event: unknown, when: unknown): boolean =>
  isObject(when)
    ? isObject(event) && Object.entries(when).every(([key, value]) => holds(event[key], value))
    : JSON.stringify(event) === JSON.stringify(when);

const matches = (when: Record<string, unknown> | undefined, event: unknown) => !when || holds(event, when);

/** The faults in force, and which one (if any) an invocation meets. */
export class Faults {
  private readonly list: Fault[] = [];
  private readonly rolls = new Map<string, () => boolean>();

  add(spec: FaultSpec, functionName: string): Fault {
    const mode = spec.mode ?? 'error';
    if (!FAULT_MODES.includes(mode))
      throw new Error(`mode must be one of ${FAULT_MODES.join(', ')}, not ${String(mode)}`);
    if (mode === 'error' && !spec.errorType?.trim()) throw new Error('a fault needs an errorType');
    if (spec.rate !== undefined && !(typeof spec.rate === 'number' && spec.rate >= 0 && spec.rate <= 1))
      throw new Error('rate must be a number from 0 to 1');
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0))
      throw new Error('times must be a whole number of at least 1');
    const fault: Fault = { ...spec, id: randomUUID(), functionName, hits: 0 };
    this.list.push(fault);
    if (spec.rate !== undefined) this.rolls.set(fault.id, seededRate(spec.rate, spec.seed ?? fault.id));
    return fault;
  }

  all(): Fault[] {
    return this.list.map((f) => ({ ...f }));
  }

  remove(id?: string): void {
    for (let i = this.list.length - 1; i >= 0; i--)
      if (!id || this.list[i].id === id) {
        this.rolls.delete(this.list[i].id);
        this.list.splice(i, 1);
      }
  }

  /** The fault this invocation meets and the failure it gets, counted against the fault; undefined when none applies. */
  take(functionName: string, payload: string): FaultHit | undefined {
    const candidates = this.list.filter((f) => f.functionName === functionName);
    if (candidates.length === 0) return undefined;
    let event: unknown;
    try {
      event = JSON.parse(payload);
    } catch {
      event = undefined;
    }
    // A fault with a rate that does not hit this time lets the next matching fault have its turn.
    const fault = candidates.find((f) => matches(f.when, event) && (this.rolls.get(f.id)?.() ?? true));
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
    return {
      id: fault.id,
      mode: fault.mode ?? 'error',
      failure: { errorType: fault.errorType ?? 'Error', errorMessage: fault.errorMessage ?? '', trace: [] },
    };
  }
}
