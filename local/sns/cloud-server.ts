import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOST, LambdaError, PORTS, url, type Invoker, type LambdaFailure, type Outbox } from '../ports';
import { topicFromArn, type Topic } from './topics';

/** What the Lambda Invoke API needs of the emulator (`LambdaEmulator` has it all; a bare `Invoker` will do). */
export type InvokeBackend = Invoker & {
  has?(functionNameOrArn: string): boolean;
  invokeRaw?(
    functionNameOrArn: string,
    payload: string,
  ): Promise<{
    payload: string;
    error?: LambdaFailure;
    record?: { requestId: string; durationMs: number; logs: string[] };
  }>;
};

/**
 * A route another local service mounts on the cloud server: it answers the requests it recognizes
 * (by path or `X-Amz-Target`) and returns true, or returns false without reading the body.
 */
export type CloudRoute = (req: IncomingMessage, res: ServerResponse, at: URL) => Promise<boolean>;

export interface CloudServerDeps {
  outbox: Outbox & { clear?(): void };
  /** Tried in order before the server's own routes (Step Functions, EventBridge, ...). */
  routes?: readonly CloudRoute[];
  /** Serves the Lambda Invoke API when given. */
  lambda?: InvokeBackend;
  /** The SNS topics that exist (from `topicsOf(assembly)`, or bare ARNs). */
  topics?: readonly (Topic | string)[];
}

const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/';

const xml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
};

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': '*',
};

class SnsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

/** `MessageAttributes.entry.N.{Name, Value.DataType, Value.StringValue | Value.BinaryValue}` → `{name: value}`. */
const attributesOf = (params: URLSearchParams, prefix: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let i = 1; ; i++) {
    const name = params.get(`${prefix}.entry.${i}.Name`);
    if (name === null) break;
    const value =
      params.get(`${prefix}.entry.${i}.Value.StringValue`) ?? params.get(`${prefix}.entry.${i}.Value.BinaryValue`);
    const dataType = params.get(`${prefix}.entry.${i}.Value.DataType`);
    if (!dataType)
      throw new SnsError(
        400,
        'InvalidParameterValue',
        `The message attribute '${name}' must contain non-empty message attribute type.`,
      );
    out[name] = value ?? '';
  }
  return out;
};

/**
 * The local cloud's own endpoint, on one port (`PORTS.cloud`):
 *
 * - SNS, in the AWS query protocol the SDK's `@aws-sdk/client-sns` speaks (`POST /`,
 *   `Action=Publish` / `PublishBatch` / `ListTopics`), for the topics of the templates only; every
 *   message lands in the outbox;
 * - the Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`), for handlers that call
 *   other functions through `AWS_ENDPOINT_URL_LAMBDA`;
 * - the outbox API: `GET /outbox/emails?to=`, `GET /outbox/sns?topic=&userId=`, `GET /outbox`,
 *   `DELETE /outbox`;
 * - whatever `routes` other services mount (Step Functions, EventBridge).
 */
export const createCloudServer = ({ outbox, lambda, topics = [], routes = [] }: CloudServerDeps): Server => {
  const known = topics.map((t) => (typeof t === 'string' ? topicFromArn(t) : t));
  const topicFor = (arnOrRef: string): Topic | undefined => known.find((t) => t.aliases.includes(arnOrRef));

  const publish = (params: URLSearchParams, prefix = ''): string => {
    const target = params.get(`${prefix}TopicArn`) ?? params.get(`${prefix}TargetArn`);
    if (!target) {
      if (params.get(`${prefix}PhoneNumber`))
        throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: PhoneNumber (SMS is not emulated locally)');
      throw new SnsError(
        400,
        'InvalidParameter',
        'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
      );
    }
    const topic = topicFor(target);
    if (!topic) throw new SnsError(404, 'NotFound', 'Topic does not exist');
    const message = params.get(`${prefix}Message`);
    if (!message) throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Message Reason: Empty message');
    let body = message;
    if (params.get(`${prefix}MessageStructure`) === 'json') {
      try {
        const structured = JSON.parse(message) as Record<string, unknown>;
        if (typeof structured.default !== 'string') throw new Error('no default');
        body = structured.default;
      } catch {
        throw new SnsError(
          400,
          'InvalidParameter',
          'Invalid parameter: Message Structure - No default entry in JSON message body',
        );
      }
    }
    const subject = params.get(`${prefix}Subject`) ?? undefined;
    outbox.recordSns({
      topicArn: topic.arn,
      ...(subject ? { subject } : {}),
      message: body,
      attributes: attributesOf(params, `${prefix}MessageAttributes`),
    });
    return randomUUID();
  };

  const sns = (params: URLSearchParams): string => {
    const action = params.get('Action');
    const requestId = randomUUID();
    const envelope = (name: string, result: string) =>
      `<${name}Response xmlns="${SNS_NS}"><${name}Result>${result}</${name}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${name}Response>`;
    switch (action) {
      case 'Publish':
        return envelope('Publish', `<MessageId>${publish(params)}</MessageId>`);
      case 'PublishBatch': {
        const ok: string[] = [];
        const failed: string[] = [];
        for (let i = 1; params.has(`PublishBatchRequestEntries.member.${i}.Id`); i++) {
          const prefix = `PublishBatchRequestEntries.member.${i}.`;
          const id = params.get(`${prefix}Id`)!;
          const entry = new URLSearchParams(params);
          entry.set(`${prefix}TopicArn`, params.get('TopicArn') ?? '');
          try {
            ok.push(`<member><Id>${xml(id)}</Id><MessageId>${publish(entry, prefix)}</MessageId></member>`);
          } catch (error) {
            if (!(error instanceof SnsError) || error.code === 'NotFound') throw error;
            failed.push(
              `<member><Id>${xml(id)}</Id><Code>${error.code}</Code><Message>${xml(error.message)}</Message><SenderFault>true</SenderFault></member>`,
            );
          }
        }
        return envelope('PublishBatch', `<Successful>${ok.join('')}</Successful><Failed>${failed.join('')}</Failed>`);
      }
      case 'ListTopics':
        return envelope(
          'ListTopics',
          `<Topics>${known.map((t) => `<member><TopicArn>${xml(t.arn)}</TopicArn></member>`).join('')}</Topics>`,
        );
      default:
        throw new SnsError(
          400,
          'InvalidAction',
          `The action ${action} is not valid for this web service (the local cloud emulates Publish, PublishBatch and ListTopics).`,
        );
    }
  };

  const invoke = async (req: IncomingMessage, res: ServerResponse, functionNameOrArn: string) => {
    const notFound = () =>
      json(
        res,
        404,
        { Type: 'User', message: `Function not found: ${functionNameOrArn}` },
        { 'x-amzn-ErrorType': 'ResourceNotFoundException', 'x-amzn-RequestId': randomUUID() },
      );
    if (!lambda) return notFound();
    if (lambda.has && !lambda.has(functionNameOrArn)) return notFound();
    const body = await readBody(req);
    const payload = body.trim() === '' ? '{}' : body;
    try {
      JSON.parse(payload);
    } catch {
      return json(
        res,
        400,
        { Type: 'User', message: 'Could not parse request body into json: Unexpected character' },
        { 'x-amzn-ErrorType': 'InvalidRequestContentException' },
      );
    }
    const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    const run = async () => {
      if (lambda.invokeRaw) return lambda.invokeRaw(functionNameOrArn, payload);
      try {
        return { payload: JSON.stringify((await lambda.invoke(functionNameOrArn, JSON.parse(payload))) ?? null) };
      } catch (error) {
        if (!(error instanceof LambdaError)) throw error;
        return { payload: JSON.stringify(error.failure), error: error.failure };
      }
    };
    if (type === 'DryRun') return send(res, 204, '');
    if (type === 'Event') {
      run().catch((error) =>
        console.warn(`[lambda] async invocation of ${functionNameOrArn} failed: ${(error as Error).message}`),
      );
      return send(res, 202, '', { 'x-amzn-RequestId': randomUUID() });
    }
    let result;
    try {
      result = await run();
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return notFound();
      throw error;
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Amz-Executed-Version': '$LATEST',
      'x-amzn-RequestId': result.record?.requestId ?? randomUUID(),
    };
    if (result.error) headers['X-Amz-Function-Error'] = 'Unhandled';
    if (String(req.headers['x-amz-log-type'] ?? '') === 'Tail' && result.record) {
      const { requestId, durationMs, logs } = result.record;
      const tail = [
        `START RequestId: ${requestId} Version: $LATEST`,
        ...logs,
        `END RequestId: ${requestId}`,
        `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms`,
        '',
      ].join('\n');
      headers['X-Amz-Log-Result'] = Buffer.from(Buffer.from(tail).subarray(-4096)).toString('base64');
    }
    send(res, 200, result.payload, headers);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const at = new URL(req.url ?? '/', 'http://local');
    const path = at.pathname;
    for (const route of routes) if (await route(req, res, at)) return;

    if (path === '/outbox' || path.startsWith('/outbox/')) {
      if (req.method === 'OPTIONS') return send(res, 204, '', CORS);
      const topicParam = at.searchParams.get('topic') ?? undefined;
      const topicArn = topicParam ? (topicFor(topicParam)?.arn ?? topicParam) : undefined;
      const userId = at.searchParams.get('userId') ?? undefined;
      const to = at.searchParams.get('to') ?? undefined;
      if (req.method === 'GET' && path === '/outbox/emails') return json(res, 200, outbox.emails({ to }), CORS);
      if (req.method === 'GET' && path === '/outbox/sns') return json(res, 200, outbox.sns({ topicArn, userId }), CORS);
      if (req.method === 'GET' && path === '/outbox')
        return json(res, 200, { emails: outbox.emails(), sns: outbox.sns() }, CORS);
      if (req.method === 'DELETE' && path === '/outbox') {
        if (!outbox.clear) return json(res, 501, { message: 'this outbox cannot be cleared' }, CORS);
        outbox.clear();
        return send(res, 204, '', CORS);
      }
      return json(res, 404, { message: `no route ${req.method} ${path}` }, CORS);
    }

    const invocation = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/.exec(path);
    if (invocation && req.method === 'POST') return invoke(req, res, decodeURIComponent(invocation[1]));

    if (req.method === 'POST' && path === '/') {
      const params = new URLSearchParams(await readBody(req));
      if (params.has('Action')) {
        try {
          return send(res, 200, sns(params), { 'Content-Type': 'text/xml', 'x-amzn-RequestId': randomUUID() });
        } catch (error) {
          if (!(error instanceof SnsError)) throw error;
          const requestId = randomUUID();
          return send(
            res,
            error.status,
            `<ErrorResponse xmlns="${SNS_NS}"><Error><Type>${error.type}</Type><Code>${error.code}</Code><Message>${xml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
            { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId },
          );
        }
      }
    }
    json(res, 404, { message: `no route ${req.method} ${path}` });
  };

  return createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      console.error(`[cloud] ${req.method} ${req.url}: ${error.stack ?? error.message}`);
      if (!res.headersSent) json(res, 500, { message: error.message });
      else res.end();
    });
  });
};

export interface RunningCloudServer {
  readonly server: Server;
  readonly port: number;
  /** `http://127.0.0.1:<port>`: `AWS_ENDPOINT_URL_SNS`, `AWS_ENDPOINT_URL_LAMBDA` and the outbox API. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts `createCloudServer` on `port` (default `PORTS.cloud`; `0` picks a free one). */
export const startCloudServer = async (
  deps: CloudServerDeps,
  { port = PORTS.cloud as number, host = HOST as string }: { port?: number; host?: string } = {},
): Promise<RunningCloudServer> => {
  const server = createCloudServer(deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: url(actual),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
