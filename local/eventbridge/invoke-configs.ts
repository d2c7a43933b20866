import type { Assembly } from '../assembly/assembly';
import { functionNameOf } from '../lambda/emulator';

/**
 * How Lambda handles a function's asynchronous invocations: its `AWS::Lambda::EventInvokeConfig`
 * (retries, event age, destinations) and its own `DeadLetterConfig`.
 */
export interface AsyncInvokeConfig {
  /** 0 to 2; Lambda's default is 2. */
  maximumRetryAttempts: number;
  /** 60 to 21600; Lambda's default is 6 hours. */
  maximumEventAgeSeconds: number;
  /** `DestinationConfig.OnSuccess.Destination`: an SQS queue, SNS topic, function or bus ARN. */
  onSuccess?: string;
  onFailure?: string;
  /** The function's `DeadLetterConfig.TargetArn` (SQS queue or SNS topic), used when no on-failure destination is set. */
  deadLetterArn?: string;
}

export const DEFAULT_ASYNC_CONFIG: AsyncInvokeConfig = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 };

const DESTINATION =
  /^arn:aws:(sqs:[^:]+:[^:]+:[^:]+|sns:[^:]+:[^:]+:[^:]+|lambda:[^:]+:[^:]+:function:.+|events:[^:]+:[^:]+:event-bus\/.+)$/;

const checkDestination = (fn: string, what: string, arn: string | undefined): string | undefined => {
  if (arn !== undefined && !DESTINATION.test(arn))
    throw new Error(`function ${fn}: ${what} ${arn} is not an SQS queue, SNS topic, Lambda function or event bus`);
  return arn;
};

/** The asynchronous-invocation settings of every function that has any, by function name. */
export const asyncInvokeConfigsOf = (assembly: Assembly): Map<string, AsyncInvokeConfig> => {
  const configs = new Map<string, AsyncInvokeConfig>();
  const configOf = (name: string) => {
    const config = configs.get(name) ?? { ...DEFAULT_ASYNC_CONFIG };
    configs.set(name, config);
    return config;
  };
  for (const resource of assembly.resources('AWS::Lambda::Function')) {
    const props = assembly.properties<{ DeadLetterConfig?: { TargetArn?: string } }>(resource);
    const target = props.DeadLetterConfig?.TargetArn;
    if (!target) continue;
    const name = assembly.physicalId(resource);
    if (!/^arn:aws:(sqs|sns):/.test(target))
      throw new Error(`function ${name}: DeadLetterConfig.TargetArn ${target} is not an SQS queue or SNS topic`);
    configOf(name).deadLetterArn = target;
  }
  for (const resource of assembly.resources('AWS::Lambda::EventInvokeConfig')) {
    const props = assembly.properties<{
      FunctionName: string;
      MaximumRetryAttempts?: number;
      MaximumEventAgeInSeconds?: number;
      DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
    }>(resource);
    const name = functionNameOf(String(props.FunctionName));
    const config = configOf(name);
    if (props.MaximumRetryAttempts !== undefined) config.maximumRetryAttempts = props.MaximumRetryAttempts;
    if (props.MaximumEventAgeInSeconds !== undefined) config.maximumEventAgeSeconds = props.MaximumEventAgeInSeconds;
    const success = checkDestination(name, 'OnSuccess', props.DestinationConfig?.OnSuccess?.Destination);
    const failure = checkDestination(name, 'OnFailure', props.DestinationConfig?.OnFailure?.Destination);
    if (success) config.onSuccess = success;
    if (failure) config.onFailure = failure;
  }
  return configs;
};
