import {
  Duration,
  Stack,
  aws_dynamodb as dynamodb,
  aws_events as events,
  aws_events_targets as targets,
  aws_lambda as lambda,
  aws_lambda_destinations as destinations,
  aws_lambda_event_sources as sources,
  aws_sqs as sqs,
  aws_stepfunctions as sfn,
} from 'aws-cdk-lib';
import { EVENTS, type EventName } from './contracts';

/** What the wiring needs of an Amplify function. */
export interface EventFunction {
  resources: { lambda: lambda.IFunction };
  addEnvironment(key: string, value: string): void;
}

/** How long an event is worth delivering: after an hour a confirmation email or a refund is late anyway. */
const MAX_EVENT_AGE = Duration.hours(1);

/** A dead-letter queue in the consumer's own stack; its messages are kept 14 days for a redrive. */
export const deadLetterQueue = (scope: Stack, id: string) =>
  new sqs.Queue(scope, id, { retentionPeriod: Duration.days(14), enforceSSL: true });

const patternOf = (names: readonly EventName[]): events.EventPattern => ({
  source: [...new Set(names.map((n) => EVENTS[n].source))],
  detailType: names.map((n) => EVENTS[n].detailType),
});

/**
 * A rule sending the named events to a function. Two kinds of failure, one queue: EventBridge
 * retries a delivery that fails (4 times within the hour), and Lambda retries a function that
 * throws (twice); either way an event that cannot be handled ends in the consumer's dead-letter
 * queue, and the events behind it carry on.
 */
export const subscribe = (id: string, bus: events.IEventBus, names: readonly EventName[], fn: EventFunction) => {
  const scope = Stack.of(fn.resources.lambda);
  const deadLetters = deadLetterQueue(scope, `${id}DeadLetters`);
  new events.Rule(scope, `${id}Rule`, {
    eventBus: bus,
    eventPattern: patternOf(names),
    targets: [
      new targets.LambdaFunction(fn.resources.lambda, {
        deadLetterQueue: deadLetters,
        retryAttempts: 4,
        maxEventAge: MAX_EVENT_AGE,
      }),
    ],
  });
  fn.resources.lambda.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: MAX_EVENT_AGE,
    onFailure: new destinations.SqsDestination(deadLetters),
  });
  return deadLetters;
};

/** A rule starting a state machine for each of the named events; undeliverable ones are dead-lettered. */
export const subscribeStateMachine = (
  id: string,
  bus: events.IEventBus,
  names: readonly EventName[],
  machine: sfn.IStateMachine,
) => {
  const scope = Stack.of(machine);
  const deadLetters = deadLetterQueue(scope, `${id}DeadLetters`);
  new events.Rule(scope, `${id}Rule`, {
    eventBus: bus,
    eventPattern: patternOf(names),
    targets: [
      new targets.SfnStateMachine(machine, {
        deadLetterQueue: deadLetters,
        retryAttempts: 4,
        maxEventAge: MAX_EVENT_AGE,
      }),
    ],
  });
  return deadLetters;
};

/**
 * A function reading a table's stream: from its start, 25 records a batch. A failing record is
 * retried, the batch bisected around it, and after 10 tries (or a day) the batch's description goes
 * to the on-failure queue so that the records behind it are read.
 */
export const readStream = (id: string, table: dynamodb.ITable, fn: EventFunction) => {
  const failures = deadLetterQueue(Stack.of(fn.resources.lambda), `${id}StreamFailures`);
  fn.resources.lambda.addEventSource(
    new sources.DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 25,
      maxBatchingWindow: Duration.seconds(0),
      bisectBatchOnError: true,
      retryAttempts: 10,
      maxRecordAge: Duration.days(1),
      reportBatchItemFailures: true,
      onFailure: new sources.SqsDlq(failures),
    }),
  );
  return failures;
};

/** A table's stream as its service's outbox: the function publishes each change's events to the bus. */
export const publishFromStream = (id: string, table: dynamodb.ITable, fn: EventFunction, bus: events.IEventBus) => {
  const failures = readStream(id, table, fn);
  fn.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
  bus.grantPutEventsTo(fn.resources.lambda);
  return failures;
};
