import type { LambdaFailure } from '../ports';
import type { AsyncOutcome } from './lambda-async';
import type { TargetKind } from './rules';

/**
 * Where a target's delivery stands: `pending` (being delivered or waiting to retry), `delivered`,
 * `dead-lettered` (given up, the event in the target's DLQ) or `dropped` (given up, no DLQ, or the
 * DLQ refused it).
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'dead-lettered' | 'dropped';

/** One target of one rule an event matched. */
export interface TargetDelivery {
  rule: string;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  kind: TargetKind;
  status: DeliveryStatus;
  /** Delivery attempts EventBridge made (the first and its retries). */
  attempts: number;
  retries: number;
  /** What the target received (after `Input`, `InputPath` or `InputTransformer`). */
  input: string;
  /** Why the last attempt failed (for `dead-lettered` and `dropped`: why it was given up). */
  error?: { code: string; message: string };
  /** The DLQ message's attributes, as EventBridge sets them. */
  deadLetter?: { queueArn: string; attributes: Record<string, string> };
  /** A state machine target: the execution started. */
  executionArn?: string;
  /** A Lambda target: the asynchronous invocation Lambda ran after EventBridge handed the event over. */
  invocation?: { requestId: string; status: 'running' | AsyncOutcome['status'] } & Partial<
    Pick<AsyncOutcome, 'invokeCount' | 'destination' | 'deadLetter' | 'sinkError'>
  > & { error?: LambdaFailure };
  startedAt: string;
  finishedAt?: string;
}

/** An event put on a bus: the rules it matched and how each of their targets fared. */
export interface EventDeliveries {
  eventId: string;
  bus: string;
  source: string;
  detailType: string;
  receivedAt: string;
  /** The names of the rules it matched. */
  rules: string[];
  targets: TargetDelivery[];
}

export interface DeliveryFilter {
  eventId?: string;
  /** A rule's name or ARN: only events it matched, and only its targets. */
  rule?: string;
}

/** The recent events' deliveries (the latest `size`), in memory, for tests and a local console. */
export class DeliveryLog {
  private readonly entries: EventDeliveries[] = [];

  constructor(private readonly size = 1000) {}

  add(entry: EventDeliveries): EventDeliveries {
    this.entries.push(entry);
    if (this.entries.length > this.size) this.entries.shift();
    return entry;
  }

  /** Oldest first; copies, so callers may keep them. */
  list(filter: DeliveryFilter = {}): EventDeliveries[] {
    const { eventId, rule } = filter;
    return this.entries
      .filter((e) => !eventId || e.eventId === eventId)
      .map((e) => {
        if (!rule) return structuredClone(e);
        const targets = e.targets.filter((t) => t.rule === rule || t.ruleArn === rule);
        const rules = e.rules.filter((r) => r === rule || targets.some((t) => t.rule === r));
        return structuredClone({ ...e, rules, targets });
      })
      .filter((e) => !rule || e.rules.length > 0);
  }
}
