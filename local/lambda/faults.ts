import { randomUUID } from 'node:crypto';
import type { LambdaFailure } from '../ports';

/**
 * An injected invocation error, the local counterpart of AWS Fault Injection Service's
 * `aws:lambda:invocation-error`: the matching invocations fail with this error instead of running
 * the handler, exactly as if it had thrown. Tests and the soak use it to fail one step of one order.
 */
export interface FaultSpec {
  /** The function: its Amplify name (`inventory-commit`), physical name or ARN. */
  function: string;
  errorType: string;
  errorMessage: string;
  /**
   * Only events holding these values match (e.g. `{ orderId }`): others run normally. An object
   * value matches as a subset, so `{ detail: { data: { orderId } } }` picks one order's events.
   */
  when?: Record<string, unknown>;
  /** How many matching invocations fail; then the fault is spent. Unlimited when absent. */
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** The function's physical name, resolved when the fault was injected. */
  functionName: string;
  /** Invocations it has failed so far. */
  hits: number;
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

  add(spec: FaultSpec, functionName: string): Fault {
    if (!spec.errorType?.trim()) throw new Error('a fault needs an errorType');
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0))
      throw new Error('times must be a whole number of at least 1');
    const fault: Fault = { ...spec, id: randomUUID(), functionName, hits: 0 };
    this.list.push(fault);
    return fault;
  }

  all(): Fault[] {
    return this.list.map((f) => ({ ...f }));
  }

  remove(id?: string): void {
    for (let i = this.list.length - 1; i >= 0; i--) if (!id || this.list[i].id === id) this.list.splice(i, 1);
  }

  /** The fault this invocation meets and the failure it gets, counted against the fault; undefined when none applies. */
  take(functionName: string, payload: string): { id: string; failure: LambdaFailure } | undefined {
    const candidates = this.list.filter((f) => f.functionName === functionName);
    if (candidates.length === 0) return undefined;
    let event: unknown;
    try {
      event = JSON.parse(payload);
    } catch {
      event = undefined;
    }
    const fault = candidates.find((f) => matches(f.when, event));
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
    return { id: fault.id, failure: { errorType: fault.errorType, errorMessage: fault.errorMessage, trace: [] } };
  }
}
