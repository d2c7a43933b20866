import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventBridgeEvent } from './router';

/**
 * An event as EventBridge delivers it to a rule's target (`version`, `id`, `detail-type`, `source`,
 * `account`, `time`, `region`, `resources`, `detail`), plus the name of the bus it was put on.
 */
export interface RecordedEvent extends EventBridgeEvent {
  bus: string;
}

export interface EventFilter {
  detailType?: string;
  source?: string;
  bus?: string;
}

/**
 * Every event put on a local bus, oldest first, kept in memory and appended to a JSON-lines file
 * (one event a line) so that it survives restarts. Nothing is ever rewritten.
 */
export class EventLog {
  private readonly events: RecordedEvent[] = [];

  /** `file`: the JSON-lines file to load and append to; none keeps the log in memory only. */
  constructor(readonly file?: string) {
    if (!file || !existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        this.events.push(JSON.parse(line) as RecordedEvent);
      } catch {
        // a torn last line (the process died mid-write): skip it
      }
    }
  }

  append(event: RecordedEvent): void {
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(event)}\n`);
    }
    this.events.push(event);
  }

  /** The events that match every given field (`bus` by name), oldest first. */
  list(filter: EventFilter = {}): RecordedEvent[] {
    return this.events.filter(
      (e) =>
        (!filter.detailType || e['detail-type'] === filter.detailType) &&
        (!filter.source || e.source === filter.source) &&
        (!filter.bus || e.bus === filter.bus),
    );
  }
}
