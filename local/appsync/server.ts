import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  GraphQLError,
  TypeInfo,
  defaultFieldResolver,
  execute,
  getNamedType,
  getOperationAST,
  parse,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Assembly } from '../assembly/assembly';
import { localSdkConfig, HOST, PORTS, type Invoker, type LambdaFailure } from '../ports';
import {
  LambdaAuthorizer,
  newRequestId,
  tokenHash,
  type AuthorizerAnswer,
  type AuthorizerDecision,
  type AuthorizerStats,
} from './authorizer';
import { readApi, type ApiDefinition, type LambdaPlan, type ResolverPlan } from './definition';
import {
  UNAUTHORIZED_BODY,
  executionError,
  malformedRequest,
  syntaxError,
  validationErrors,
  variableError,
  type AppSyncError,
} from './errors';
import { authModes } from './auth-modes';
import { makeCertificate, type TlsCertificate } from './certificate';
import { JsResolverError, runJsPipeline, type AuthType } from './js-runtime';
import { ModelResolvers, ResolverError } from './models';
import { listenOnePort } from './one-port';
import { REALTIME_PATH, RealtimeHub } from './realtime';
import { buildAppSyncSchema } from './schema';
import { isSigV4, verifySigV4, type IamCredentials } from './sigv4';

export interface AppSyncOptions {
  assembly: Assembly;
  /** Runs the authorizer and the Lambda data sources' functions. */
  invoker: Invoker;
  /** The DynamoDB the model resolvers use: a document client, or DynamoDB Local's endpoint URL. */
  dynamodb: DynamoDBDocumentClient | string | { endpoint: string };
  /** Default `PORTS.appsync` (4000); 0 picks a free port. */
  port?: number;
  host?: string;
  /** How long the authorizer may take (AppSync: 10 s). */
  authorizerTimeoutMs?: number;
  /** How many authorization decisions `decisions()` keeps (default 1000). */
  decisionLogSize?: number;
  /** The clock of the authorizer cache (tests). */
  now?: () => number;
  /** Where warnings go (an unsupported resolver, a failing invoker). Default: console.warn. */
  log?: (message: string) => void;
  /** The IAM credentials a SigV4-signed request may be signed with (the Lambda emulator's). */
  iamCredentials?: readonly IamCredentials[];
  /** The certificate the port's TLS side (`wss://` for the realtime endpoint) presents; made when absent. */
  tls?: TlsCertificate;
  /** How often the realtime endpoint sends `ka` (default 60 s). */
  keepAliveMs?: number;
}

export interface RunningAppSync {
  /** `http://host:port/graphql`. */
  readonly url: string;
  /** `wss://host:port/graphql/realtime`: AppSync's realtime protocol, over TLS on the same port. */
  readonly realtimeUrl: string;
  /** The certificate the TLS side presents. */
  readonly certificate: TlsCertificate;
  readonly port: number;
  readonly api: ApiDefinition;
  /** The authorizer's decisions, oldest first (bounded). */
  decisions(): AuthorizerDecision[];
  /** How many times the authorizer function was invoked. */
  authorizerInvocations(): number;
  /** GraphQL requests received (what AppSync bills as query and data modification operations). */
  requests(): number;
  stats(): AuthorizerStats;
  /** Realtime subscriptions now open. */
  subscriptions(): number;
  /** Forgets every cached authorizer answer. */
  flushAuthorizerCache(): void;
  stop(): Promise<void>;
}

/** What a resolver sees of the request (AppSync's `$ctx.identity` and `$ctx.request`). */
interface RequestContext {
  requestId: string;
  answer: AuthorizerAnswer;
  headers: Record<string, string>;
  authType: AuthType;
  /** `$ctx.identity`: the authorizer's `resolverContext`, or the IAM caller. */
  identity: Record<string, unknown>;
}

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const ALLOWED_HEADERS = 'authorization, content-type, x-amz-user-agent, x-api-key, x-amz-date, x-amz-security-token';
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** A request body over `MAX_BODY_BYTES`: answered 413 with a message, not a 500. */
class RequestTooLarge extends Error {}

const documentClient = (dynamodb: AppSyncOptions['dynamodb']): DynamoDBDocumentClient => {
  if (typeof dynamodb === 'object' && 'send' in dynamodb) return dynamodb;
  const endpoint = typeof dynamodb === 'string' ? dynamodb : dynamodb.endpoint;
  return DynamoDBDocumentClient.from(new DynamoDBClient(localSdkConfig(endpoint)), {
    marshallOptions: { removeUndefinedValues: true },
  });
};

/** `Type.field` of every field the operation selects, with the root fields apart. */
const requestedFields = (schema: GraphQLSchema, document: DocumentNode, operationName?: string) => {
  const operation = getOperationAST(document, operationName);
  const all = new Set<string>();
  const roots: string[] = [];
  if (!operation) return { all, roots };
  const typeInfo = new TypeInfo(schema);
  const rootType =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === 'Field' && rootType && !selection.name.value.startsWith('__'))
      roots.push(`${rootType.name}.${selection.name.value}`);
  }
  // Fragments are walked where they are defined; good enough for a log.
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field && !field.name.startsWith('__')) all.add(`${getNamedType(parent).name}.${field.name}`);
      },
    }),
  );
  return { all, roots };
};

const lambdaFailure = (error: unknown): LambdaFailure | undefined => {
  const failure = (error as { failure?: LambdaFailure } | undefined)?.failure;
  return failure && typeof failure.errorMessage === 'string' ? failure : undefined;
};

/** JSON in and out, as AppSync's `$util.toJson` would carry it. */
const json = <T>(value: T): T => (value === undefined ? (null as T) : JSON.parse(JSON.stringify(value)));

/** One throwaway certificate per process for servers started without one (tests start many). */
let processCertificate: Promise<TlsCertificate> | undefined;

/**
 * A local AppSync endpoint for the assembly's API: `POST /graphql` with AWS_LAMBDA authorization
 * (the authorizer function, its cache and `deniedFields`), the generated model resolvers against
 * DynamoDB and the function-directive resolvers through the invoker.
 */
export const startAppSync = async (options: AppSyncOptions): Promise<RunningAppSync> => {
  const api = readApi(options.assembly);
  const log = options.log ?? ((m: string) => console.warn(`[appsync] ${m}`));
  if (api.authenticationType !== 'AWS_LAMBDA' || !api.authorizer) {
    throw new Error(
      `the local AppSync runs AWS_LAMBDA authorization only; the API's default is ${api.authenticationType}`,
    );
  }
  const schema = buildAppSyncSchema(api.sdl);
  for (const plan of api.resolvers.values()) {
    if (plan.kind === 'unsupported')
      log(`${plan.typeName}.${plan.fieldName} will answer with an error: ${plan.reason}`);
  }
  const authorizer = new LambdaAuthorizer(api, api.authorizer, options.invoker, {
    timeoutMs: options.authorizerTimeoutMs,
    logSize: options.decisionLogSize,
    now: options.now,
  });
  const iamEnabled = [api.authenticationType, ...api.additionalAuthenticationTypes].includes('AWS_IAM');
  const modesOf = authModes(schema, api.authenticationType);
  const realtime = new RealtimeHub({ schema, authorizer, plans: api.resolvers, keepAliveMs: options.keepAliveMs, log });
  const models = new ModelResolvers(documentClient(options.dynamodb));

  const invokeLambda = async (
    plan: LambdaPlan,
    source: unknown,
    args: Record<string, unknown>,
    ctx: RequestContext,
  ) => {
    // The payload of Amplify's generated "Invoke AWS Lambda data source" request template.
    const payload = json({
      typeName: plan.typeName,
      fieldName: plan.fieldName,
      arguments: args,
      identity: ctx.identity,
      source: source ?? null,
      request: { headers: ctx.headers, domainName: null },
      prev: { result: {} },
    });
    try {
      return json(await options.invoker.invoke(plan.functionArn, payload));
    } catch (error) {
      // AppSync reports every error a function raises as Lambda:Unhandled, with its errorMessage.
      const failure = lambdaFailure(error);
      if (!failure) log(`invoking ${plan.functionArn} for ${plan.typeName}.${plan.fieldName} failed: ${String(error)}`);
      throw new ResolverError(failure?.errorMessage ?? (error as Error)?.message ?? String(error), 'Lambda:Unhandled');
    }
  };

  const resolve = (plan: ResolverPlan, source: unknown, args: Record<string, unknown>, ctx: RequestContext) => {
    switch (plan.kind) {
      case 'lambda':
        return invokeLambda(plan, source, args, ctx);
      case 'model':
        return models.run(plan, json(args));
      case 'js':
        try {
          return runJsPipeline(plan.code, plan.functions, ctx.authType, {
            arguments: json(args),
            identity: ctx.identity,
            source: source ?? null,
            request: { headers: ctx.headers, domainName: null },
            info: { fieldName: plan.fieldName, parentTypeName: plan.typeName, variables: {} },
          }).result;
        } catch (error) {
          if (error instanceof JsResolverError)
            throw new ResolverError(error.message, error.errorType ?? '', error.errorInfo ?? null);
          throw error;
        }
      case 'unsupported':
        throw new ResolverError(
          `The local AppSync cannot run this resolver: ${plan.reason}`,
          'LocalAppSync:UnsupportedResolver',
        );
    }
  };

  const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, ctx, info) => {
    const coordinate = `${info.parentType.name}.${info.fieldName}`;
    // An IAM caller reaches only the fields the schema marks `@aws_iam` (or types whose fields it may).
    const refusedToIam =
      ctx.authType === 'IAM Authorization' && !modesOf(info.parentType.name, info.fieldName).has('AWS_IAM');
    if (refusedToIam || ctx.answer.deniedFields.has(coordinate)) {
      throw new ResolverError(
        `Not Authorized to access ${info.fieldName} on type ${info.parentType.name}`,
        'Unauthorized',
      );
    }
    const plan = api.resolvers.get(coordinate);
    return plan ? resolve(plan, source, args, ctx) : defaultFieldResolver(source, args, ctx, info);
  };

  const send = (res: ServerResponse, status: number, body: unknown, requestId: string) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': requestId,
    });
    res.end(text);
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolveBody, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) reject(new RequestTooLarge());
        else chunks.push(c);
      });
      req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  let requests = 0;
  const handleGraphql = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    requests++;
    const token = req.headers.authorization;
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (!(error instanceof RequestTooLarge)) throw error;
      res.once('finish', () => req.destroy()); // the rest of the body is not read
      return send(
        res,
        413,
        malformedRequest(`The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`),
        requestId,
      );
    }
    if (!token) return send(res, 401, UNAUTHORIZED_BODY, requestId);
    if (!text.trim()) return send(res, 400, malformedRequest('Request body is empty.'), requestId);
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      return send(res, 400, malformedRequest('Unable to parse GraphQL query.'), requestId);
    }
    if (
      !body ||
      typeof body !== 'object' ||
      Array.isArray(body) ||
      typeof body.query !== 'string' ||
      !body.query.trim()
    ) {
      return send(res, 400, malformedRequest('Unable to parse GraphQL query.'), requestId);
    }
    const query = body.query;
    const variables =
      body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    const operationName = typeof body.operationName === 'string' && body.operationName ? body.operationName : undefined;

    let document: DocumentNode | undefined;
    let parseError: GraphQLError | undefined;
    const parseQuery = () => {
      try {
        document = parse(query);
      } catch (error) {
        parseError = error as GraphQLError;
      }
    };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;

    // A SigV4 signature is IAM authorization, checked against the local credentials.
    if (isSigV4(token)) {
      const check = iamEnabled
        ? verifySigV4(
            { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, body: text },
            options.iamCredentials ?? [],
            { region: api.region, now: options.now?.() },
          )
        : ({ ok: false, reason: 'the API does not accept IAM authorization' } as const);
      if (!check.ok) {
        log(`IAM request ${requestId} refused: ${check.reason}`);
        return send(res, 401, UNAUTHORIZED_BODY, requestId);
      }
      parseQuery();
      const identity = {
        accountId: api.accountId,
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: [req.socket.remoteAddress ?? ''],
        username: check.accessKeyId,
        userArn: `arn:aws:sts::${api.accountId}:assumed-role/local/${check.accessKeyId}`,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      };
      const answer: AuthorizerAnswer = { isAuthorized: true, resolverContext: {}, deniedFields: new Set() };
      return run({ requestId, answer, headers, authType: 'IAM Authorization', identity });
    }

    // AWS_LAMBDA authorization comes first: the authorizer sees the raw query.
    const outcome = await authorizer.authorize({ token, queryString: query, operationName, variables, requestId });
    parseQuery();
    const fields = document ? requestedFields(schema, document, operationName) : { all: new Set<string>(), roots: [] };
    authorizer.record({
      requestId,
      tokenHash: tokenHash(token),
      cached: outcome.cached,
      isAuthorized: outcome.ok,
      policyId: (outcome.answer?.resolverContext.policyId as string | undefined) ?? null,
      operation: fields.roots.join(', '),
      operationName: operationName ?? null,
      deniedRequested: outcome.answer ? [...fields.all].filter((f) => outcome.answer!.deniedFields.has(f)) : [],
      ms: outcome.ms,
      ...(outcome.ok ? {} : { reason: outcome.reason }),
    });
    if (!outcome.ok) return send(res, 401, UNAUTHORIZED_BODY, requestId);
    return run({
      requestId,
      answer: outcome.answer,
      headers,
      authType: 'Lambda Authorization',
      identity: { resolverContext: outcome.answer.resolverContext },
    });

    async function run(ctx: RequestContext) {
      if (!document) return send(res, 200, { data: null, errors: [syntaxError(parseError!)] }, requestId);
      const invalid = validationErrors(schema, document);
      if (invalid.length) return send(res, 200, { data: null, errors: invalid }, requestId);

      const result = await execute({
        schema,
        document,
        variableValues: variables,
        operationName,
        contextValue: ctx,
        fieldResolver,
      });
      if (!('data' in result) || result.data === undefined) {
        return send(res, 200, { data: null, errors: (result.errors ?? []).map(variableError) }, requestId);
      }
      const errors: AppSyncError[] = (result.errors ?? []).map((e) => executionError(e, schema));
      publishToSubscribers(document, operationName, result.data);
      return send(res, 200, errors.length ? { data: result.data ?? null, errors } : { data: result.data }, requestId);
    }
  };

  /** Each mutation field that succeeded goes to the subscriptions that `@aws_subscribe` to it. */
  const publishToSubscribers = (document: DocumentNode, operationName: string | undefined, data: unknown) => {
    const operation = getOperationAST(document, operationName);
    if (operation?.operation !== 'mutation' || !data) return;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== 'Field') continue;
      const payload = (data as Record<string, unknown>)[selection.alias?.value ?? selection.name.value];
      if (payload !== null && payload !== undefined) realtime.publish(selection.name.value, payload);
    }
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = newRequestId();
    const origin = req.headers.origin;
    if (origin && LOCAL_ORIGIN.test(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'x-amzn-requestid');
    }
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'OPTIONS') {
        if (origin && LOCAL_ORIGIN.test(origin)) {
          res.setHeader('access-control-allow-methods', 'POST, GET, OPTIONS');
          res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
          res.setHeader('access-control-max-age', '600');
        }
        res.writeHead(204);
        return res.end();
      }
      if (path === '/graphql' && req.method === 'POST') return await handleGraphql(req, res, requestId);
      return send(
        res,
        404,
        { errors: [{ errorType: 'NotFoundException', message: `No route for ${req.method} ${path}` }] },
        requestId,
      );
    } catch (error) {
      log(`request ${requestId} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent)
        send(
          res,
          500,
          { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }] },
          requestId,
        );
      else res.end();
    }
  };

  const host = options.host ?? HOST;
  const certificate = options.tls ?? (await (processCertificate ??= makeCertificate()));
  const server = await listenOnePort({
    port: options.port ?? PORTS.appsync,
    host,
    tls: certificate,
    handler: (req, res) => void handler(req, res),
    onUpgrade: (req, socket, head) => realtime.handleUpgrade(req, socket, head),
  });
  const port = server.port;
  const base = `${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `http://${base}/graphql`,
    realtimeUrl: `wss://${base}${REALTIME_PATH}`,
    certificate,
    port,
    api,
    decisions: () => authorizer.decisions(),
    authorizerInvocations: () => authorizer.stats().invocations,
    requests: () => requests,
    stats: () => authorizer.stats(),
    subscriptions: () => realtime.subscriptionCount(),
    flushAuthorizerCache: () => authorizer.flush(),
    stop: async () => {
      realtime.close();
      await server.close();
    },
  };
};
