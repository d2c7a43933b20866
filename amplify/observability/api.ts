import { aws_appsync as appsync, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { logRemoval, logRetention } from './functions';

/**
 * X-Ray tracing and CloudWatch logging for the AppSync API. Field logs are ERROR in production:
 * ALL writes a record for every resolved field of every request (several per request, the bulk of
 * an API's log bill), while ERROR keeps exactly the records an incident needs. A sandbox logs ALL,
 * which at a developer's volume costs nothing and shows every resolver's work. Verbose content
 * (headers, context, evaluated templates: tokens and shoppers' data) is never logged.
 *
 * AppSync writes to `/aws/appsync/apis/<api id>`; the group is made here, with a retention, and the
 * logging role may write to that group only (and not create others), so no group without a
 * retention can appear beside it.
 */
export const traceAndLogApi = (api: appsync.CfnGraphQLApi, { isSandbox }: { isSandbox: boolean }) => {
  api.xrayEnabled = true;
  const logGroup = new logs.LogGroup(api, 'Logs', {
    logGroupName: `/aws/appsync/apis/${api.attrApiId}`,
    retention: logRetention(isSandbox),
    removalPolicy: logRemoval(isSandbox),
  });
  const role = new iam.Role(api, 'LoggingRole', {
    assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
    description: 'Lets AppSync write the API logs',
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:log-stream:*`],
    }),
  );
  api.logConfig = {
    cloudWatchLogsRoleArn: role.roleArn,
    fieldLogLevel: isSandbox ? 'ALL' : 'ERROR',
    excludeVerboseContent: true,
  };
  return logGroup;
};
