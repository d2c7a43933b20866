import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { PutEventsResult } from '../eventbridge/event-bridge';
import type { LambdaFailure } from '../ports';
import { AwsJsonError } from '../sns/aws-json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What the Task states need of the Lambda emulator (`LambdaEmulator` has it). */
export interface LambdaBackend {
  has(functionNameOrArn: string): boolean;
  invokeRaw(
    functionNameOrArn: string,
    payload: string,
  ): Promise<{ payload: string; error?: LambdaFailure; record?: { requestId: string } }>;
}

/** What `events:putEvents` needs of the local EventBridge (`LocalEventBridge` has it). */
export interface EventsBackend {
  putEvents(entries: unknown): PutEventsResult;
}

export interface TaskBackends {
  lambda: LambdaBackend;
  events?: EventsBackend;
}

/**
 * How a Task state's resource runs: a Lambda function ARN (the original integration: the result is
 * the function's), or an optimized integration (`arn:aws:states:::<service>:<api>`).
 */
export type TaskKind = 'lambda-function' | 'lambda:invoke' | 'events:putEvents';

/** A Task state bound to a local service. */
export interface TaskBinding {
  readonly state: string;
  readonly kind: TaskKind;
  /** The `Resource` of the state. */
  readonly resource: string;
  readonly timeoutSeconds?: number;
  /** Runs one attempt with the state's effective parameters; rejects with a `TaskFailure`. */
  run(parameters: unknown): Promise<Json>;
}

/**
 * A failed task as Step Functions reports it: `name` is the `Error` a Retry or Catch matches and
 * `message` the `Cause`. aws-local-stepfunctions turns a thrown error into exactly
 * `{Error: error.name, Cause: error.message}` (its StateExecutor's catchError and EventLogger).
 */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

const FUNCTION_ARN = /^arn:aws:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const PUT_EVENTS = 'arn:aws:states:::events:putEvents';

const parsed = (text: string): Json => {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
};

const notFound = (fn: string) =>
  new TaskFailure(
    'Lambda.ResourceNotFoundException',
    `Function not found: ${fn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)`,
  );

/**
 * Invokes a function and answers its result, or throws what Step Functions would: the function's
 * `errorType` as the error, its error payload (`{"errorType","errorMessage","trace"}`) as the cause.
 */
const invoke = async (lambda: LambdaBackend, fn: string, payload: string) => {
  let raw;
  try {
    raw = await lambda.invokeRaw(fn, payload);
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') throw notFound(fn);
    throw new TaskFailure('Lambda.ServiceException', (error as Error).message);
  }
  if (raw.error) throw new TaskFailure(raw.error.errorType || 'Lambda.Unknown', raw.payload);
  return raw;
};

/** `lambda:invoke`: `FunctionName` and `Payload` in, Lambda's Invoke response out (`Payload` parsed). */
const lambdaInvoke = async (lambda: LambdaBackend, parameters: unknown): Promise<Json> => {
  const { FunctionName, Payload, InvocationType } = (parameters ?? {}) as {
    FunctionName?: unknown;
    Payload?: unknown;
    InvocationType?: unknown;
  };
  if (typeof FunctionName !== 'string')
    throw new TaskFailure('Lambda.InvalidParameterValueException', 'FunctionName is required');
  const payload = Payload === undefined ? '{}' : JSON.stringify(Payload);
  const response = (statusCode: number, body: Json, requestId = '') => ({
    ExecutedVersion: '$LATEST',
    Payload: body,
    SdkHttpMetadata: { HttpHeaders: { 'x-amzn-RequestId': requestId }, HttpStatusCode: statusCode },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: statusCode,
  });
  if (InvocationType === 'Event') {
    if (!lambda.has(FunctionName)) throw notFound(FunctionName);
    invoke(lambda, FunctionName, payload).catch(() => {}); // its outcome is nobody's concern, as on AWS
    return response(202, '');
  }
  if (InvocationType === 'DryRun') return response(204, '');
  const raw = await invoke(lambda, FunctionName, payload);
  return response(200, parsed(raw.payload), raw.record?.requestId);
};

/** `events:putEvents`: `Entries` with `Detail` as JSON (Step Functions serializes it), the response out. */
const putEvents = (events: EventsBackend, parameters: unknown): Json => {
  const entries = (parameters as { Entries?: unknown } | null)?.Entries;
  const sent = Array.isArray(entries)
    ? entries.map((e: Record<string, unknown>) =>
        e && typeof e.Detail === 'object' ? { ...e, Detail: JSON.stringify(e.Detail) } : e,
      )
    : entries;
  let result: PutEventsResult;
  try {
    result = events.putEvents(sent);
  } catch (error) {
    if (error instanceof AwsJsonError) throw new TaskFailure(`EventBridge.${error.type}`, error.message);
    throw error;
  }
  if (result.FailedEntryCount > 0) throw new TaskFailure('EventBridge.FailedEntry', JSON.stringify(result));
  return result as unknown as Json;
};

interface TaskState {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  TimeoutSeconds?: number;
  Branches?: StateMachineDefinition[];
  Iterator?: StateMachineDefinition;
  ItemProcessor?: StateMachineDefinition;
}

/** Every Task state of a definition, those inside Parallel branches and Map iterations included. */
export const taskStates = (definition: StateMachineDefinition): [string, TaskState][] =>
  Object.entries(definition.States as Record<string, TaskState>).flatMap(([name, state]) => [
    ...(state.Type === 'Task' ? [[name, state] as [string, TaskState]] : []),
    ...(state.Branches ?? []).flatMap(taskStates),
    ...[state.Iterator, state.ItemProcessor].filter((d) => d !== undefined).flatMap(taskStates),
  ]);

/**
 * Binds every Task state of a definition to the local services, or throws naming each state whose
 * resource the local cloud cannot run (so a state machine never fails halfway for that reason).
 */
export const bindTasks = (
  machineName: string,
  definition: StateMachineDefinition,
  { lambda, events }: TaskBackends,
): Map<string, TaskBinding> => {
  const bindings = new Map<string, TaskBinding>();
  const problems: string[] = [];
  for (const [state, { Resource: resource = '', Parameters, TimeoutSeconds }] of taskStates(definition)) {
    const where = `state "${state}" of state machine ${machineName}`;
    const bind = (kind: TaskKind, run: TaskBinding['run']) =>
      bindings.set(state, { state, kind, resource, timeoutSeconds: TimeoutSeconds, run });
    if (FUNCTION_ARN.test(resource)) {
      if (!lambda.has(resource))
        problems.push(`${where}: function ${resource} is not run by the local Lambda emulator`);
      bind('lambda-function', async (p) => parsed((await invoke(lambda, resource, JSON.stringify(p ?? null))).payload));
    } else if (resource === LAMBDA_INVOKE) {
      const fn = Parameters?.FunctionName;
      if (typeof fn === 'string' && !lambda.has(fn))
        problems.push(`${where}: function ${fn} is not run by the local Lambda emulator`);
      bind('lambda:invoke', (p) => lambdaInvoke(lambda, p));
    } else if (resource === PUT_EVENTS && events) {
      bind('events:putEvents', async (p) => putEvents(events, p));
    } else {
      problems.push(`${where}: resource ${resource} is not emulated locally`);
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return bindings;
};
