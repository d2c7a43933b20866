import type { LambdaFailure } from '../ports';
import type { DynamoDbStreamEventRecord } from './records';

/** How a mapping retries, as its `AWS::Lambda::EventSourceMapping` says. */
export interface RetryPolicy {
  reportBatchItemFailures: boolean;
  bisectBatchOnFunctionError: boolean;
  /** -1: no limit. */
  maximumRetryAttempts: number;
  /** -1: no limit. */
  maximumRecordAgeInSeconds: number;
}

/** One invocation of the mapping's function with a batch. */
export interface Invocation {
  requestId: string;
  /** Set when the function threw (or timed out). */
  error?: LambdaFailure;
  /** What it returned (parsed), when it did not throw. */
  response?: unknown;
}

/** Why records were given up, as the on-failure record's `requestContext.condition` says. */
export type DiscardCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

export interface Discarded {
  records: DynamoDbStreamEventRecord[];
  condition: DiscardCondition;
  /** Invocations of this batch (0 when it expired before any). */
  invokeCount: number;
  /** The last invocation, if any. */
  last?: Invocation;
}

/** What delivering a batch needs from the reader: the function, the destination, time and the log. */
export interface DeliveryContext {
  invoke(records: DynamoDbStreamEventRecord[]): Promise<Invocation>;
  /** Records given up: to the on-failure destination, if the mapping has one. */
  discard(discarded: Discarded): Promise<void>;
  /** Records done with (processed, or discarded): the reader checkpoints after the last. */
  done(records: DynamoDbStreamEventRecord[], outcome: 'processed' | 'discarded'): void;
  /** Before retry number `attempt` (1, 2, ...). */
  backoff(attempt: number): Promise<void>;
  /** Epoch ms. */
  now(): number;
  /** True once the cloud stops: delivery ends without checkpointing the rest. */
  stopped(): boolean;
  note(event: DeliveryEvent): void;
}

export type DeliveryEvent =
  | { kind: 'invoked'; records: number; requestId: string; error?: string }
  | { kind: 'partial'; failedFrom: string; remaining: number }
  | { kind: 'bisected'; into: [number, number] }
  | { kind: 'retry'; attempt: number; records: number }
  | { kind: 'discarded'; records: number; condition: DiscardCondition };

export class DeliveryStopped extends Error {
  constructor() {
    super('the local cloud stopped during a delivery');
  }
}

/**
 * The index of the first record to retry from a `ReportBatchItemFailures` response: `undefined`
 * when the batch succeeded (no response, no or an empty `batchItemFailures`), `0` when the response
 * cannot be read (an empty, null or unknown `itemIdentifier`: Lambda then retries the whole batch).
 */
export const firstFailure = (response: unknown, records: DynamoDbStreamEventRecord[]): number | undefined => {
  if (response === null || typeof response !== 'object') return undefined;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return undefined;
  if (!Array.isArray(failures)) return 0;
  if (failures.length === 0) return undefined;
  let first = records.length;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = typeof id === 'string' && id ? records.findIndex((r) => r.dynamodb.SequenceNumber === id) : -1;
    if (index < 0) return 0;
    first = Math.min(first, index);
  }
  return first;
};

/**
 * Delivers a batch as Lambda's stream poller does: on a function error the batch is split in
 * halves when `bisectBatchOnFunctionError` (a split costs no retry), else retried whole; with
 * `reportBatchItemFailures` only the records from the first reported one are retried. Records past
 * `maximumRecordAgeInSeconds`, or still failing after `maximumRetryAttempts`, are discarded (to the
 * on-failure destination) so that the records behind them carry on.
 */
export const deliver = async (
  batch: DynamoDbStreamEventRecord[],
  policy: RetryPolicy,
  ctx: DeliveryContext,
): Promise<void> => {
  let records = batch;
  let retries = 0;
  let invokeCount = 0;
  let last: Invocation | undefined;
  const give = async (condition: DiscardCondition, which: DynamoDbStreamEventRecord[]) => {
    await ctx.discard({ records: which, condition, invokeCount, ...(last ? { last } : {}) });
    ctx.note({ kind: 'discarded', records: which.length, condition });
    ctx.done(which, 'discarded');
  };
  while (records.length) {
    if (ctx.stopped()) throw new DeliveryStopped();
    if (policy.maximumRecordAgeInSeconds >= 0) {
      const oldest = ctx.now() / 1000 - policy.maximumRecordAgeInSeconds;
      const expired = records.filter((r) => r.dynamodb.ApproximateCreationDateTime < oldest);
      if (expired.length) {
        await give('RecordAgeExceeded', expired);
        records = records.filter((r) => !expired.includes(r));
        continue;
      }
    }
    invokeCount++;
    last = await ctx.invoke(records);
    ctx.note({
      kind: 'invoked',
      records: records.length,
      requestId: last.requestId,
      ...(last.error ? { error: last.error.errorType } : {}),
    });
    if (!last.error) {
      const from = policy.reportBatchItemFailures ? firstFailure(last.response, records) : undefined;
      if (from === undefined) {
        ctx.done(records, 'processed');
        return;
      }
      if (from > 0) {
        ctx.done(records.slice(0, from), 'processed');
        records = records.slice(from);
        ctx.note({ kind: 'partial', failedFrom: records[0].dynamodb.SequenceNumber, remaining: records.length });
      }
    } else if (policy.bisectBatchOnFunctionError && records.length > 1) {
      const half = Math.ceil(records.length / 2);
      ctx.note({ kind: 'bisected', into: [half, records.length - half] });
      await deliver(records.slice(0, half), policy, ctx);
      await deliver(records.slice(half), policy, ctx);
      return;
    }
    retries++;
    if (policy.maximumRetryAttempts >= 0 && retries > policy.maximumRetryAttempts) {
      await give('RetryAttemptsExhausted', records);
      return;
    }
    ctx.note({ kind: 'retry', attempt: retries, records: records.length });
    await ctx.backoff(retries);
  }
};
