import { Aws, aws_iam as iam, aws_logs as logs, aws_stepfunctions as sfn } from 'aws-cdk-lib';
import { logRemoval, logRetention } from './functions';

/**
 * X-Ray tracing and CloudWatch logging for a state machine. The log level is the caller's choice:
 * a Standard workflow keeps its full execution history for 90 days, so ERROR (the failed and
 * aborted executions, searchable in Logs Insights) is enough; an Express workflow keeps no
 * history, so ALL is the only record of what it did. Execution data (inputs and outputs: orders,
 * addresses, payment references) is never logged: it would put shoppers' data in the logs and
 * multiply the bytes ingested.
 *
 * The group's name starts with `/aws/vendedlogs/`, as AWS asks of log groups that receive vended
 * logs (no CloudWatch Logs resource policy grows with each of them), and holds the stack's name,
 * so that two sandboxes in one account never claim the same group.
 */
export const traceAndLogStateMachine = (
  machine: sfn.StateMachine,
  { level, isSandbox }: { level: sfn.LogLevel.ERROR | sfn.LogLevel.ALL; isSandbox: boolean },
) => {
  const logGroup = new logs.LogGroup(machine, 'Logs', {
    logGroupName: `/aws/vendedlogs/states/${Aws.STACK_NAME}-${machine.node.id}`,
    retention: logRetention(isSandbox),
    removalPolicy: logRemoval(isSandbox),
  });
  const cfn = machine.node.defaultChild as sfn.CfnStateMachine;
  cfn.loggingConfiguration = {
    destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logGroup.logGroupArn } }],
    level,
    includeExecutionData: false,
  };
  cfn.tracingConfiguration = { enabled: true };
  // What CDK grants for `logs` and `tracingEnabled`: log delivery is set up by the service, on `*`.
  machine.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
      ],
      resources: ['*'],
    }),
  );
  return logGroup;
};
