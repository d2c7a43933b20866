import { DuplicateDeliveries } from '../duplicates';
import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../assembly/assembly';
import { AwsJsonError } from '../sns/aws-json';
import { DEFAULT_BUS, type EventBus } from './buses';
import type { DeliveryFilter, EventDeliveries } from './delivery-log';
import { EventLog, type EventFilter, type RecordedEvent } from './event-log';
import type { Rule } from './rules';
import { EventRouter, noRouting, type RouterOptions, type RoutingMetrics, type TargetBackends } from './router';

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

/** What a cost benchmark counts (EventBridge bills each entry put), and what the rules did. */
export interface EventBridgeMetrics extends RoutingMetrics {
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
 * validated as EventBridge does and recorded in the event log; once `runRules` is called, the
 * rules of each bus deliver matching events to their targets in the background.
 */
export class LocalEventBridge {
  private readonly counters = { putEventsRequests: 0, entriesPut: 0, failedEntries: 0 };
  private router?: EventRouter;
  /** EventBridge delivers at least once: for soak runs, some events can be delivered twice. */
  readonly duplicates = new DuplicateDeliveries();

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
        const { bus, ...delivered } = event;
        this.router?.route(delivered, bus);
        // EventBridge delivers at least once: a switched-on rate delivers some events twice.
        if (this.router && this.duplicates.twice()) this.router.route(delivered, bus);
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

  /**
   * Runs `rules` from now on: every accepted entry is matched against its bus's rules and delivered
   * to their targets through `backends`. Throws, naming the rule and target, when a target needs a
   * service that is not given.
   */
  runRules(rules: readonly Rule[], backends: TargetBackends, options: RouterOptions = {}): void {
    this.router?.stop();
    this.router = new EventRouter(rules, backends, (entries) => this.putEvents(entries), options);
  }

  /** The rules being run. */
  rules(): readonly Rule[] {
    return this.router?.rules ?? [];
  }

  /** For each recent event: the rules it matched and each target's outcome (filter by event id, rule name or ARN). */
  deliveries(filter: DeliveryFilter = {}): EventDeliveries[] {
    return this.router?.deliveries(filter) ?? [];
  }

  /** Resolves once every delivery in flight (retries, asynchronous invocations, destinations) has finished. */
  settled(): Promise<void> {
    return this.router?.settled() ?? Promise.resolve();
  }

  /** Deliveries in flight (retries, asynchronous invocations, destinations). */
  pending(): number {
    return this.router?.pending() ?? 0;
  }

  /** Stops delivering (pending retries are abandoned); `PutEvents` still records. */
  stop(): void {
    this.router?.stop();
  }

  metrics(): EventBridgeMetrics {
    const routing = this.router?.metrics() ?? noRouting();
    return { ...this.counters, ...routing };
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
