import { randomUUID } from 'node:crypto';
import { LambdaAsync, type AsyncOutcome, type LambdaBackend } from '../eventbridge/lambda-async';
import type { AsyncInvokeConfig } from '../eventbridge/invoke-configs';
import type { LocalSqs, StoredMessage } from '../sqs';

/**
 * What became of one dead letter: `redriven` (handed to its consumer again; for a function, the
 * outcome of that asynchronous invocation follows in `outcome`) or `kept` (left in the queue, with
 * the reason).
 */
export interface RedrivenMessage {
  messageId: string;
  status: 'redriven' | 'kept';
  /** The function, state machine or queue it went back to. */
  target?: string;
  reason?: string;
  /** A function target: `running`, then how the invocation ended (it may dead-letter again). */
  outcome?: { requestId: string; status: 'running' | AsyncOutcome['status']; invokeCount?: number; error?: string };
  /** A state machine target: the execution started. */
  executionArn?: string;
}

export interface Redrive {
  id: string;
  queue: string;
  at: string;
  messages: RedrivenMessage[];
}

export interface RedriveDeps {
  sqs: LocalSqs;
  lambda: LambdaBackend;
  /** The functions' async invoke configs (`asyncInvokeConfigsOf`): a redriven event gets the same retries and DLQ. */
  asyncConfigs: ReadonlyMap<string, AsyncInvokeConfig>;
  stepFunctions: { startExecution(request: { stateMachineArn: string; input: string }): { executionArn: string } };
}

const objectOf = (text: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** Where a dead letter came from, read from the message as Lambda, EventBridge or SQS wrote it. */
type Origin =
  | { kind: 'function'; functionArn: string; payload: string }
  | { kind: 'state-machine'; arn: string; input: string }
  | { kind: 'queue'; arn: string }
  | { kind: 'unknown'; reason: string };

export const originOf = (message: StoredMessage): Origin => {
  if (message.deadLetterQueueSourceArn) return { kind: 'queue', arn: message.deadLetterQueueSourceArn };
  const target = message.messageAttributes?.TARGET_ARN?.StringValue;
  if (target) {
    // EventBridge gave up delivering: the body is the event, the target in the attributes.
    if (/^arn:aws:lambda:/.test(target)) return { kind: 'function', functionArn: target, payload: message.body };
    if (/^arn:aws:states:/.test(target)) return { kind: 'state-machine', arn: target, input: message.body };
    if (/^arn:aws:sqs:/.test(target)) return { kind: 'queue', arn: target };
    return { kind: 'unknown', reason: `EventBridge target ${target} is not a function, state machine or queue` };
  }
  const body = objectOf(message.body);
  const context = body?.requestContext as { functionArn?: unknown } | undefined;
  if (body && 'DDBStreamBatchInfo' in body)
    return { kind: 'unknown', reason: 'a stream batch that failed: its records are read from the table, not redriven' };
  if (body && typeof context?.functionArn === 'string' && 'requestPayload' in body) {
    // Lambda's on-failure record of an asynchronous invocation: the event is its requestPayload.
    const functionArn = context.functionArn.replace(/:\$LATEST$/, '');
    return { kind: 'function', functionArn, payload: JSON.stringify(body.requestPayload) };
  }
  // Lambda's own DLQ: the event as the body, the request id in the attributes.
  if (message.messageAttributes?.RequestID && message.messageAttributes.ErrorMessage)
    return { kind: 'unknown', reason: 'a function DLQ message names no function: send it again by hand' };
  return { kind: 'unknown', reason: 'not a dead letter this console knows how to send back' };
};

/**
 * Redrives dead-letter queues: each message goes back to the consumer it was meant for, as it was
 * first delivered (a function's event as an asynchronous invocation, with its retries and DLQ; an
 * EventBridge target's event to that target; an SQS message to the queue it came from). Messages
 * it cannot place stay in the queue. The redrives are kept for the console.
 */
export class DeadLetterRedriver {
  private readonly lambdaAsync: LambdaAsync;
  private readonly history: Redrive[] = [];

  constructor(private readonly deps: RedriveDeps) {
    this.lambdaAsync = new LambdaAsync(deps.lambda, deps.asyncConfigs, async (arn, message) => {
      const body = message.kind === 'destination' ? JSON.stringify(message.record) : message.body;
      deps.sqs.send(arn, body, message.kind === 'dead-letter' ? message.attributes : {});
    });
  }

  /** Redrives every message of `queue` (name, URL or ARN); throws `QueueDoesNotExist` for an unknown one. */
  redrive(queue: string): Redrive {
    const source = this.deps.sqs.queue(queue);
    const redrive: Redrive = { id: randomUUID(), queue: source.name, at: new Date().toISOString(), messages: [] };
    for (const message of source.takeAll()) redrive.messages.push(this.send(source.name, message));
    this.history.push(redrive);
    if (this.history.length > 100) this.history.shift();
    return redrive;
  }

  /** The redrives so far, newest first. */
  redrives(): Redrive[] {
    return structuredClone([...this.history].reverse());
  }

  private send(queue: string, message: StoredMessage): RedrivenMessage {
    const origin = originOf(message);
    const { messageId } = message;
    const keep = (reason: string): RedrivenMessage => {
      this.deps.sqs.queue(queue).append(message);
      return { messageId, status: 'kept', reason };
    };
    try {
      switch (origin.kind) {
        case 'function': {
          const { requestId, done } = this.lambdaAsync.invoke(origin.functionArn, origin.payload);
          const result: RedrivenMessage = {
            messageId,
            status: 'redriven',
            target: origin.functionArn,
            outcome: { requestId, status: 'running' },
          };
          void done.then((outcome) => {
            result.outcome = {
              requestId,
              status: outcome.status,
              invokeCount: outcome.invokeCount,
              ...(outcome.error ? { error: `${outcome.error.errorType}: ${outcome.error.errorMessage}` } : {}),
            };
          });
          return result;
        }
        case 'state-machine': {
          const { executionArn } = this.deps.stepFunctions.startExecution({
            stateMachineArn: origin.arn,
            input: origin.input,
          });
          return { messageId, status: 'redriven', target: origin.arn, executionArn };
        }
        case 'queue': {
          // eslint-disable-next-line @typescript-eslint/no-unused-vars
          const { receiptHandle, firstReceiveTimestamp, deadLetterQueueSourceArn, ...rest } = message;
          this.deps.sqs.queue(origin.arn).append({ ...rest, receiveCount: 0, visibleAt: Date.now() });
          return { messageId, status: 'redriven', target: origin.arn };
        }
        case 'unknown':
          return keep(origin.reason);
      }
    } catch (error) {
      return keep((error as Error).message);
    }
  }
}
