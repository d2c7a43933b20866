import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../assembly/assembly';
import { AwsJsonError } from '../sns/aws-json';
import { DEFAULT_BUS, type EventBus } from './buses';
import { EventLog, type EventFilter, type RecordedEvent } from './event-log';

/** One entry of a `PutEvents` request, as the SDK sends it. */
export interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  /** A JSON object, as text. */
  Detail?: unknown;
  /** The bus's name or ARN; `default` when absent. */
  EventBusName?: unknown;
  Resources?: unknown;
  /** Epoch seconds (the JSON protocol's timestamps), or an ISO date. */
  Time?: unknown;
  TraceHeader?: unknown;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  Entries: PutEventsResultEntry[];
  FailedEntryCount: number;
}

/** What a cost benchmark counts: EventBridge bills each entry put. */
export interface EventBridgeMetrics {
  putEventsRequests: number;
  entriesPut: number;
  failedEntries: number;
}

/** PutEvents accepts at most this many entries a request. */
const MAX_ENTRIES = 10;

class EntryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const required = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value === '')
    throw new EntryError('InvalidArgument', `Parameter ${name} is not valid. Reason: ${name} is a required argument.`);
  return value;
};

/** EventBridge writes times to the second: `2024-05-01T12:00:00Z`. */
const timeOf = (value: unknown): string => {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value * 1000
        : typeof value === 'string'
          ? Date.parse(value)
          : Date.now();
  if (Number.isNaN(ms)) throw new EntryError('InvalidArgument', 'Parameter Time is not valid.');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

/**
 * The local EventBridge: `PutEvents` on the buses of the templates (and `default`), each event
 * validated as EventBridge does and recorded in the event log. Rules and targets are not run yet.
 */
export class LocalEventBridge {
  private readonly counters: EventBridgeMetrics = { putEventsRequests: 0, entriesPut: 0, failedEntries: 0 };

  constructor(
    readonly buses: readonly EventBus[],
    readonly log: EventLog = new EventLog(),
  ) {}

  /** The bus of that name or ARN. */
  bus(nameOrArn: string): EventBus | undefined {
    return this.buses.find((b) => b.name === nameOrArn || b.arn === nameOrArn);
  }

  /**
   * `PutEvents`: each entry is recorded or fails on its own (`ErrorCode`); only a malformed request
   * as a whole throws (`ValidationException`).
   */
  putEvents(entries: unknown): PutEventsResult {
    if (!Array.isArray(entries))
      throw new AwsJsonError(
        'ValidationException',
        "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
      );
    if (entries.length < 1 || entries.length > MAX_ENTRIES)
      throw new AwsJsonError(
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${
          entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES}`
        }`,
      );
    this.counters.putEventsRequests++;
    const results = (entries as PutEventsEntry[]).map((entry): PutEventsResultEntry => {
      try {
        const event = this.eventOf(entry ?? {});
        this.log.append(event);
        this.counters.entriesPut++;
        return { EventId: event.id };
      } catch (error) {
        if (!(error instanceof EntryError)) throw error;
        this.counters.failedEntries++;
        return { ErrorCode: error.code, ErrorMessage: error.message };
      }
    });
    return { Entries: results, FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length };
  }

  /** The recorded events, oldest first (`bus` by name or ARN). */
  events(filter: EventFilter = {}): RecordedEvent[] {
    const bus = filter.bus ? (this.bus(filter.bus)?.name ?? filter.bus) : undefined;
    return this.log.list({ ...filter, bus });
  }

  metrics(): EventBridgeMetrics {
    return { ...this.counters };
  }

  private eventOf(entry: PutEventsEntry): RecordedEvent {
    const busName = entry.EventBusName === undefined || entry.EventBusName === '' ? DEFAULT_BUS : entry.EventBusName;
    const bus = typeof busName === 'string' ? this.bus(busName) : undefined;
    if (!bus) throw new EntryError('ResourceNotFoundException', `Event bus ${String(busName)} does not exist.`);
    const source = required(entry.Source, 'Source');
    if (source.startsWith('aws.'))
      throw new EntryError('NotAuthorizedForSourceException', 'Not authorized for the source.');
    const detailType = required(entry.DetailType, 'DetailType');
    const text = required(entry.Detail, 'Detail');
    let detail: unknown;
    try {
      detail = JSON.parse(text);
    } catch {
      throw new EntryError('MalformedDetail', 'Detail is malformed.');
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail))
      throw new EntryError('MalformedDetail', 'Detail is malformed.');
    const resources = entry.Resources ?? [];
    if (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string'))
      throw new EntryError('InvalidArgument', 'Parameter Resources is not valid.');
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': detailType,
      source,
      account: LOCAL_ACCOUNT,
      time: timeOf(entry.Time),
      region: LOCAL_REGION,
      resources: resources as string[],
      detail,
      bus: bus.name,
    };
  }
}
