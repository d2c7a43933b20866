/** The local EventBridge: the buses of the templates, `PutEvents`, and the event log. */
export { DEFAULT_BUS, eventBusArn, eventBusNaming, eventBusesOf } from './buses';
export type { EventBus } from './buses';
export { EventLog } from './event-log';
export type { EventFilter, RecordedEvent } from './event-log';
export { LocalEventBridge } from './event-bridge';
export type { EventBridgeMetrics, PutEventsEntry, PutEventsResult, PutEventsResultEntry } from './event-bridge';
export { eventBridgeRoutes } from './routes';

/** Where the local cloud keeps the event log, under its data folder. */
export const EVENT_LOG_FILE = 'events.jsonl';
