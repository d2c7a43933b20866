import {
  Duration,
  type Stack,
  aws_appsync as appsync,
  aws_cloudwatch as cw,
  aws_cloudwatch_actions as actions,
  aws_lambda as lambda,
  aws_sns as sns,
  aws_sqs as sqs,
  aws_stepfunctions as sfn,
} from 'aws-cdk-lib';
import { METRICS, METRICS_NAMESPACE, type MetricName } from './metrics';

/** What the alarms watch. Every threshold is here, so the alarms, the tests and the docs agree. */
export const THRESHOLDS = {
  /** % of checkouts that end failed, timed out or aborted in 5 minutes (card declines included). */
  checkoutFailurePercent: 10,
  /** ...counted only from this many checkouts in the 5 minutes: two failures of three say nothing. */
  checkoutMinimumStarts: 10,
  /** ms: the 99th percentile of a checkout saga's run. */
  checkoutP99Ms: 10_000,
  /** % of API requests answered with a server error in 5 minutes. */
  api5xxPercent: 1,
  /** ...counted only from this many requests in the 5 minutes. */
  apiMinimumRequests: 20,
  /** ms: the 99th percentile of the API's answers. */
  apiP99Ms: 2_000,
} as const;

const PERIOD = Duration.minutes(5);

export interface OperationsProps {
  /** The Amplify functions, by `defineFunction` name. */
  functions: ReadonlyMap<string, lambda.IFunction>;
  authorizer: lambda.IFunction;
  api: appsync.CfnGraphQLApi;
  checkout: sfn.IStateMachine;
  shipping: sfn.IStateMachine;
  /** Every dead-letter queue, by its construct id (`NotifyDeadLetters`, `OrderViewsStreamFailures`). */
  deadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
  dashboardName: string;
}

/** The operations topic: every alarm publishes to it, on ALARM and on OK (docs/observability.md). */
export const defineOpsTopic = (stack: Stack) =>
  new sns.Topic(stack, 'OpsAlarms', { displayName: 'cloudshop operations alarms' });

/**
 * The operations stack: the alarms that publish to the `OpsAlarms` topic, and the dashboard. It only reads the other stacks (function names, queue names, the API id, the
 * state machines' ARNs), so nothing depends on it and it can be changed on its own.
 */
export const defineOperations = (stack: Stack, topic: sns.ITopic, props: OperationsProps) => {
  const notify = new actions.SnsAction(topic);
  const alarms: cw.Alarm[] = [];
  const alarm = (id: string, options: cw.AlarmProps) => {
    const a = new cw.Alarm(stack, id, { treatMissingData: cw.TreatMissingData.NOT_BREACHING, ...options });
    a.addAlarmAction(notify);
    a.addOkAction(notify);
    alarms.push(a);
    return a;
  };
  const above = cw.ComparisonOperator.GREATER_THAN_THRESHOLD;

  // The checkout saga. Its failures include card declines (the saga compensates and ends Failed),
  // so the threshold sits above a normal decline rate; a broken step fails nearly every checkout.
  const saga = (machine: sfn.IStateMachine) => ({
    started: machine.metricStarted({ period: PERIOD, statistic: 'Sum' }),
    succeeded: machine.metricSucceeded({ period: PERIOD }),
    failed: machine.metricFailed({ period: PERIOD }),
    timedOut: machine.metricTimedOut({ period: PERIOD }),
    aborted: machine.metricAborted({ period: PERIOD }),
  });
  const checkout = saga(props.checkout);
  alarm('CheckoutFailureRate', {
    alarmDescription: `More than ${THRESHOLDS.checkoutFailurePercent}% of checkouts failed, timed out or were aborted in 5 minutes (of at least ${THRESHOLDS.checkoutMinimumStarts}).`,
    metric: new cw.MathExpression({
      expression: `IF(started >= ${THRESHOLDS.checkoutMinimumStarts}, 100 * (FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)) / started, 0)`,
      usingMetrics: {
        started: checkout.started,
        failed: checkout.failed,
        timedOut: checkout.timedOut,
        aborted: checkout.aborted,
      },
      period: PERIOD,
      label: 'failed checkouts (%)',
    }),
    threshold: THRESHOLDS.checkoutFailurePercent,
    comparisonOperator: above,
    evaluationPeriods: 1,
  });
  const checkoutTime = (statistic: string) =>
    props.checkout.metricTime({ period: PERIOD, statistic, label: `checkout ${statistic}` });
  alarm('CheckoutLatencyP99', {
    alarmDescription: `The slowest 1% of checkouts took more than ${THRESHOLDS.checkoutP99Ms / 1000} s, in two of the last three 5-minute periods.`,
    metric: checkoutTime('p99'),
    threshold: THRESHOLDS.checkoutP99Ms,
    comparisonOperator: above,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
  });
  const shipping = saga(props.shipping);
  alarm('ShippingFailures', {
    alarmDescription: 'A shipping workflow failed or timed out: a confirmed order may never ship.',
    metric: new cw.MathExpression({
      expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
      usingMetrics: { failed: shipping.failed, timedOut: shipping.timedOut },
      period: PERIOD,
      label: 'failed shipping workflows',
    }),
    threshold: 0,
    comparisonOperator: above,
    evaluationPeriods: 1,
  });

  // Every dead letter is an event or a stream batch that was given up on: each queue alarms on its
  // own, so the alarm's name says which consumer to look at. It stays in ALARM until the queue is
  // redriven or purged.
  for (const [id, queue] of props.deadLetterQueues) {
    alarm(`${id}Alarm`, {
      alarmDescription: `${id} holds messages: something was given up on and waits for a redrive.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: id }),
      threshold: 0,
      comparisonOperator: above,
      evaluationPeriods: 1,
    });
  }

  // The authorizer stands before every request: when it errs or is throttled, shoppers are refused.
  alarm('AuthorizerErrors', {
    alarmDescription: 'The API authorizer failed: the requests it was asking about were refused.',
    metric: props.authorizer.metricErrors({ period: PERIOD, statistic: 'Sum' }),
    threshold: 0,
    comparisonOperator: above,
    evaluationPeriods: 1,
  });
  alarm('AuthorizerThrottles', {
    alarmDescription: 'The API authorizer was throttled (its concurrency is exhausted): requests were refused.',
    metric: props.authorizer.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
    threshold: 0,
    comparisonOperator: above,
    evaluationPeriods: 1,
  });

  // The API. AppSync's `Requests` counts the whole account, so this API's requests are the number
  // of its latency samples.
  const apiMetric = (metricName: string, statistic: string, label = `${metricName} ${statistic}`) =>
    new cw.Metric({
      namespace: 'AWS/AppSync',
      metricName,
      dimensionsMap: { GraphQLAPIId: props.api.attrApiId },
      period: PERIOD,
      statistic,
      label,
    });
  const requests = apiMetric('Latency', 'SampleCount', 'requests');
  const serverErrors = apiMetric('5XXError', 'Sum', '5xx');
  alarm('Api5xxRate', {
    alarmDescription: `More than ${THRESHOLDS.api5xxPercent}% of API requests got a server error in 5 minutes (of at least ${THRESHOLDS.apiMinimumRequests}).`,
    metric: new cw.MathExpression({
      expression: `IF(requests >= ${THRESHOLDS.apiMinimumRequests}, 100 * FILL(errors, 0) / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      period: PERIOD,
      label: 'API 5xx (%)',
    }),
    threshold: THRESHOLDS.api5xxPercent,
    comparisonOperator: above,
    evaluationPeriods: 1,
  });
  alarm('ApiLatencyP99', {
    alarmDescription: `The slowest 1% of API requests took more than ${THRESHOLDS.apiP99Ms / 1000} s, in two of the last three 5-minute periods.`,
    metric: apiMetric('Latency', 'p99'),
    threshold: THRESHOLDS.apiP99Ms,
    comparisonOperator: above,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
  });

  const dashboard = new cw.Dashboard(stack, 'Dashboard', {
    dashboardName: props.dashboardName,
    defaultInterval: Duration.hours(3),
  });
  // The shop's own metrics, as Powertools emits them: namespace METRICS_NAMESPACE, one `service`
  // dimension. A search finds them whichever service's functions emit them.
  const business = (name: MetricName, statistic = 'Sum') =>
    new cw.MathExpression({
      expression: `SEARCH('{${METRICS_NAMESPACE},service} MetricName="${name}"', '${statistic}', ${PERIOD.toSeconds()})`,
      usingMetrics: {},
      label: name,
      period: PERIOD,
    });
  const graph = (title: string, left: cw.IMetric[], width = 8) =>
    new cw.GraphWidget({ title, left, width, height: 6, legendPosition: cw.LegendPosition.BOTTOM });
  const each = <T>(map: ReadonlyMap<string, T>, metric: (item: T, name: string) => cw.IMetric) =>
    [...map].map(([name, item]) => metric(item, name));
  const fns = props.functions;
  dashboard.addWidgets(
    graph('Orders', [
      business(METRICS.OrdersPlaced),
      business(METRICS.OrdersConfirmed),
      business(METRICS.OrdersFailed),
      business(METRICS.OrdersCancelled),
    ]),
    graph('Refusals', [business(METRICS.PaymentsDeclined), business(METRICS.AuthorizerRefusals)]),
    graph('Projection lag (ms)', [business(METRICS.ProjectionLag, 'p99'), business(METRICS.ProjectionLag, 'Maximum')]),
  );
  dashboard.addWidgets(
    graph('API requests and errors', [requests, serverErrors, apiMetric('4XXError', 'Sum', '4xx')]),
    graph('API latency (ms)', [apiMetric('Latency', 'p50'), apiMetric('Latency', 'p99')]),
    new cw.SingleValueWidget({ title: 'API 5xx', metrics: [serverErrors], width: 8, height: 6 }),
  );
  dashboard.addWidgets(
    graph('Checkout saga executions', [
      checkout.started,
      checkout.succeeded,
      checkout.failed,
      checkout.timedOut,
      checkout.aborted,
    ]),
    graph('Checkout saga duration (ms)', [checkoutTime('p50'), checkoutTime('p99')]),
    graph('Shipping workflow executions', [shipping.started, shipping.succeeded, shipping.failed, shipping.timedOut]),
  );
  dashboard.addWidgets(
    graph(
      'Dead letters per queue',
      each(props.deadLetterQueues, (q, id) =>
        q.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: id }),
      ),
      24,
    ),
  );
  dashboard.addWidgets(
    graph(
      'Lambda errors',
      each(fns, (f, name) => f.metricErrors({ period: PERIOD, label: name })),
    ),
    graph(
      'Lambda throttles',
      each(fns, (f, name) => f.metricThrottles({ period: PERIOD, label: name })),
    ),
    graph(
      'Lambda duration p99 (ms)',
      each(fns, (f, name) => f.metricDuration({ period: PERIOD, statistic: 'p99', label: name })),
    ),
  );
  dashboard.addWidgets(new cw.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 6 }));

  return { alarms, dashboard };
};
