import { beforeAll, describe, expect, it } from 'vitest';
import type { Assembly, Resource, StackTemplate } from '../../local/assembly/assembly';
import { synthesized } from '../../local/testing/assemblies';
import { METRICS, METRICS_NAMESPACE } from './metrics';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let sandbox: Assembly;
/** A branch deployment (Amplify Hosting): production settings. */
let branch: Assembly;

beforeAll(async () => {
  [sandbox, branch] = await Promise.all([synthesized('sandbox'), synthesized('branch')]);
}, 600_000);

const raw = (r: Resource): Loose => (r.stack.template.Resources as Loose)[r.logicalId];
const byId = (a: Assembly, type: string, prefix: string) => {
  const found = a.resources(type).filter((r) => r.logicalId.startsWith(prefix));
  if (found.length !== 1) throw new Error(`${found.length} ${type} named ${prefix}…`);
  return found[0];
};
const inStack = (stack: StackTemplate, ref: unknown, a: Assembly) => {
  const id = (ref as { Ref?: string; 'Fn::GetAtt'?: [string, string] }).Ref ?? (ref as Loose)['Fn::GetAtt'][0];
  return a.resource(stack, id);
};
/** The functions `defineFunction` made, by name (Amplify tags each with it). */
const amplifyFunctions = (a: Assembly) =>
  a.resources('AWS::Lambda::Function').flatMap((f) => {
    const tag = (f.properties.Tags as { Key: string; Value: string }[] | undefined)?.find(
      (t) => t.Key === 'amplify:friendly-name',
    );
    // `defineFunction`'s functions read their SSM parameters through this variable; Amplify's own
    // providers (the table manager) carry the tag but not the variable.
    const amplifyFunction = 'AMPLIFY_SSM_ENV_CONFIG' in ((f.properties.Environment as Loose)?.Variables ?? {});
    return tag && amplifyFunction ? [{ name: tag.Value, fn: f }] : [];
  });
/** Every action the role's policies in its stack allow. */
const roleActions = (a: Assembly, role: Resource) =>
  a
    .resources('AWS::IAM::Policy')
    .filter((p) => p.stack === role.stack && JSON.stringify(p.properties.Roles).includes(`"${role.logicalId}"`))
    .flatMap((p) => (p.properties.PolicyDocument as Loose).Statement.flatMap((s: Loose) => [s.Action].flat()));
const logGroupOf = (a: Assembly, owner: Resource, ref: unknown) => {
  const group = inStack(owner.stack, ref, a);
  expect(group.type).toBe('AWS::Logs::LogGroup');
  return group;
};

describe('every function of the backend', () => {
  it('is traced by X-Ray and may send its traces', () => {
    const fns = amplifyFunctions(sandbox);
    expect(fns.map((f) => f.name)).toEqual(
      expect.arrayContaining(['orders-place', 'access-authorizer', 'payments-authorize', 'views-project-orders']),
    );
    for (const { name, fn } of fns) {
      expect(fn.properties.TracingConfig, name).toEqual({ Mode: 'Active' });
      const role = inStack(fn.stack, fn.properties.Role, sandbox);
      expect(roleActions(sandbox, role), name).toEqual(
        expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']),
      );
    }
  });

  it("tells Powertools its service (the name's first segment) and the shop's metrics namespace", () => {
    for (const { name, fn } of amplifyFunctions(sandbox)) {
      expect((fn.properties.Environment as Loose).Variables, name).toMatchObject({
        POWERTOOLS_SERVICE_NAME: name.split('-')[0],
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      });
    }
    const service = (a: Assembly, name: string) =>
      amplifyFunctions(a).find((f) => f.name === name)!.fn.properties.Environment as Loose;
    expect(service(sandbox, 'orders-place').Variables.POWERTOOLS_SERVICE_NAME).toBe('orders');
    expect(service(sandbox, 'access-authorizer').Variables.POWERTOOLS_SERVICE_NAME).toBe('access');
  });

  it('logs to its own group, kept a week in a sandbox and deleted with it', () => {
    for (const { name, fn } of amplifyFunctions(sandbox)) {
      const group = logGroupOf(sandbox, fn, (fn.properties.LoggingConfig as Loose | undefined)?.LogGroup ?? {});
      expect(group.properties.RetentionInDays, name).toBe(7);
      expect(raw(group).DeletionPolicy, name).toBe('Delete');
    }
  });

  it('logs to a group kept a month, and kept after the stack, on a branch', () => {
    const fns = amplifyFunctions(branch);
    expect(fns.length).toBe(amplifyFunctions(sandbox).length);
    for (const { name, fn } of fns) {
      expect(fn.properties.TracingConfig, name).toEqual({ Mode: 'Active' });
      const group = logGroupOf(branch, fn, (fn.properties.LoggingConfig as Loose | undefined)?.LogGroup ?? {});
      expect(group.properties.RetentionInDays, name).toBe(30);
      expect(raw(group).DeletionPolicy, name).toBe('Retain');
    }
  });
});

describe('the API', () => {
  const api = (a: Assembly) => a.resources('AWS::AppSync::GraphQLApi')[0];

  it('is traced and logs to its own group, through a role that may write that group only', () => {
    const graphql = api(sandbox);
    expect(graphql.properties.XrayEnabled).toBe(true);
    const log = graphql.properties.LogConfig as Loose;
    expect(log).toMatchObject({ FieldLogLevel: 'ALL', ExcludeVerboseContent: true });
    const role = inStack(graphql.stack, log.CloudWatchLogsRoleArn, sandbox);
    expect(JSON.stringify(role.properties.AssumeRolePolicyDocument)).toContain('appsync.amazonaws.com');
    const apiId = sandbox.attribute(graphql, 'ApiId');
    const group = sandbox
      .resources('AWS::Logs::LogGroup')
      .find((g) => sandbox.properties(g).LogGroupName === `/aws/appsync/apis/${apiId}`)!;
    expect(group.properties.RetentionInDays).toBe(7);
    const statements = sandbox
      .resources('AWS::IAM::Policy')
      .filter((p) => JSON.stringify(p.properties.Roles).includes(`"${role.logicalId}"`))
      .flatMap((p) => (p.properties.PolicyDocument as Loose).Statement as Loose[]);
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(JSON.stringify(statements)).toContain(`"${group.logicalId}"`);
  });

  it('logs only the fields that failed on a branch, and never verbose content', () => {
    const graphql = api(branch);
    expect(graphql.properties.XrayEnabled).toBe(true);
    expect(graphql.properties.LogConfig).toMatchObject({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: true });
  });
});

describe('the workflows', () => {
  it.each([
    ['CheckoutSaga', 'ERROR'],
    ['ShippingWorkflow', 'ALL'],
  ])('%s is traced and logs at %s, without execution data', (id, level) => {
    for (const [a, days] of [
      [sandbox, 7],
      [branch, 30],
    ] as const) {
      const machine = byId(a, 'AWS::StepFunctions::StateMachine', id);
      expect(machine.properties.TracingConfiguration).toEqual({ Enabled: true });
      const logging = machine.properties.LoggingConfiguration as Loose;
      expect(logging).toMatchObject({ Level: level, IncludeExecutionData: false });
      const group = logGroupOf(a, machine, logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn);
      expect(group.properties.RetentionInDays).toBe(days);
      expect(String(a.properties(group).LogGroupName)).toMatch(/^\/aws\/vendedlogs\/states\//);
      const role = inStack(machine.stack, machine.properties.RoleArn, a);
      expect(roleActions(a, role)).toEqual(expect.arrayContaining(['logs:CreateLogDelivery', 'xray:PutTraceSegments']));
    }
  });
});

describe('the alarms', () => {
  const opsTopic = () => byId(sandbox, 'AWS::SNS::Topic', 'OpsAlarms');
  const alarms = () => sandbox.resources('AWS::CloudWatch::Alarm').map((a) => ({ alarm: a, p: sandbox.properties(a) }));
  const topicArn = () => sandbox.refOf(opsTopic());
  /** Metric name → its dimensions' values, for a plain or a metric-math alarm. */
  const metricsOf = (p: Loose): Record<string, string[]> =>
    Object.fromEntries(
      (p.Metrics ?? [{ MetricStat: { Metric: p } }])
        .filter((m: Loose) => m.MetricStat)
        .map((m: Loose) => [
          `${m.MetricStat.Metric.Namespace}/${m.MetricStat.Metric.MetricName}`,
          (m.MetricStat.Metric.Dimensions ?? []).map((d: Loose) => d.Value),
        ]),
    );
  /** The statistic of a one-metric alarm, however CloudFormation spells it. */
  const statisticOf = (p: Loose) =>
    p.Statistic ?? p.ExtendedStatistic ?? p.Metrics?.find((m: Loose) => m.ReturnData !== false)?.MetricStat.Stat;
  const named = (prefix: string) => {
    const found = alarms().filter(({ alarm }) => alarm.logicalId.startsWith(prefix));
    expect(found, prefix).toHaveLength(1);
    return found[0].p as Loose;
  };

  it('publish to the OpsAlarms topic, which the backend outputs as custom.opsAlarmsTopicArn', () => {
    const outputs = sandbox.outputs() as { customOutputs: string };
    expect(JSON.parse(outputs.customOutputs).custom.opsAlarmsTopicArn).toBe(topicArn());
    expect(alarms().length).toBeGreaterThan(0);
    for (const { alarm, p } of alarms()) {
      expect(p.AlarmActions, alarm.logicalId).toEqual([topicArn()]);
      expect(p.OKActions, alarm.logicalId).toEqual([topicArn()]);
    }
  });

  it('watch every dead-letter queue, each on its own', () => {
    const queues = sandbox.resources('AWS::SQS::Queue');
    expect(queues.length).toBeGreaterThan(10);
    for (const queue of queues) {
      const name = sandbox.attribute(queue, 'QueueName');
      const watching = alarms().filter(({ p }) =>
        metricsOf(p)['AWS/SQS/ApproximateNumberOfMessagesVisible']?.includes(String(name)),
      );
      expect(watching, queue.logicalId).toHaveLength(1);
      expect(watching[0].p).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(statisticOf(watching[0].p)).toBe('Maximum');
    }
  });

  it('watch the checkout saga: its failure rate over a minimum volume, and its p99 duration', () => {
    const checkout = sandbox.refOf(byId(sandbox, 'AWS::StepFunctions::StateMachine', 'CheckoutSaga'));
    const rate = named('CheckoutFailureRate');
    expect(rate).toMatchObject({ Threshold: 10, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
    expect(rate.Metrics.find((m: Loose) => m.Expression).Expression).toMatch(/^IF\(started >= 10, 100 \* \(/);
    expect(metricsOf(rate)).toEqual({
      'AWS/States/ExecutionsStarted': [checkout],
      'AWS/States/ExecutionsFailed': [checkout],
      'AWS/States/ExecutionsTimedOut': [checkout],
      'AWS/States/ExecutionsAborted': [checkout],
    });
    const latency = named('CheckoutLatencyP99');
    expect(latency).toMatchObject({ Threshold: 10_000, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    expect(statisticOf(latency)).toBe('p99');
    expect(metricsOf(latency)).toEqual({ 'AWS/States/ExecutionTime': [checkout] });
  });

  it('watch the shipping workflow for any failure', () => {
    const shipping = sandbox.refOf(byId(sandbox, 'AWS::StepFunctions::StateMachine', 'ShippingWorkflow'));
    const failures = named('ShippingFailures');
    expect(failures).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(metricsOf(failures)).toEqual({
      'AWS/States/ExecutionsFailed': [shipping],
      'AWS/States/ExecutionsTimedOut': [shipping],
    });
  });

  it("watch the authorizer's errors and throttles", () => {
    const authorizer = sandbox.refOf(amplifyFunctions(sandbox).find((f) => f.name === 'access-authorizer')!.fn);
    for (const [prefix, metric] of [
      ['AuthorizerErrors', 'Errors'],
      ['AuthorizerThrottles', 'Throttles'],
    ]) {
      const p = named(prefix);
      expect(p).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect(statisticOf(p)).toBe('Sum');
      expect(metricsOf(p)).toEqual({ [`AWS/Lambda/${metric}`]: [authorizer] });
    }
  });

  it("watch the API's server error rate and its p99 latency", () => {
    const apiId = String(sandbox.attribute(sandbox.resources('AWS::AppSync::GraphQLApi')[0], 'ApiId'));
    const rate = named('Api5xxRate');
    expect(rate).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' });
    expect(rate.Metrics.find((m: Loose) => m.Expression).Expression).toMatch(/^IF\(requests >= 20, 100 \* /);
    expect(metricsOf(rate)).toEqual({ 'AWS/AppSync/Latency': [apiId], 'AWS/AppSync/5XXError': [apiId] });
    const latency = named('ApiLatencyP99');
    expect(latency).toMatchObject({ Threshold: 2_000, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    expect(statisticOf(latency)).toBe('p99');
    expect(metricsOf(latency)).toEqual({ 'AWS/AppSync/Latency': [apiId] });
  });
});

describe('the dashboard', () => {
  const board = (a: Assembly) => a.properties(a.resources('AWS::CloudWatch::Dashboard')[0]);
  const widgets = () => JSON.parse(String(board(sandbox).DashboardBody)).widgets as Loose[];
  /** Every line of every graph: `namespace/metric dimension-values` or a metric-math expression. */
  const lines = () =>
    widgets()
      .flatMap((w) => (w.properties.metrics ?? []) as unknown[][])
      .map((m) =>
        typeof m[0] === 'object'
          ? String((m[0] as Loose).expression)
          : `${m[0]}/${m[1]} ${m
              .slice(2)
              .filter((x, i) => i % 2 === 1 && typeof x === 'string')
              .join(' ')}`,
      );

  it('is named for the deployment', () => {
    expect(board(sandbox).DashboardName).toBe('cloudshop-local');
    expect(board(branch).DashboardName).toBe('cloudshop-main');
  });

  it("shows the shop's own metrics, from the namespace and service dimension Powertools writes", () => {
    for (const name of [
      METRICS.OrdersPlaced,
      METRICS.OrdersConfirmed,
      METRICS.OrdersFailed,
      METRICS.OrdersCancelled,
      METRICS.PaymentsDeclined,
      METRICS.AuthorizerRefusals,
      METRICS.ProjectionLag,
    ]) {
      const statistic = name === METRICS.ProjectionLag ? 'p99' : 'Sum';
      expect(lines(), name).toContain(
        `SEARCH('{${METRICS_NAMESPACE},service} MetricName="${name}"', '${statistic}', 300)`,
      );
    }
  });

  it("shows the API, the workflows, every dead-letter queue and every function's health", () => {
    const all = lines();
    const apiId = sandbox.attribute(sandbox.resources('AWS::AppSync::GraphQLApi')[0], 'ApiId');
    for (const metric of ['Latency', '5XXError', '4XXError']) expect(all).toContain(`AWS/AppSync/${metric} ${apiId}`);
    for (const id of ['CheckoutSaga', 'ShippingWorkflow']) {
      const arn = sandbox.refOf(byId(sandbox, 'AWS::StepFunctions::StateMachine', id));
      for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut'])
        expect(all, id).toContain(`AWS/States/${metric} ${arn}`);
    }
    const checkout = sandbox.refOf(byId(sandbox, 'AWS::StepFunctions::StateMachine', 'CheckoutSaga'));
    expect(all).toContain(`AWS/States/ExecutionTime ${checkout}`);
    for (const queue of sandbox.resources('AWS::SQS::Queue'))
      expect(all).toContain(`AWS/SQS/ApproximateNumberOfMessagesVisible ${sandbox.attribute(queue, 'QueueName')}`);
    for (const { name, fn } of amplifyFunctions(sandbox))
      for (const metric of ['Errors', 'Throttles', 'Duration'])
        expect(all, name).toContain(`AWS/Lambda/${metric} ${sandbox.refOf(fn)}`);
  });

  it("shows every alarm's state", () => {
    const shown = widgets().find((w) => w.type === 'alarm')!.properties.alarms as string[];
    const arns = sandbox.resources('AWS::CloudWatch::Alarm').map((a) => sandbox.attribute(a, 'Arn'));
    expect(shown.sort()).toEqual(arns.sort());
  });
});
