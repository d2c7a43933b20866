/** The local EventBridge: the buses of the templates, `PutEvents`, the event log, and the rules that deliver events. */
export { DEFAULT_BUS, eventBusArn, eventBusNaming, eventBusesOf } from './buses';
export type { EventBus } from './buses';
export { EventLog } from './event-log';
export type { EventFilter, RecordedEvent } from './event-log';
export { LocalEventBridge } from './event-bridge';
export type { EventBridgeMetrics, PutEventsEntry, PutEventsResult, PutEventsResultEntry } from './event-bridge';
export { eventBridgeRoutes } from './routes';
export { matches, parsePattern, PatternError } from './pattern';
export { rulesOf, ruleArn, targetKindOf } from './rules';
export type { Rule, RuleTarget, SkippedRule, TargetKind } from './rules';
export { asyncInvokeConfigsOf } from './invoke-configs';
export type { AsyncInvokeConfig } from './invoke-configs';
export type { DestinationRecord } from './lambda-async';
export type { DeliveryFilter, DeliveryStatus, EventDeliveries, TargetDelivery } from './delivery-log';
export type {
  EventBridgeEvent,
  QueueSink,
  RouterOptions,
  RoutingMetrics,
  StateMachineBackend,
  TargetBackends,
  TopicSink,
} from './router';

/** Where the local cloud keeps the event log, under its data folder. */
export const EVENT_LOG_FILE = 'events.jsonl';
