import { randomUUID } from 'node:crypto';
import { functionNameOf } from '../lambda/emulator';
import type { LambdaFailure } from '../ports';
import { DEFAULT_ASYNC_CONFIG, type AsyncInvokeConfig } from './invoke-configs';

/** What asynchronous invocation needs of the Lambda emulator (`LambdaEmulator` has it). */
export interface LambdaBackend {
  has(functionNameOrArn: string): boolean;
  invokeRaw(functionNameOrArn: string, payload: string): Promise<{ payload: string; error?: LambdaFailure }>;
}

/** The record Lambda sends to a destination ("Capturing records of Lambda asynchronous invocations"). */
export interface DestinationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload: unknown;
}

/** Where a record or a dead letter goes: `kind` says which, `arn` is the destination or DLQ. */
export type AsyncSink = (
  arn: string,
  message:
    | { kind: 'destination'; record: DestinationRecord }
    | { kind: 'dead-letter'; body: string; attributes: Record<string, string> },
) => Promise<void>;

/** How one asynchronous invocation ended. */
export interface AsyncOutcome {
  requestId: string;
  status: 'succeeded' | 'failed';
  /** How many times the function ran. */
  invokeCount: number;
  error?: LambdaFailure;
  /** The on-success or on-failure destination the record went to, and why. */
  destination?: { arn: string; condition: DestinationRecord['requestContext']['condition'] };
  /** The function's dead-letter queue or topic, when there was no on-failure destination. */
  deadLetter?: { arn: string };
  /** Sending to the destination or DLQ failed (the record is lost, as Lambda would drop it). */
  sinkError?: string;
}

export interface LambdaAsyncOptions {
  /** Waits before each retry: Lambda waits about 1 minute, then 2. Default `[1000, 2000]`. */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const LAMBDA_ARN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Thrown when the function does not exist: the invocation is refused, not queued. */
export class FunctionNotFound extends Error {
  readonly code = 'ResourceNotFoundException';
  constructor(fn: string) {
    super(`Function not found: ${fn}`);
    this.name = 'ResourceNotFoundException';
  }
}

/**
 * Lambda's asynchronous invocation (`InvocationType: Event`), as EventBridge, SNS and S3 use it:
 * the event is accepted at once, then run; a function error is retried per the function's event
 * invoke config, and the outcome goes to its on-success/on-failure destination (or, failed, to its
 * dead-letter queue). Each invocation runs on its own: a failing event never holds up the others.
 */
export class LambdaAsync {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly lambda: LambdaBackend,
    private readonly configs: ReadonlyMap<string, AsyncInvokeConfig>,
    private readonly sink: AsyncSink,
    private readonly options: LambdaAsyncOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms).unref()));
    this.now = options.now ?? Date.now;
  }

  configOf(functionNameOrArn: string): AsyncInvokeConfig {
    return this.configs.get(functionNameOf(functionNameOrArn)) ?? DEFAULT_ASYNC_CONFIG;
  }

  /**
   * Accepts an event for `fn` (throws `FunctionNotFound` when there is no such function) and runs
   * it in the background; `done` settles with the outcome, destinations included. Never rejects.
   */
  invoke(fn: string, payload: string): { requestId: string; done: Promise<AsyncOutcome> } {
    if (!this.lambda.has(fn)) throw new FunctionNotFound(fn);
    const requestId = randomUUID();
    return { requestId, done: this.run(fn, payload, requestId, this.now()) };
  }

  private async run(fn: string, payload: string, requestId: string, acceptedAt: number): Promise<AsyncOutcome> {
    const config = this.configOf(fn);
    const delays = this.options.retryDelaysMs ?? [1000, 2000];
    const functionArn = `${fn.startsWith('arn:') ? fn.replace(/:\$LATEST$/, '') : LAMBDA_ARN(fn)}:$LATEST`;
    let invokeCount = 0;
    let condition: 'RetriesExhausted' | 'EventAgeExceeded' = 'RetriesExhausted';
    let last: { payload: string; error?: LambdaFailure };
    for (;;) {
      invokeCount++;
      try {
        last = await this.lambda.invokeRaw(fn, payload);
      } catch (error) {
        const e = error as Error;
        last = { payload: '', error: { errorType: e.name, errorMessage: e.message } };
      }
      if (!last.error) break;
      if (invokeCount > config.maximumRetryAttempts) break;
      const delay = delays[Math.min(invokeCount - 1, delays.length - 1)] ?? 0;
      if (this.now() + delay - acceptedAt > config.maximumEventAgeSeconds * 1000) {
        condition = 'EventAgeExceeded';
        break;
      }
      await this.sleep(delay);
    }
    const failed = last.error !== undefined;
    const outcome: AsyncOutcome = { requestId, status: failed ? 'failed' : 'succeeded', invokeCount };
    if (last.error) outcome.error = last.error;
    const destination = failed ? config.onFailure : config.onSuccess;
    const record: DestinationRecord = {
      version: '1.0',
      timestamp: new Date(this.now()).toISOString(),
      requestContext: {
        requestId,
        functionArn,
        condition: failed ? condition : 'Success',
        approximateInvokeCount: invokeCount,
      },
      requestPayload: parse(payload),
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(failed ? { functionError: 'Unhandled' } : {}),
      },
      responsePayload: parse(last.payload),
    };
    try {
      if (destination) {
        outcome.destination = { arn: destination, condition: record.requestContext.condition };
        await this.sink(destination, { kind: 'destination', record });
      } else if (failed && config.deadLetterArn) {
        outcome.deadLetter = { arn: config.deadLetterArn };
        // Lambda's DLQ message: the event as its body, the error in three attributes.
        await this.sink(config.deadLetterArn, {
          kind: 'dead-letter',
          body: payload,
          attributes: { RequestID: requestId, ErrorCode: '200', ErrorMessage: last.error!.errorMessage.slice(0, 1024) },
        });
      }
    } catch (error) {
      outcome.sinkError = (error as Error).message;
    }
    return outcome;
  }
}
