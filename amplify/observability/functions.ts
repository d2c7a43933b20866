import { RemovalPolicy, aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { METRICS_NAMESPACE } from './metrics';

/** What observability needs of an Amplify function (`defineFunction`): its Lambda, its L1, its environment. */
export interface ObservedFunction {
  resources: { lambda: lambda.IFunction; cfnResources: { cfnFunction: lambda.CfnFunction } };
  addEnvironment(key: string, value: string): void;
}

const isObservedFunction = (value: unknown): value is ObservedFunction => {
  const resources = (value as { resources?: Partial<ObservedFunction['resources']> } | undefined)?.resources;
  return (
    typeof (value as { addEnvironment?: unknown }).addEnvironment === 'function' &&
    resources?.lambda !== undefined &&
    resources.cfnResources?.cfnFunction instanceof lambda.CfnFunction
  );
};

/** Every Amplify function of a backend (`defineBackend`'s result), by its `defineFunction` name. */
export const functionsOf = (backend: object): Map<string, ObservedFunction> =>
  new Map(
    Object.values(backend)
      .filter(isObservedFunction)
      // Amplify names the Lambda construct `<name>-lambda` (and tags it with the name).
      .map((fn) => [fn.resources.lambda.node.id.replace(/-lambda$/, ''), fn] as const),
  );

/** A function's service: the first segment of its name (`orders-place` → `orders`). */
export const serviceOf = (name: string) => name.split('-')[0];

/**
 * How long logs are kept: a month in production (long enough to look back at an incident reported
 * late), a week in a developer's sandbox, where they only serve the change at hand.
 */
export const logRetention = (isSandbox: boolean) =>
  isSandbox ? logs.RetentionDays.ONE_WEEK : logs.RetentionDays.ONE_MONTH;

/** A sandbox leaves nothing behind; a deployed branch's logs outlive its stack until they expire. */
export const logRemoval = (isSandbox: boolean) => (isSandbox ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);

/**
 * Active X-Ray tracing, Powertools' service name and metrics namespace, and a log group with a
 * retention for each function. Amplify's `defineFunction` offers no tracing option, so it is set on
 * the L1 function, with the two X-Ray actions CDK grants for `Tracing.ACTIVE`. The log group is
 * made here (named by CloudFormation) and given to the function by `LoggingConfig`, so a function
 * whose `/aws/lambda/…` group Lambda already created on an earlier deployment deploys cleanly.
 */
export const traceAndLogFunctions = (
  functions: Map<string, ObservedFunction>,
  { isSandbox }: { isSandbox: boolean },
) => {
  for (const [name, fn] of functions) {
    const { lambda: fnLambda, cfnResources } = fn.resources;
    cfnResources.cfnFunction.tracingConfig = { mode: lambda.Tracing.ACTIVE };
    fnLambda.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    );
    fn.addEnvironment('POWERTOOLS_SERVICE_NAME', serviceOf(name));
    fn.addEnvironment('POWERTOOLS_METRICS_NAMESPACE', METRICS_NAMESPACE);
    const logGroup = new logs.LogGroup(fnLambda, 'LogGroup', {
      retention: logRetention(isSandbox),
      removalPolicy: logRemoval(isSandbox),
    });
    cfnResources.cfnFunction.loggingConfig = {
      ...(cfnResources.cfnFunction.loggingConfig as lambda.CfnFunction.LoggingConfigProperty | undefined),
      logGroup: logGroup.logGroupName,
    };
  }
};
