/**
 * Logs, metrics and traces for every Lambda handler, with Powertools for AWS Lambda: one `logger`,
 * `metrics` and `tracer` per container, and `observe(handler)`, which wraps a handler in
 * Powertools' middy middlewares. Every JSON log line then carries the request id, the X-Ray trace
 * id and, when the event names them, `user_id`, `order_id` and `execution_id`.
 *
 * Configured by the environment the backend gives each function: `POWERTOOLS_SERVICE_NAME`
 * (default: the function's name) and `POWERTOOLS_METRICS_NAMESPACE` (default: the shop's
 * namespace). Every metric has one dimension, `service`, the service name.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { METRICS_NAMESPACE, type MetricName } from '../../observability/metrics';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME || process.env.AWS_LAMBDA_FUNCTION_NAME || 'cloudshop';

export const logger = new Logger({ serviceName });

/**
 * Powertools warns on every invocation that published no application metric; most handlers
 * publish none on most invocations, so that warning is debug here. Other warnings stay warnings.
 */
const metricsLog = {
  debug: (...args: unknown[]) => logger.debug(String(args[0] ?? '')),
  info: (...args: unknown[]) => logger.info(String(args[0] ?? '')),
  warn: (...args: unknown[]) => {
    const message = String(args[0] ?? '');
    if (message.startsWith('No application metrics to publish')) logger.debug(message);
    else logger.warn(message);
  },
  error: (...args: unknown[]) => logger.error(String(args[0] ?? '')),
};

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
  serviceName,
  logger: metricsLog,
});

export const tracer = new Tracer({ serviceName });

/** One business event (a placed order, a decline, a refusal) as a Count. */
export const count = (name: MetricName, value = 1) => metrics.addMetric(name, MetricUnit.Count, value);

/** A duration in milliseconds. */
export const milliseconds = (name: MetricName, value: number) =>
  metrics.addMetric(name, MetricUnit.Milliseconds, value);

/** What a log line says the invocation is about; the keys of Powertools' JSON lines, snake_case. */
export interface Correlation {
  user_id?: string;
  order_id?: string;
  execution_id?: string;
}

type Loose = Record<string, unknown> | undefined;
const field = (value: unknown, key: string): Loose => {
  const inner = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : undefined;
};
const text = (...values: unknown[]) => values.find((v): v is string => typeof v === 'string' && v !== '');

/**
 * The ids an event carries, by its shape: an AppSync resolver event (the caller the authorizer
 * vouched for, the `orderId` argument), a Step Functions task input (`orderId`, `executionId`),
 * an EventBridge event of the shop (`detail.data.orderId` / `userId`), a Cognito trigger (`sub`).
 */
export const correlationOf = (event: unknown): Correlation => {
  const detail = field(event, 'detail');
  const data = field(detail, 'data') ?? detail;
  const correlation: Correlation = {
    user_id: text(
      field(field(event, 'identity'), 'resolverContext')?.userId,
      data?.userId,
      field(field(event, 'request'), 'userAttributes')?.sub,
      (event as Loose)?.userId,
    ),
    order_id: text(field(event, 'arguments')?.orderId, data?.orderId, (event as Loose)?.orderId),
    execution_id: text((event as Loose)?.executionId),
  };
  return Object.fromEntries(Object.entries(correlation).filter(([, v]) => v !== undefined));
};

/** The order a DynamoDB stream record is about, from its keys (the Orders, Payments and Shipments tables). */
export const recordCorrelationOf = (record: DynamoDBRecord): Correlation => {
  const keys = record.dynamodb?.Keys;
  const orderId = keys ? text(unmarshall(keys as Record<string, AttributeValue>).orderId) : undefined;
  return orderId ? { order_id: orderId } : {};
};

/** Appends the record's ids to the log lines until the next record (or the end of the invocation). */
export const correlateRecord = (record: DynamoDBRecord) => {
  logger.removeKeys(['order_id']);
  logger.appendKeys({ ...recordCorrelationOf(record) });
};

/**
 * Errors that answer the caller rather than report a fault (bad input, nothing found, an order
 * that cannot move, a declined card): warnings, so that ERROR lines mean the service failed.
 */
const EXPECTED = new Set([
  'UserInputError',
  'NotFoundError',
  'InvalidTransitionError',
  'PaymentDeclined',
  'InsufficientFunds',
]);

export interface ObserveOptions<E> {
  /** The ids the event carries (default: {@link correlationOf}). */
  correlate?: (event: E) => Correlation;
}

/**
 * The handler with Powertools around it: the Lambda context and the event's ids on every log
 * line (reset after each invocation), the metrics published when it ends (a cold-start metric
 * included; none is not an error), a subsegment for the handler in X-Ray (its response left
 * out: orders carry addresses and emails), and the error it throws logged with the ids. Lambda's
 * own timeout stays the only one.
 */
export const observe = <E, R>(
  handler: (event: E, context: Context) => Promise<R> | R,
  { correlate = correlationOf }: ObserveOptions<E> = {},
) => {
  const wrapped = middy<E, Awaited<R>, Error, Context>(
    async (event: E, context: Context): Promise<Awaited<R>> => await handler(event, context),
    { timeoutEarlyInMillis: 0 },
  )
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true, throwOnEmptyMetrics: false }))
    .use({
      before: ({ event }) => void logger.appendKeys({ ...correlate(event) }),
      // Lambda reports the error too, but as plain text: this line carries the ids.
      onError: ({ error }) =>
        EXPECTED.has(error?.name ?? '') ? logger.warn('refused', { error }) : logger.error('failed', { error }),
    });
  // The context is optional for tests that call a handler with its event alone (middy supplies `{}`).
  return (event: E, context?: Context): Promise<Awaited<R>> => wrapped(event, context as Context);
};
