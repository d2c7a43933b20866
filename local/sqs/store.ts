import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredMessage } from './queue';

/**
 * Keeps each queue's messages in `<dir>/<queue name>.json`, so they survive a restart. Writes are
 * coalesced: every change made in one turn of the event loop is written once, after it.
 */
export class QueueStore {
  private readonly dirty = new Map<string, () => StoredMessage[]>();
  private scheduled = false;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  load(queue: string): StoredMessage[] {
    const file = this.file(queue);
    if (!existsSync(file)) return [];
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as StoredMessage[];
    } catch {
      return []; // a torn write: start the queue empty rather than not at all
    }
  }

  /** Marks the queue for writing; `messages` is read when the write happens. */
  save(queue: string, messages: () => StoredMessage[]): void {
    this.dirty.set(queue, messages);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every queue changed since the last write. */
  flush(): void {
    this.scheduled = false;
    for (const [queue, messages] of this.dirty) {
      const file = this.file(queue);
      writeFileSync(`${file}.tmp`, JSON.stringify(messages()));
      renameSync(`${file}.tmp`, file);
    }
    this.dirty.clear();
  }

  private file(queue: string): string {
    return join(this.dir, `${queue}.json`);
  }
}
