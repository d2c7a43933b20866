import { LOCAL_ACCOUNT } from '../assembly/assembly';
import { queueDoesNotExist } from './errors';
import type { MessageAttributeValue } from './md5';
import { Queue, type QueueCounts, type QueueMetrics, type StoredMessage } from './queue';
import { queuesOf, type QueueDefinition } from './queues';
import { QueueStore } from './store';
import type { Assembly } from '../assembly/assembly';

/** A message attribute given to `send`: a string (DataType `String`) or the full SQS value. */
export type SendAttribute = string | MessageAttributeValue;

export interface QueueSummary {
  name: string;
  url: string;
  arn: string;
  logicalId?: string;
  visibilityTimeout: number;
  messageRetentionPeriod: number;
  delaySeconds: number;
  redrivePolicy?: QueueDefinition['redrivePolicy'];
  /** The queues whose redrive policy names this one as their dead-letter queue. */
  deadLetterSourceArns: string[];
  messages: QueueCounts;
}

export interface SqsMetrics {
  /** API requests answered (SQS bills per request; a batch of up to 10 is one). */
  requests: number;
  queues: Record<string, QueueMetrics & QueueCounts>;
}

export interface ReceiveOptions {
  /** 1 to 10. Default 1. */
  max?: number;
  /** Seconds; default the queue's. */
  visibilityTimeout?: number;
  /** Seconds to wait for a message when none is visible (long polling). Default 0. */
  waitTimeSeconds?: number;
}

/** How long a long poll sleeps between looks when nothing wakes it (a delay or timeout running out). */
const POLL_MS = 50;

/**
 * The local SQS: the standard queues of the templates, with their visibility timeouts, delays,
 * retention and redrive policies, persisted under the data folder. The SQS API on the cloud server
 * (`sqsRoutes`) and the other local services (`send`) use the same queues.
 */
export class LocalSqs {
  private readonly byKey = new Map<string, Queue>();
  private readonly list: Queue[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly store?: QueueStore;
  private stopped = false;
  requests = 0;

  constructor(definitions: readonly QueueDefinition[], options: { dir?: string } = {}) {
    if (options.dir) this.store = new QueueStore(options.dir);
    for (const definition of definitions) {
      const queue = new Queue(definition, this.store?.load(definition.name) ?? [], (q) => this.changed(q));
      this.list.push(queue);
      for (const key of [definition.name, definition.url, definition.arn]) this.byKey.set(key, queue);
    }
    for (const queue of this.list) {
      const target = queue.definition.redrivePolicy?.deadLetterTargetArn;
      if (target && !this.byKey.has(target))
        throw new Error(`queue ${queue.name}'s redrive policy names ${target}, which is not a queue of the templates`);
    }
  }

  static fromAssembly(assembly: Assembly, cloudUrl: string, options: { dir?: string } = {}): LocalSqs {
    return new LocalSqs(queuesOf(assembly, cloudUrl), options);
  }

  /** The queue of that name, URL or ARN (any host in the URL), else `QueueDoesNotExist`. */
  queue(nameUrlOrArn: unknown): Queue {
    const key = String(nameUrlOrArn ?? '');
    const queue =
      this.byKey.get(key) ?? this.byKey.get(new RegExp(`/${LOCAL_ACCOUNT}/([^/?]+)/?$`).exec(key)?.[1] ?? '');
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  has(nameUrlOrArn: string): boolean {
    try {
      this.queue(nameUrlOrArn);
      return true;
    } catch {
      return false;
    }
  }

  /** Sends a message as `SendMessage` would (for the other local services: dead letters, on-failure records). */
  send(
    queueArnOrUrl: string,
    body: string,
    attributes: Record<string, SendAttribute> = {},
    delaySeconds?: number,
  ): StoredMessage {
    const messageAttributes = Object.fromEntries(
      Object.entries(attributes).map(([k, v]) => [
        k,
        typeof v === 'string' ? { DataType: 'String', StringValue: v } : v,
      ]),
    );
    return this.queue(queueArnOrUrl).send(body, messageAttributes, delaySeconds);
  }

  /** Receives as `ReceiveMessage` does, long polling up to `waitTimeSeconds`; the redrive policy applies. */
  async receive(queueNameUrlOrArn: string, options: ReceiveOptions = {}): Promise<StoredMessage[]> {
    const queue = this.queue(queueNameUrlOrArn);
    const deadline = Date.now() + (options.waitTimeSeconds ?? 0) * 1000;
    for (;;) {
      const got = queue.receive(options.max ?? 1, options.visibilityTimeout, (m) => this.deadLetter(queue, m));
      if (got.length || this.stopped || Date.now() >= deadline) return got;
      await this.wait(Math.min(POLL_MS, deadline - Date.now()));
    }
  }

  /** Every queue with its settings and message counts. */
  queues(): QueueSummary[] {
    return this.list.map((q) => {
      const d = q.definition;
      return {
        name: d.name,
        url: d.url,
        arn: d.arn,
        ...(d.logicalId ? { logicalId: d.logicalId } : {}),
        visibilityTimeout: d.visibilityTimeout,
        messageRetentionPeriod: d.messageRetentionPeriod,
        delaySeconds: d.delaySeconds,
        ...(d.redrivePolicy ? { redrivePolicy: d.redrivePolicy } : {}),
        deadLetterSourceArns: this.list
          .filter((s) => s.definition.redrivePolicy?.deadLetterTargetArn === d.arn)
          .map((s) => s.definition.arn),
        messages: q.counts(),
      };
    });
  }

  /** The queue's messages, oldest first, without receiving them (no receive count, no visibility change). */
  messages(queueNameUrlOrArn: string): StoredMessage[] {
    return this.queue(queueNameUrlOrArn).peek();
  }

  /**
   * Moves every message of `from` (a dead-letter queue) to `to`, or each back to the queue it was
   * dead-lettered from: as new, visible at once, receive count 0. Returns how many moved.
   */
  redrive(from: string, to?: string): number {
    const source = this.queue(from);
    const target = to === undefined ? undefined : this.queue(to);
    const messages = source.takeAll();
    for (const message of messages) {
      const destination =
        target ?? (message.deadLetterQueueSourceArn ? this.queue(message.deadLetterQueueSourceArn) : source);
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { receiptHandle, firstReceiveTimestamp, deadLetterQueueSourceArn, ...rest } = message;
      destination.append({ ...rest, receiveCount: 0, visibleAt: Date.now() });
    }
    return messages.length;
  }

  metrics(): SqsMetrics {
    return {
      requests: this.requests,
      queues: Object.fromEntries(this.list.map((q) => [q.name, { ...q.metrics, ...q.counts() }])),
    };
  }

  /** Ends long polls (they answer with what they have) and writes every queue. */
  stop(): void {
    this.stopped = true;
    for (const wake of this.waiters) wake();
    this.store?.flush();
  }

  private deadLetter(from: Queue, message: StoredMessage): boolean {
    const target = this.queue(from.definition.redrivePolicy!.deadLetterTargetArn);
    target.append(message);
    return true;
  }

  private changed(queue: Queue): void {
    this.store?.save(queue.name, () => queue.snapshot());
    for (const wake of this.waiters) wake();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(ms, 0));
      this.waiters.add(done);
    });
  }
}
