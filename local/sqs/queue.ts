import { randomBytes, randomUUID } from 'node:crypto';
import { messageNotInflight, receiptHandleIsInvalid } from './errors';
import { md5OfAttributes, md5OfBody, type MessageAttributeValue } from './md5';
import type { QueueDefinition } from './queues';

/** A message as the local SQS keeps it (and persists it). */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
  md5OfMessageAttributes?: string;
  /** Epoch ms. */
  sentTimestamp: number;
  /** Epoch ms before which no receive returns it (its delay, then each visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** The handle of its latest receive: only that one deletes it or changes its visibility. */
  receiptHandle?: string;
  /** Set when a redrive policy moved it here. */
  deadLetterQueueSourceArn?: string;
}

export interface QueueCounts {
  /** Receivable now. */
  visible: number;
  /** Received and not yet visible again. */
  notVisible: number;
  /** Sent with a delay that has not run out. */
  delayed: number;
}

export interface QueueMetrics {
  sent: number;
  received: number;
  deleted: number;
  /** Moved to the dead-letter queue by the redrive policy. */
  deadLettered: number;
  /** Dropped after the retention period. */
  expired: number;
  purged: number;
}

interface Handle {
  queue: string;
  messageId: string;
}

const encodeHandle = (h: Handle) =>
  Buffer.from(JSON.stringify({ ...h, n: randomBytes(6).toString('hex') })).toString('base64url');

const decodeHandle = (handle: unknown): Handle => {
  try {
    const h = JSON.parse(Buffer.from(String(handle), 'base64url').toString()) as Handle;
    if (typeof h.queue === 'string' && typeof h.messageId === 'string') return h;
  } catch {
    // falls through
  }
  throw receiptHandleIsInvalid(handle);
};

/**
 * One standard queue: at-least-once, best-effort order (oldest first here), visibility timeouts,
 * delays, retention and the receive count its redrive policy counts.
 */
export class Queue {
  readonly metrics: QueueMetrics = { sent: 0, received: 0, deleted: 0, deadLettered: 0, expired: 0, purged: 0 };
  private messages: StoredMessage[];

  constructor(
    readonly definition: QueueDefinition,
    stored: StoredMessage[] = [],
    /** Called after every change (to persist and to wake long polls). */
    private readonly changed: (queue: Queue) => void = () => {},
  ) {
    this.messages = stored;
  }

  get name(): string {
    return this.definition.name;
  }

  /** Appends a message; `delaySeconds` defaults to the queue's. */
  send(body: string, messageAttributes?: Record<string, MessageAttributeValue>, delaySeconds?: number): StoredMessage {
    const now = Date.now();
    const attributes = messageAttributes && Object.keys(messageAttributes).length ? messageAttributes : undefined;
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5OfBody(body),
      ...(attributes ? { messageAttributes: attributes, md5OfMessageAttributes: md5OfAttributes(attributes) } : {}),
      sentTimestamp: now,
      visibleAt: now + (delaySeconds ?? this.definition.delaySeconds) * 1000,
      receiveCount: 0,
    };
    this.append(message);
    this.metrics.sent++;
    return message;
  }

  /** Adds a message as it is (a dead-lettered or redriven one keeps its id, body and attributes). */
  append(message: StoredMessage): void {
    this.messages.push(message);
    this.changed(this);
  }

  /**
   * Up to `max` visible messages, each made invisible for `visibilityTimeout` seconds with a new
   * receipt handle. A message already received `maxReceiveCount` times goes to `deadLetter` instead.
   */
  receive(
    max: number,
    visibilityTimeout = this.definition.visibilityTimeout,
    deadLetter?: (message: StoredMessage) => boolean,
  ): StoredMessage[] {
    const now = Date.now();
    this.expire(now);
    const out: StoredMessage[] = [];
    const limit = this.definition.redrivePolicy?.maxReceiveCount;
    for (const message of [...this.messages]) {
      if (out.length >= max) break;
      if (message.visibleAt > now) continue;
      if (limit !== undefined && message.receiveCount >= limit && deadLetter) {
        this.remove(message.messageId);
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { receiptHandle, ...rest } = message;
        if (deadLetter({ ...rest, visibleAt: now, deadLetterQueueSourceArn: this.definition.arn }))
          this.metrics.deadLettered++;
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + visibilityTimeout * 1000;
      message.receiptHandle = encodeHandle({ queue: this.name, messageId: message.messageId });
      out.push({ ...message });
    }
    this.metrics.received += out.length;
    if (out.length) this.changed(this);
    return out;
  }

  /** Deletes the message the handle was given for; a stale handle (an older receive's) deletes nothing, as on SQS. */
  delete(receiptHandle: unknown): void {
    const { messageId } = this.checkHandle(receiptHandle);
    const message = this.messages.find((m) => m.messageId === messageId);
    if (!message || message.receiptHandle !== receiptHandle) return;
    this.remove(messageId);
    this.metrics.deleted++;
    this.changed(this);
  }

  /** Makes an in-flight message visible again after `seconds` from now (0: at once). */
  changeVisibility(receiptHandle: unknown, seconds: number): void {
    const { messageId } = this.checkHandle(receiptHandle);
    const message = this.messages.find((m) => m.messageId === messageId);
    const now = Date.now();
    if (!message || message.receiptHandle !== receiptHandle || message.visibleAt <= now) throw messageNotInflight();
    message.visibleAt = now + seconds * 1000;
    this.changed(this);
  }

  purge(): number {
    const n = this.messages.length;
    this.messages = [];
    this.metrics.purged += n;
    this.changed(this);
    return n;
  }

  /** Removes and returns every message (for a redrive). */
  takeAll(): StoredMessage[] {
    const all = this.messages;
    this.messages = [];
    this.changed(this);
    return all;
  }

  /** The messages as they are, without receiving them. */
  peek(): StoredMessage[] {
    this.expire(Date.now());
    return this.messages.map((m) => ({ ...m }));
  }

  /** The stored messages as they are (for persisting), expired ones included. */
  snapshot(): StoredMessage[] {
    return this.messages;
  }

  counts(now = Date.now()): QueueCounts {
    this.expire(now);
    const counts: QueueCounts = { visible: 0, notVisible: 0, delayed: 0 };
    for (const m of this.messages) {
      if (m.visibleAt <= now) counts.visible++;
      else if (m.receiveCount > 0) counts.notVisible++;
      else counts.delayed++;
    }
    return counts;
  }

  /** When the next invisible message becomes visible (epoch ms), if any. */
  nextVisibleAt(): number | undefined {
    const times = this.messages.map((m) => m.visibleAt).filter((t) => t > Date.now());
    return times.length ? Math.min(...times) : undefined;
  }

  private checkHandle(receiptHandle: unknown): Handle {
    const handle = decodeHandle(receiptHandle);
    if (handle.queue !== this.name) throw receiptHandleIsInvalid(receiptHandle);
    return handle;
  }

  private remove(messageId: string): void {
    this.messages = this.messages.filter((m) => m.messageId !== messageId);
  }

  private expire(now: number): void {
    const keepFrom = now - this.definition.messageRetentionPeriod * 1000;
    const before = this.messages.length;
    this.messages = this.messages.filter((m) => m.sentTimestamp >= keepFrom);
    if (this.messages.length !== before) {
      this.metrics.expired += before - this.messages.length;
      this.changed(this);
    }
  }
}
