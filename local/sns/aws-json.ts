import { randomUUID } from 'node:crypto';
import type { CloudRoute } from './cloud-server';
import { readBody, send } from './cloud-server';

/** An error as an AWS JSON-protocol service answers it: `{"__type": type, "message": ...}` with `status`. */
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }

  /** The body's `__type` (SQS qualifies it with its namespace). */
  get wireType(): string {
    return this.type;
  }

  /** The headers that carry the error besides the body. */
  headers(): Record<string, string> {
    return { 'x-amzn-ErrorType': this.type };
  }
}

/** One operation: the parsed request body in, the response body out (`Date`s become epoch seconds). */
export type AwsJsonOperation = (input: Record<string, unknown>) => unknown;

export interface AwsJsonService {
  /** The `X-Amz-Target` prefix: `AWSStepFunctions`, `AWSEvents`. */
  targetPrefix: string;
  /** `1.0` (Step Functions) or `1.1` (EventBridge): the content type is `application/x-amz-json-<version>`. */
  version: '1.0' | '1.1';
  operations: Record<string, AwsJsonOperation>;
  /** A path the SDK also posts to, besides `/` (SQS posts to a queue's URL). */
  path?: RegExp;
  /** Called for each request to this service, before its body is read (to count them). */
  onRequest?: () => void;
  /** The error for a body that is not a JSON object (default: `SerializationException`). */
  malformed?: () => AwsJsonError;
  /** The error for an operation this service does not emulate (default: `UnknownOperationException`). */
  unknown?: (operation: string) => AwsJsonError;
}

/** The AWS JSON protocols send timestamps as epoch seconds. */
const encode = (body: unknown): string =>
  JSON.stringify(body ?? {}, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : value;
  });

/**
 * Serves an AWS JSON-protocol service (`POST /` with `X-Amz-Target: <prefix>.<Operation>`) as the
 * SDK's clients call it: a request whose target is not this service's is left to other routes.
 */
export const awsJsonRoute =
  ({
    targetPrefix,
    version,
    operations,
    path,
    onRequest,
    malformed = () => new AwsJsonError('SerializationException', 'Start of structure or map found where not expected.'),
    unknown = (operation) =>
      new AwsJsonError('UnknownOperationException', `${targetPrefix}.${operation} is not emulated by the local cloud`),
  }: AwsJsonService): CloudRoute =>
  async (req, res, at) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(`${targetPrefix}.`)) return false;
    if (at.pathname !== '/' && !path?.test(at.pathname)) return false;
    onRequest?.();
    const requestId = randomUUID();
    const headers = { 'Content-Type': `application/x-amz-json-${version}`, 'x-amzn-RequestId': requestId };
    const fail = (error: AwsJsonError) =>
      send(res, error.status, encode({ __type: error.wireType, message: error.message }), {
        ...headers,
        ...error.headers(),
      });
    const body = await readBody(req);
    let input: Record<string, unknown>;
    try {
      const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      fail(malformed());
      return true;
    }
    const name = target.slice(targetPrefix.length + 1);
    const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (!operation) {
      fail(unknown(name));
      return true;
    }
    try {
      send(res, 200, encode(await operation(input)), headers);
    } catch (error) {
      if (!(error instanceof AwsJsonError)) throw error;
      fail(error);
    }
    return true;
  };
