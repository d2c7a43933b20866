import { DuplicateDeliveries } from '../duplicates';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';
import { randomUUID } from 'node:crypto';
import type { Assembly } from '../assembly/assembly';
import type { RawInvocation } from '../lambda/emulator';
import { localSdkConfig, type Outbox } from '../ports';
import { Checkpoints } from './checkpoints';
import { deliver, type DeliveryEvent, type Discarded, type Invocation } from './delivery';
import { failureRecord } from './failure-record';
import { streamMappingsOf, type SkippedMapping, type StreamMapping } from './mappings';
import type { DynamoDbStreamEventRecord } from './records';
import { ShardReader, type StartAt } from './shard-reader';
import { awsStreamArn } from './stream-arns';

/** What the mappings need of the Lambda emulator. */
export interface StreamInvoker {
  invokeRaw(
    functionNameOrArn: string,
    payload: string,
  ): Promise<Pick<RawInvocation, 'payload' | 'error'> & { record: { requestId: string } }>;
  find(functionNameOrArn: string): { name: string; arn: string } | undefined;
}

export interface LocalStreamsOptions {
  /** DynamoDB Local itself (not the meter: Lambda's stream reads are not billed as table reads). */
  dynamodbEndpoint: string;
  lambda: StreamInvoker;
  /** For on-failure destinations that are queues. */
  sqs?: { send(queueArnOrUrl: string, body: string): unknown; has(queue: string): boolean };
  /** For on-failure destinations that are topics. */
  outbox?: Pick<Outbox, 'recordSns'>;
  /** The checkpoints file (none: positions are kept in memory only). */
  checkpointFile?: string;
  /** How often an idle shard is read. Default 200 ms (Lambda: 4 times a second). */
  pollMs?: number;
  /** The first retry's delay; each next one doubles, up to 2 s. Default 100 ms. */
  retryBaseMs?: number;
  log?: (line: string) => void;
}

export interface MappingMetrics {
  /** Invocations of the function. */
  batches: number;
  /** Records the function processed (its batch succeeded, or they came before the first reported failure). */
  records: number;
  retries: number;
  bisections: number;
  partialFailures: number;
  /** Records that matched none of the mapping's filters (dropped, as on AWS). */
  filteredOut: number;
  /** Records given up on (retries exhausted or too old). */
  discarded: number;
  /** Invocation records sent to the on-failure destination. */
  failuresSent: number;
}

export interface MappingStatus {
  id: string;
  logicalId: string;
  function: string;
  table: string;
  streamArn?: string;
  enabled: boolean;
  settings: Omit<StreamMapping, 'id' | 'logicalId' | 'functionName' | 'tableName' | 'eventSourceArn' | 'enabled'>;
  shards: { shardId: string; position?: string; finished: boolean; caughtUp: boolean; lastError?: string }[];
  metrics: MappingMetrics;
}

export type DeliveryLogEntry = { at: string; mapping: string; shardId: string } & DeliveryEvent;

const LOG_SIZE = 1000;
const DISCOVERY_MS = 1000;

const emptyMetrics = (): MappingMetrics => ({
  batches: 0,
  records: 0,
  retries: 0,
  bisections: 0,
  partialFailures: 0,
  filteredOut: 0,
  discarded: 0,
  failuresSent: 0,
});

/** One mapping: its stream's shards (found again every second) and a reader for each. */
class MappingRunner {
  readonly metrics = emptyMetrics();
  readonly readers = new Map<string, ShardReader>();
  localStreamArn?: string;
  /** When the last shard discovery that completed started. */
  discoveredAt = 0;
  private discovering?: Promise<void>;

  constructor(
    readonly mapping: StreamMapping,
    private readonly owner: LocalStreams,
  ) {}

  get streamArn(): string | undefined {
    return this.localStreamArn && awsStreamArn(this.localStreamArn);
  }

  async resolve(dynamodb: DynamoDBClient): Promise<void> {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: this.mapping.tableName }));
    if (!Table?.LatestStreamArn || !Table.StreamSpecification?.StreamEnabled)
      throw new Error(
        `event source mapping ${this.mapping.logicalId}: table ${this.mapping.tableName} has no stream enabled`,
      );
    this.localStreamArn = Table.LatestStreamArn;
  }

  discover(): Promise<void> {
    this.discovering ??= this.discoverOnce().finally(() => (this.discovering = undefined));
    return this.discovering;
  }

  private async discoverOnce(): Promise<void> {
    const startedAt = Date.now();
    const arn = this.localStreamArn!;
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.owner.streamsClient.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const checkpoints = this.owner.checkpoints;
    const firstStart = !checkpoints.started(this.mapping.id, arn);
    const known = new Set(shards.map((s) => s.ShardId!));
    const finished = (id: string) =>
      this.readers.get(id)?.finished ?? checkpoints.shard(this.mapping.id, arn, id)?.finished === true;
    for (const shard of shards) {
      const id = shard.ShardId!;
      if (this.readers.has(id) || this.owner.isStopped()) continue;
      const saved = checkpoints.shard(this.mapping.id, arn, id);
      if (saved?.finished) continue;
      // A child shard is read once its parent is: records of one item stay in order.
      if (shard.ParentShardId && known.has(shard.ParentShardId) && !finished(shard.ParentShardId)) continue;
      const startAt: StartAt = saved?.sequenceNumber
        ? { after: saved.sequenceNumber }
        : firstStart && this.mapping.startingPosition === 'LATEST'
          ? 'SKIP_EXISTING'
          : 'TRIM_HORIZON';
      this.readers.set(id, this.owner.reader(this, id, startAt));
    }
    if (firstStart) checkpoints.markStarted(this.mapping.id, arn);
    this.discoveredAt = startedAt;
  }

  /** Every reader has read everything written before `since`, and delivered it. */
  caughtUp(since: number): boolean {
    return this.discoveredAt >= since && [...this.readers.values()].every((r) => r.finished || r.caughtUpAt >= since);
  }
}

/**
 * Lambda's event source mappings for DynamoDB streams: each enabled mapping of the templates reads
 * its table's stream from DynamoDB Local, shard by shard and in order, and invokes its function
 * with batches of stream records, with the mapping's batching, filters, retries, bisection,
 * partial batch responses and on-failure destination. Positions are checkpointed so that a
 * restart resumes where the last run left off.
 */
export class LocalStreams {
  readonly streamsClient: DynamoDBStreamsClient;
  readonly checkpoints: Checkpoints;
  private readonly runners: MappingRunner[];
  private readonly entries: DeliveryLogEntry[] = [];
  private readonly wakers = new Set<() => void>();
  private readonly loops: Promise<void>[] = [];
  private stopped = false;
  private readonly pollMs: number;
  /** Lambda reads streams at least once: for soak runs, some batches can be delivered twice. */
  readonly duplicates = new DuplicateDeliveries();

  constructor(
    mappings: readonly StreamMapping[],
    readonly skipped: readonly SkippedMapping[],
    private readonly options: LocalStreamsOptions,
  ) {
    const client = localSdkConfig(options.dynamodbEndpoint);
    this.streamsClient = new DynamoDBStreamsClient(client);
    this.checkpoints = new Checkpoints(options.checkpointFile);
    this.pollMs = options.pollMs ?? 200;
    for (const m of mappings) {
      if (!options.lambda.find(m.functionName))
        throw new Error(`event source mapping ${m.logicalId}: no function ${m.functionName} in the templates`);
      if (m.onFailure?.startsWith('arn:aws:sqs:') && !options.sqs?.has(m.onFailure))
        throw new Error(`event source mapping ${m.logicalId}: no queue ${m.onFailure} for its on-failure destination`);
      if (m.onFailure?.startsWith('arn:aws:sns:') && !options.outbox)
        throw new Error(`event source mapping ${m.logicalId}: no SNS to send its failures to`);
    }
    this.runners = mappings.map((m) => new MappingRunner(m, this));
  }

  static fromAssembly(assembly: Assembly, options: LocalStreamsOptions): LocalStreams {
    const { mappings, skipped } = streamMappingsOf(assembly);
    return new LocalStreams(mappings, skipped, options);
  }

  /** Finds each table's stream and starts reading; throws when a mapped table has no stream. */
  async start(): Promise<void> {
    const dynamodb = new DynamoDBClient(localSdkConfig(this.options.dynamodbEndpoint));
    try {
      for (const runner of this.runners) {
        await runner.resolve(dynamodb);
        if (!runner.mapping.enabled) continue;
        await runner.discover();
        this.loops.push(this.discoverEvery(runner));
      }
    } finally {
      dynamodb.destroy();
    }
  }

  isStopped(): boolean {
    return this.stopped;
  }

  /** Every mapping, its shards' positions and its metrics (`GET /streams/mappings`). */
  mappings(): MappingStatus[] {
    return this.runners.map((r) => {
      const { id, logicalId, functionName, tableName, eventSourceArn: _arn, enabled, ...settings } = r.mapping;
      void _arn;
      return {
        id,
        logicalId,
        function: this.options.lambda.find(functionName)?.name ?? functionName,
        table: tableName,
        ...(r.streamArn ? { streamArn: r.streamArn } : {}),
        enabled,
        settings,
        shards: [...r.readers.values()].map((reader) => ({
          shardId: reader.shardId,
          ...(reader.position ? { position: reader.position } : {}),
          finished: reader.finished,
          caughtUp: reader.caughtUpAt > 0,
          ...(reader.lastError ? { lastError: reader.lastError } : {}),
        })),
        metrics: { ...r.metrics },
      };
    });
  }

  /** Per mapping (by logical id). */
  metrics(): Record<string, MappingMetrics> {
    return Object.fromEntries(this.runners.map((r) => [r.mapping.logicalId, { ...r.metrics }]));
  }

  /** The latest deliveries, retries, bisections and discards, oldest first. */
  log(): DeliveryLogEntry[] {
    return [...this.entries];
  }

  /**
   * Resolves once every enabled mapping has delivered (or given up on) every record written to its
   * stream before the call: for tests, after writing to a table.
   */
  async drained({ timeoutMs = 20_000 }: { timeoutMs?: number } = {}): Promise<void> {
    const since = Date.now();
    const deadline = since + timeoutMs;
    const runners = this.runners.filter((r) => r.mapping.enabled);
    await Promise.all(runners.map((r) => r.discover()));
    while (!runners.every((r) => r.caughtUp(since))) {
      if (this.stopped) throw new Error('the stream mappings are stopped');
      if (Date.now() > deadline) {
        const behind = runners.filter((r) => !r.caughtUp(since)).map((r) => r.mapping.logicalId);
        throw new Error(`stream mappings still behind after ${timeoutMs} ms: ${behind.join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 20));
      if (runners.some((r) => r.discoveredAt < since)) await Promise.all(runners.map((r) => r.discover()));
    }
  }

  /** Stops reading; waits (up to 10 s) for the batches being delivered. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.wakers) wake();
    const readers = this.runners.flatMap((r) => [...r.readers.values()].map((reader) => reader.ended()));
    await Promise.race([
      Promise.allSettled([...this.loops, ...readers]),
      new Promise((r) => setTimeout(r, 10_000).unref()),
    ]);
    this.streamsClient.destroy();
  }

  /** @internal A reader for one shard of `runner`'s stream. */
  reader(runner: MappingRunner, shardId: string, startAt: StartAt): ShardReader {
    const { mapping } = runner;
    const fn = this.options.lambda.find(mapping.functionName)!;
    const note = (event: DeliveryEvent) => {
      this.entries.push({ at: new Date().toISOString(), mapping: mapping.logicalId, shardId, ...event });
      if (this.entries.length > LOG_SIZE) this.entries.shift();
      const m = runner.metrics;
      if (event.kind === 'invoked') m.batches++;
      if (event.kind === 'retry') m.retries++;
      if (event.kind === 'bisected') m.bisections++;
      if (event.kind === 'partial') m.partialFailures++;
      if (event.kind === 'discarded') m.discarded += event.records;
    };
    const invoke = async (records: DynamoDbStreamEventRecord[]): Promise<Invocation> => {
      // A batch Lambda already processed may come again (at-least-once): the duplicate goes first.
      if (this.duplicates.twice()) {
        await this.options.lambda.invokeRaw(fn.name, JSON.stringify({ Records: records }));
      }
      const raw = await this.options.lambda.invokeRaw(fn.name, JSON.stringify({ Records: records }));
      if (raw.error) return { requestId: raw.record.requestId, error: raw.error };
      let response: unknown;
      try {
        response = JSON.parse(raw.payload);
      } catch {
        response = undefined;
      }
      return { requestId: raw.record.requestId, response };
    };
    const discard = async (discarded: Discarded) => {
      if (!mapping.onFailure) return;
      const body = JSON.stringify(
        failureRecord(discarded, {
          functionArn: fn.arn,
          shardId,
          streamArn: runner.streamArn!,
          requestId: randomUUID(),
          now: new Date(),
        }),
      );
      try {
        if (mapping.onFailure.startsWith('arn:aws:sqs:')) this.options.sqs!.send(mapping.onFailure, body);
        else this.options.outbox!.recordSns({ topicArn: mapping.onFailure, message: body, attributes: {} });
        runner.metrics.failuresSent++;
      } catch (error) {
        this.say(`${mapping.logicalId}: could not send to ${mapping.onFailure}: ${(error as Error).message}`);
      }
    };
    return new ShardReader({
      client: this.streamsClient,
      mapping,
      localStreamArn: runner.localStreamArn!,
      streamArn: runner.streamArn!,
      shardId,
      checkpoints: this.checkpoints,
      startAt,
      pollMs: this.pollMs,
      sleep: (ms) => this.sleep(ms),
      stopped: () => this.stopped,
      log: (line) => this.say(line),
      filteredOut: (n) => (runner.metrics.filteredOut += n),
      deliver: (records, done) =>
        deliver(records, mapping, {
          invoke,
          discard,
          done: (doneRecords, outcome) => {
            if (outcome === 'processed') runner.metrics.records += doneRecords.length;
            done(doneRecords);
          },
          backoff: (attempt) => this.sleep(Math.min((this.options.retryBaseMs ?? 100) * 2 ** (attempt - 1), 2000)),
          now: () => Date.now(),
          stopped: () => this.stopped,
          note,
        }),
    });
  }

  private async discoverEvery(runner: MappingRunner): Promise<void> {
    while (!this.stopped) {
      await this.sleep(DISCOVERY_MS);
      if (this.stopped) return;
      await runner.discover().catch((error: Error) => this.say(`${runner.mapping.logicalId}: ${error.message}`));
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      this.wakers.add(wake);
    });
  }

  private say(line: string): void {
    this.options.log?.(line);
  }
}
