import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type GetShardIteratorCommandInput,
} from '@aws-sdk/client-dynamodb-streams';
import { matches } from '../eventbridge/pattern';
import type { Checkpoints } from './checkpoints';
import { DeliveryStopped } from './delivery';
import type { StreamMapping } from './mappings';
import { lambdaRecord, type DynamoDbStreamEventRecord } from './records';

/** Where a reader starts: after its checkpoint, at the oldest record, or (`LATEST` on a first start) past every record there now. */
export type StartAt = { after: string } | 'TRIM_HORIZON' | 'SKIP_EXISTING';

export interface ShardReaderDeps {
  client: DynamoDBStreamsClient;
  mapping: StreamMapping;
  /** DynamoDB Local's ARN of the stream, for its API. */
  localStreamArn: string;
  /** The ARN as AWS writes it, for the events. */
  streamArn: string;
  shardId: string;
  checkpoints: Checkpoints;
  startAt: StartAt;
  /** Delivers a batch (retries, bisection, discards); calls `done` as records are done with. */
  deliver(records: DynamoDbStreamEventRecord[], done: (records: DynamoDbStreamEventRecord[]) => void): Promise<void>;
  /** Resolves after `ms`, or at once when the cloud stops. */
  sleep(ms: number): Promise<void>;
  stopped(): boolean;
  pollMs: number;
  log(line: string): void;
  /** Records that matched no filter. */
  filteredOut(count: number): void;
}

interface Buffered {
  record: DynamoDbStreamEventRecord;
  matched: boolean;
  fetchedAt: number;
}

const PAGE = 1000;
/** Errors after which a new iterator from the checkpoint is all it takes. */
const RENEW = new Set(['TrimmedDataAccessException', 'ExpiredIteratorException']);

/**
 * Reads one shard in order, as Lambda's poller does: fetches records, keeps those matching the
 * mapping's filters, makes batches (`BatchSize`, `MaximumBatchingWindowInSeconds`), delivers each
 * and checkpoints after the records done with. Closed shards end once read to the end.
 */
export class ShardReader {
  /** Epoch ms when a read that found nothing new started, with nothing left to deliver. */
  caughtUpAt = 0;
  finished = false;
  /** The last record done with. */
  position?: string;
  lastError?: string;
  private readonly done: Promise<void>;

  constructor(private readonly deps: ShardReaderDeps) {
    const saved = typeof deps.startAt === 'object' ? deps.startAt.after : undefined;
    if (saved) this.position = saved;
    this.done = this.run();
  }

  get shardId(): string {
    return this.deps.shardId;
  }

  /** Resolves when the reader's loop has ended (the shard is finished, or the cloud stopped). */
  ended(): Promise<void> {
    return this.done;
  }

  private checkpoint(sequenceNumber: string): void {
    const { checkpoints, mapping, localStreamArn, shardId } = this.deps;
    this.position = sequenceNumber;
    checkpoints.set(mapping.id, localStreamArn, shardId, { sequenceNumber });
  }

  /** After the checkpoint, else from the oldest record (`SKIP_EXISTING` reads past them without delivering). */
  private async iterator(): Promise<string | undefined> {
    const { client, localStreamArn, shardId } = this.deps;
    const input: GetShardIteratorCommandInput = this.position
      ? {
          StreamArn: localStreamArn,
          ShardId: shardId,
          ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
          SequenceNumber: this.position,
        }
      : { StreamArn: localStreamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' };
    return (await client.send(new GetShardIteratorCommand(input))).ShardIterator;
  }

  private async run(): Promise<void> {
    const deps = this.deps;
    const { mapping } = deps;
    let skipping = deps.startAt === 'SKIP_EXISTING';
    let iterator: string | undefined;
    let fresh = true;
    let closed = false;
    let buffer: Buffered[] = [];
    while (!deps.stopped()) {
      try {
        if (fresh) {
          iterator = await this.iterator();
          closed = iterator === undefined;
          buffer = [];
          fresh = false;
        }
        const matched = buffer.filter((b) => b.matched).length;
        if (!closed && matched < mapping.batchSize) {
          const requestedAt = Date.now();
          const page = await deps.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: PAGE }));
          iterator = page.NextShardIterator;
          closed = !iterator;
          const records = (page.Records ?? []).map((r) => lambdaRecord(r, deps.streamArn));
          if (skipping) {
            if (records.length) this.checkpoint(records[records.length - 1].dynamodb.SequenceNumber);
            else skipping = false;
            continue;
          }
          for (const record of records) {
            const kept = !mapping.filters.length || mapping.filters.some((f) => matches(f, record));
            buffer.push({ record, matched: kept, fetchedAt: Date.now() });
          }
          if (!records.length && !buffer.length) this.caughtUpAt = requestedAt;
        }
        if (!buffer.length) {
          if (closed) {
            this.finished = true;
            deps.checkpoints.set(mapping.id, deps.localStreamArn, deps.shardId, {
              ...(this.position ? { sequenceNumber: this.position } : {}),
              finished: true,
            });
            return;
          }
          await deps.sleep(deps.pollMs);
          continue;
        }
        const firstMatched = buffer.find((b) => b.matched);
        const waitUntil = (firstMatched?.fetchedAt ?? 0) + mapping.maximumBatchingWindowInSeconds * 1000;
        if (
          firstMatched &&
          !closed &&
          buffer.filter((b) => b.matched).length < mapping.batchSize &&
          Date.now() < waitUntil
        ) {
          await deps.sleep(Math.min(deps.pollMs, waitUntil - Date.now()));
          continue;
        }
        const taken: Buffered[] = [];
        let size = 0;
        while (buffer.length && size < mapping.batchSize) {
          const next = buffer.shift()!;
          taken.push(next);
          if (next.matched) size++;
        }
        const batch = taken.filter((b) => b.matched).map((b) => b.record);
        if (taken.length > batch.length) deps.filteredOut(taken.length - batch.length);
        if (batch.length)
          await deps.deliver(batch, (records) => this.checkpoint(records[records.length - 1].dynamodb.SequenceNumber));
        this.checkpoint(taken[taken.length - 1].record.dynamodb.SequenceNumber);
      } catch (error) {
        if (error instanceof DeliveryStopped || deps.stopped()) return;
        // DynamoDB Local answers an iterator taken on an empty shard this way once records arrive.
        if (RENEW.has((error as Error).name)) {
          fresh = true;
          continue;
        }
        this.lastError = (error as Error).message;
        deps.log(`${mapping.logicalId} ${deps.shardId}: ${this.lastError}; reading again from the last checkpoint`);
        fresh = true;
        await deps.sleep(1000);
      }
    }
  }
}
