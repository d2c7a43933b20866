import { DeliveryLog, type DeliveryFilter, type EventDeliveries, type TargetDelivery } from './delivery-log';
import { renderInput } from './input';
import type { AsyncInvokeConfig } from './invoke-configs';
import { LambdaAsync, type AsyncSink, type LambdaBackend } from './lambda-async';
import { matches } from './pattern';
import { targetKindOf, type Rule, type RuleTarget } from './rules';

/** An event as EventBridge delivers it to targets. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/** Where dead letters, on-failure records and SQS targets go (the local SQS, or a fake). */
export interface QueueSink {
  send(queueArn: string, body: string, attributes?: Record<string, string>): Promise<void>;
}

/** Where SNS targets and destinations publish (the SNS outbox, or a fake). */
export interface TopicSink {
  publish(topicArn: string, message: string): Promise<void>;
}

/** What a state machine target needs of the local Step Functions (`LocalStepFunctions` has it). */
export interface StateMachineBackend {
  startExecution(request: { stateMachineArn?: unknown; input?: unknown }): { executionArn: string };
}

/** The services targets, dead letters and destinations are delivered to. */
export interface TargetBackends {
  lambda?: LambdaBackend;
  /** The functions' event invoke configs and DLQs (`asyncInvokeConfigsOf(assembly)`). */
  asyncConfigs?: ReadonlyMap<string, AsyncInvokeConfig>;
  stepFunctions?: StateMachineBackend;
  queues?: QueueSink;
  topics?: TopicSink;
}

export interface RouterOptions {
  /**
   * Waits before the n-th retry of a target the event could not be delivered to. Default: 1 s,
   * doubling, at most 60 s. (AWS: exponential backoff with jitter, spread over up to 24 hours.)
   */
  retryDelayMs?: (retry: number) => number;
  /** Waits before Lambda's asynchronous retries. Default `[1000, 2000]` (AWS: about 1 and 2 minutes). */
  lambdaRetryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: (line: string) => void;
  /** How many events' deliveries `deliveries()` keeps. Default 1000. */
  logSize?: number;
}

/** What rules and targets did, for the metrics. */
export interface RoutingMetrics {
  /** Events that matched at least one rule. */
  eventsMatched: number;
  /** Delivery attempts to targets, retries included (EventBridge's `Invocations`). */
  targetInvocations: number;
  targetRetries: number;
  /** Events put in a target's DLQ (`InvocationsSentToDLQ`). */
  deadLetters: number;
  /** Events given up with no DLQ, or that the DLQ refused (`FailedInvocations`). */
  droppedDeliveries: number;
  /** Lambda's asynchronous retries of function errors. */
  asyncRetries: number;
  /** Records sent to Lambda destinations, and events sent to functions' own DLQs. */
  asyncDestinations: number;
}

/** Metrics before anything was routed. */
export const noRouting = (): RoutingMetrics => ({
  eventsMatched: 0,
  targetInvocations: 0,
  targetRetries: 0,
  deadLetters: 0,
  droppedDeliveries: 0,
  asyncRetries: 0,
  asyncDestinations: 0,
});

type Send = (payload: string, delivery: TargetDelivery, event: EventBridgeEvent) => Promise<void>;

/** Errors that no retry can fix: EventBridge sends the event to the DLQ at once. */
const PERMANENT = new Set([
  'ResourceNotFoundException',
  'StateMachineDoesNotExist',
  'InvalidArn',
  'InvalidExecutionInput',
  'ExecutionAlreadyExists',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'NotFound',
  'NotEmulated',
]);

const codeOf = (error: unknown): string => {
  const e = error as { type?: unknown; code?: unknown; name?: string };
  return String(typeof e.type === 'string' ? e.type : typeof e.code === 'string' ? e.code : (e.name ?? 'Error'));
};

class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs the rules of the buses: each event put is matched against every rule of its bus, and each
 * target of a matching rule gets it in the background, with the target's retry policy and DLQ for
 * events that cannot be delivered. Lambda targets are invoked asynchronously (`LambdaAsync`).
 */
export class EventRouter {
  private readonly log: DeliveryLog;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly lambdaAsync?: LambdaAsync;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly counters = noRouting();
  private stopped = false;

  /**
   * Throws, naming the rule and target, when a target or DLQ needs a service that was not given.
   * `putEvents` puts events on a bus (bus targets, destinations that are buses).
   */
  constructor(
    readonly rules: readonly Rule[],
    private readonly backends: TargetBackends,
    private readonly putEvents: (entries: unknown) => { FailedEntryCount: number; Entries: object[] },
    private readonly options: RouterOptions = {},
  ) {
    this.log = new DeliveryLog(options.logSize);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms).unref()));
    const needs: Record<string, keyof TargetBackends> = {
      lambda: 'lambda',
      'state-machine': 'stepFunctions',
      sqs: 'queues',
      sns: 'topics',
    };
    for (const rule of rules)
      for (const target of rule.targets) {
        const need = needs[target.kind];
        if (need && !backends[need])
          throw new Error(`rule ${rule.name}, target ${target.id}: no local ${need} to deliver ${target.arn} to`);
        if (target.deadLetterArn && !backends.queues)
          throw new Error(`rule ${rule.name}, target ${target.id}: no local SQS for its dead-letter queue`);
      }
    if (backends.lambda) {
      const sleep = this.sleep;
      this.lambdaAsync = new LambdaAsync(backends.lambda, backends.asyncConfigs ?? new Map(), this.asyncSink, {
        retryDelaysMs: options.lambdaRetryDelaysMs,
        now: this.now,
        sleep: (ms) => {
          this.counters.asyncRetries++;
          return sleep(ms);
        },
      });
    }
  }

  /** Matches an event put on `bus` against that bus's rules and starts delivering it. */
  route(event: EventBridgeEvent, bus: string): void {
    if (this.stopped) return;
    const matched = this.rules.filter((r) => r.bus === bus && matches(r.pattern, event));
    const receivedAt = this.now();
    const entry: EventDeliveries = this.log.add({
      eventId: event.id,
      bus,
      source: event.source,
      detailType: event['detail-type'],
      receivedAt: new Date(receivedAt).toISOString(),
      rules: matched.map((r) => r.name),
      targets: [],
    });
    if (matched.length) this.counters.eventsMatched++;
    for (const rule of matched)
      for (const target of rule.targets) {
        const delivery: TargetDelivery = {
          rule: rule.name,
          ruleArn: rule.arn,
          targetId: target.id,
          targetArn: target.arn,
          kind: target.kind,
          status: 'pending',
          attempts: 0,
          retries: 0,
          input: renderInput(target.input, event, {
            ruleArn: rule.arn,
            ruleName: rule.name,
            ingestionTime: entry.receivedAt,
          }),
          startedAt: entry.receivedAt,
        };
        entry.targets.push(delivery);
        this.track(this.deliver(delivery, rule, target, event, receivedAt));
      }
  }

  /** Each event's matched rules and target outcomes, oldest first. */
  deliveries(filter: DeliveryFilter = {}): EventDeliveries[] {
    return this.log.list(filter);
  }

  /** Resolves once every delivery, retry, asynchronous invocation and destination has finished. */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  metrics(): RoutingMetrics {
    return { ...this.counters };
  }

  /** Deliveries in flight. */
  pending(): number {
    return this.inflight.size;
  }

  /** Stops delivering: pending retries are abandoned. */
  stop(): void {
    this.stopped = true;
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error: Error) =>
      this.options.log?.(`delivery failed: ${error.stack ?? error.message}`),
    );
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  /** Tries, retries per the target's policy, then dead-letters or drops. PutEvents has answered by then. */
  private async deliver(
    delivery: TargetDelivery,
    rule: Rule,
    target: RuleTarget,
    event: EventBridgeEvent,
    receivedAt: number,
  ): Promise<void> {
    await new Promise((r) => setImmediate(r));
    const send = this.sender(target);
    for (;;) {
      if (this.stopped) return;
      delivery.attempts++;
      this.counters.targetInvocations++;
      try {
        await send(delivery.input, delivery, event);
        delivery.status = 'delivered';
        delete delivery.error;
        delivery.finishedAt = new Date(this.now()).toISOString();
        return;
      } catch (error) {
        delivery.error = { code: codeOf(error), message: (error as Error).message };
      }
      if (PERMANENT.has(delivery.error.code)) return this.giveUp(delivery, rule, target, event);
      if (delivery.retries >= target.maximumRetryAttempts)
        return this.giveUp(delivery, rule, target, event, 'MaximumRetryAttempts');
      const delay = (this.options.retryDelayMs ?? ((n) => Math.min(1000 * 2 ** (n - 1), 60_000)))(delivery.retries + 1);
      if (this.now() + delay - receivedAt > target.maximumEventAgeSeconds * 1000)
        return this.giveUp(delivery, rule, target, event, 'MaximumEventAgeInSeconds');
      delivery.retries++;
      this.counters.targetRetries++;
      await this.sleep(delay);
    }
  }

  /** The event goes to the target's DLQ, with the attributes EventBridge sets, or is dropped. */
  private async giveUp(
    delivery: TargetDelivery,
    rule: Rule,
    target: RuleTarget,
    event: EventBridgeEvent,
    exhausted?: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds',
  ): Promise<void> {
    delivery.finishedAt = new Date(this.now()).toISOString();
    if (!target.deadLetterArn) {
      delivery.status = 'dropped';
      this.counters.droppedDeliveries++;
      return;
    }
    const attributes: Record<string, string> = {
      ERROR_CODE: delivery.error!.code,
      ERROR_MESSAGE: delivery.error!.message,
      ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: exhausted } : {}),
      RETRY_ATTEMPTS: String(delivery.retries),
      RULE_ARN: rule.arn,
      TARGET_ARN: target.arn,
    };
    try {
      await this.backends.queues!.send(target.deadLetterArn, JSON.stringify(event), attributes);
      delivery.status = 'dead-lettered';
      delivery.deadLetter = { queueArn: target.deadLetterArn, attributes };
      this.counters.deadLetters++;
    } catch (error) {
      delivery.status = 'dropped';
      delivery.error = {
        code: codeOf(error),
        message: `the dead-letter queue refused it: ${(error as Error).message}`,
      };
      this.counters.droppedDeliveries++;
    }
  }

  private sender(target: RuleTarget): Send {
    const { stepFunctions, queues, topics } = this.backends;
    switch (target.kind) {
      case 'lambda':
        return async (payload, delivery) => {
          const { requestId, done } = this.lambdaAsync!.invoke(target.arn, payload);
          delivery.invocation = { requestId, status: 'running' };
          this.track(
            done.then((outcome) => {
              const { status, invokeCount, error, destination, deadLetter, sinkError } = outcome;
              delivery.invocation = {
                requestId,
                status,
                invokeCount,
                ...(error ? { error } : {}),
                ...(destination ? { destination } : {}),
                ...(deadLetter ? { deadLetter } : {}),
                ...(sinkError ? { sinkError } : {}),
              };
            }),
          );
        };
      case 'state-machine':
        return async (payload, delivery) => {
          delivery.executionArn = stepFunctions!.startExecution({
            stateMachineArn: target.arn,
            input: payload,
          }).executionArn;
        };
      case 'sqs':
        return (payload) => queues!.send(target.arn, payload);
      case 'sns':
        return (payload) => topics!.publish(target.arn, payload);
      case 'event-bus':
        return async (_payload, _delivery, event) =>
          this.put({
            Source: event.source,
            DetailType: event['detail-type'],
            Detail: JSON.stringify(event.detail),
            Resources: event.resources,
            Time: event.time,
            EventBusName: target.arn,
          });
    }
  }

  private put(entry: Record<string, unknown>): void {
    const result = this.putEvents([entry]);
    const failure = result.Entries[0] as { ErrorCode?: string; ErrorMessage?: string };
    if (result.FailedEntryCount)
      throw new DeliveryError(failure.ErrorCode ?? 'InternalException', failure.ErrorMessage ?? '');
  }

  /** Where Lambda's destination records and dead letters go. */
  private readonly asyncSink: AsyncSink = async (arn, message) => {
    const body = message.kind === 'destination' ? JSON.stringify(message.record) : message.body;
    this.counters.asyncDestinations++;
    const missing = (what: string) => new DeliveryError('NotEmulated', `no local ${what} to send ${arn} to`);
    switch (targetKindOf(arn)) {
      case 'sqs':
        if (!this.backends.queues) throw missing('SQS');
        return this.backends.queues.send(arn, body, message.kind === 'dead-letter' ? message.attributes : undefined);
      case 'sns':
        if (!this.backends.topics) throw missing('SNS');
        return this.backends.topics.publish(arn, body);
      case 'lambda':
        this.track(this.lambdaAsync!.invoke(arn, body).done);
        return;
      case 'event-bus': {
        const success = message.kind === 'destination' && message.record.requestContext.condition === 'Success';
        const functionArn = message.kind === 'destination' ? message.record.requestContext.functionArn : '';
        return this.put({
          Source: 'lambda',
          DetailType: `Lambda Function Invocation Result - ${success ? 'Success' : 'Failure'}`,
          Detail: body,
          Resources: [arn, functionArn.replace(/:\$LATEST$/, '')],
          EventBusName: arn,
        });
      }
      default:
        throw missing(arn);
    }
  };
}
