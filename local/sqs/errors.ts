import { AwsJsonError } from '../sns/aws-json';

/**
 * An SQS error as the JSON protocol answers it: `__type` `com.amazonaws.sqs#<type>`, and the query
 * protocol's code in `x-amzn-query-error` (the SDK is query-compatible and reads both).
 */
export class SqsError extends AwsJsonError {
  constructor(
    type: string,
    message: string,
    readonly queryCode = type,
    status = 400,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(type, message, status);
  }

  override get wireType(): string {
    return `com.amazonaws.sqs#${this.type}`;
  }

  override headers(): Record<string, string> {
    return { 'x-amzn-query-error': `${this.queryCode};${this.fault}` };
  }
}

export const queueDoesNotExist = () =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');

export const invalidParameter = (message: string) => new SqsError('InvalidParameterValue', message);

export const missingParameter = (name: string) =>
  new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

export const receiptHandleIsInvalid = (handle: unknown) =>
  new SqsError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${String(handle)}" is not a valid receipt handle.`,
    'ReceiptHandleIsInvalid',
    404,
  );

export const messageNotInflight = () =>
  new SqsError(
    'MessageNotInflight',
    'The message referred to is not in flight.',
    'AWS.SimpleQueueService.MessageNotInflight',
  );
