import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  defaultFieldResolver,
  execute,
  getOperationAST,
  parse,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { WebSocketServer, type WebSocket } from 'ws';
import { newRequestId, tokenHash, type LambdaAuthorizer } from './authorizer';
import type { ResolverPlan } from './definition';
import { validationErrors } from './errors';
import { JsResolverError, runJsPipeline } from './js-runtime';
import { matchesArguments, matchesFilter, type SubscriptionFilter } from './subscription-filter';

/**
 * AppSync's realtime protocol for GraphQL subscriptions (not graphql-ws's, whose subprotocol name
 * it shares), at `/graphql/realtime`: the connection's authorization comes in the `header` query
 * parameter or a `header-<base64url>` subprotocol; `connection_init` is answered `connection_ack`
 * with `connectionTimeoutMs`, then `ka` at intervals; each `start` is authorized (the Lambda
 * authorizer and its cache, `deniedFields`), its resolver run (enhanced filters), and answered
 * `start_ack` or `error`; `stop` is answered `complete`. A published mutation result is sent as
 * `data` to every subscription of a field that `@aws_subscribe`s to it and whose filter it passes.
 */

export const REALTIME_PATH = '/graphql/realtime';
/** What AppSync tells clients: the connection is dropped after 5 minutes without a `ka`. */
const CONNECTION_TIMEOUT_MS = 300_000;
const PROTOCOL = 'graphql-ws';

interface ErrorEntry {
  errorType: string;
  message: string;
  errorCode?: number;
}

interface Subscription {
  id: string;
  connection: Connection;
  field: string;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
  args: Record<string, unknown>;
  filter?: SubscriptionFilter;
}

interface Connection {
  socket: WebSocket;
  token?: string;
  keepAlive?: NodeJS.Timeout;
  subscriptions: Map<string, Subscription>;
}

export interface RealtimeOptions {
  schema: GraphQLSchema;
  authorizer: LambdaAuthorizer;
  /** `Subscription.field` → its resolver, if any. */
  plans: ReadonlyMap<string, ResolverPlan>;
  /** How often `ka` is sent (AppSync: about a minute). */
  keepAliveMs?: number;
  log: (message: string) => void;
}

const UNAUTHORIZED: ErrorEntry = {
  errorType: 'UnauthorizedException',
  message: 'You are not authorized to make this call.',
};

const decodeHeader = (encoded: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

/** The connection's authorization: the `header` query parameter, else a `header-…` subprotocol. */
const connectionHeader = (req: IncomingMessage) => {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('header');
  if (query) return decodeHeader(query);
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const header = protocols.find((p) => p.startsWith('header-'));
  return header ? decodeHeader(header.slice('header-'.length)) : undefined;
};

const stringOf = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export class RealtimeHub {
  private readonly server = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  private readonly connections = new Set<Connection>();
  /** Subscription field → the mutation fields it listens to. */
  private readonly sources = new Map<string, string[]>();

  constructor(private readonly options: RealtimeOptions) {
    const type = options.schema.getSubscriptionType();
    for (const field of Object.values(type?.getFields() ?? {})) {
      const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
      const list = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
      const names =
        list?.kind === 'ListValue' ? list.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : [])) : [];
      this.sources.set(field.name, names);
    }
  }

  /** Takes over an HTTP upgrade at {@link REALTIME_PATH}; anything else is refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== REALTIME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /** Subscriptions now open. */
  subscriptionCount(): number {
    let n = 0;
    for (const c of this.connections) n += c.subscriptions.size;
    return n;
  }

  /** Sends a mutation's result to every matching subscription; how many received it. */
  publish(mutationField: string, payload: unknown): number {
    let delivered = 0;
    for (const connection of this.connections) {
      for (const sub of connection.subscriptions.values()) {
        if (!this.sources.get(sub.field)?.includes(mutationField)) continue;
        const passes = sub.filter ? matchesFilter(sub.filter, payload) : matchesArguments(sub.args, payload);
        if (!passes) continue;
        const result = execute({
          schema: this.options.schema,
          document: sub.document,
          operationName: sub.operationName,
          variableValues: sub.variables,
          rootValue: {},
          fieldResolver: (source, args, ctx, info) =>
            info.parentType === this.options.schema.getSubscriptionType()
              ? payload
              : defaultFieldResolver(source, args, ctx, info),
        }) as { data?: unknown; errors?: readonly GraphQLError[] };
        this.send(connection, {
          type: 'data',
          id: sub.id,
          payload: {
            data: result.data ?? null,
            ...(result.errors?.length ? { errors: result.errors.map((e) => ({ message: e.message })) } : {}),
          },
        });
        delivered++;
      }
    }
    return delivered;
  }

  close(): void {
    for (const c of this.connections) c.socket.terminate();
    this.server.close();
  }

  private accept(socket: WebSocket, req: IncomingMessage) {
    const header = connectionHeader(req);
    const connection: Connection = { socket, token: stringOf(header?.Authorization), subscriptions: new Map() };
    this.connections.add(connection);
    socket.on('close', () => {
      clearInterval(connection.keepAlive);
      this.connections.delete(connection);
    });
    socket.on('message', (raw) => {
      let message: { type?: unknown; id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(raw));
      } catch {
        return this.send(connection, {
          type: 'error',
          payload: { errors: [{ errorType: 'BadRequestException', message: 'The message is not JSON.' }] },
        });
      }
      void this.onMessage(connection, message).catch((error) => {
        this.options.log(`realtime message failed: ${(error as Error)?.stack ?? String(error)}`);
        this.send(connection, {
          type: 'error',
          ...(typeof message.id === 'string' ? { id: message.id } : {}),
          payload: { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }] },
        });
      });
    });
  }

  private async onMessage(connection: Connection, message: { type?: unknown; id?: unknown; payload?: unknown }) {
    const id = typeof message.id === 'string' ? message.id : undefined;
    switch (message.type) {
      case 'connection_init':
        return this.init(connection);
      case 'start':
        return id
          ? this.start(connection, id, message.payload)
          : this.fail(connection, undefined, [
              { errorType: 'BadRequestException', message: 'A start message needs an id.' },
            ]);
      case 'stop':
        if (id) connection.subscriptions.delete(id);
        return this.send(connection, { type: 'complete', id });
      default:
        return this.fail(connection, id, [
          {
            errorType: 'UnsupportedOperation',
            message: `${String(message.type)} not supported through the realtime channel`,
          },
        ]);
    }
  }

  private async init(connection: Connection) {
    const outcome = connection.token
      ? await this.options.authorizer.authorize({
          token: connection.token,
          queryString: '',
          variables: {},
          requestId: newRequestId(),
        })
      : undefined;
    if (!outcome?.ok) {
      this.send(connection, { type: 'connection_error', payload: { errors: [{ ...UNAUTHORIZED, errorCode: 401 }] } });
      connection.socket.close(1000);
      return;
    }
    this.send(connection, { type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
    this.send(connection, { type: 'ka' });
    connection.keepAlive = setInterval(() => this.send(connection, { type: 'ka' }), this.options.keepAliveMs ?? 60_000);
    connection.keepAlive.unref();
  }

  private async start(connection: Connection, id: string, payload: unknown) {
    const { data, extensions } = (payload ?? {}) as {
      data?: unknown;
      extensions?: { authorization?: Record<string, unknown> };
    };
    const token = stringOf(extensions?.authorization?.Authorization);
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      request = typeof data === 'string' ? JSON.parse(data) : {};
    } catch {
      request = {};
    }
    const query = typeof request.query === 'string' ? request.query : '';
    const variables =
      request.variables && typeof request.variables === 'object' ? (request.variables as Record<string, unknown>) : {};
    const operationName = stringOf(request.operationName);
    if (!token) return this.fail(connection, id, [UNAUTHORIZED]);
    const requestId = newRequestId();
    const outcome = await this.options.authorizer.authorize({
      token,
      queryString: query,
      operationName,
      variables,
      requestId,
    });

    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return this.fail(connection, id, [{ errorType: 'InvalidSyntax', message: (error as GraphQLError).message }]);
    }
    const operation = getOperationAST(document, operationName);
    const root = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === 'Field');
    const field = root?.name.value ?? '';
    this.options.authorizer.record({
      requestId,
      tokenHash: tokenHash(token),
      cached: outcome.cached,
      isAuthorized: outcome.ok,
      policyId: (outcome.answer?.resolverContext.policyId as string | undefined) ?? null,
      operation: field ? `Subscription.${field}` : '',
      operationName: operationName ?? null,
      deniedRequested: outcome.answer?.deniedFields.has(`Subscription.${field}`) ? [`Subscription.${field}`] : [],
      ms: outcome.ms,
      ...(outcome.ok ? {} : { reason: outcome.reason }),
    });
    if (!outcome.ok) return this.fail(connection, id, [UNAUTHORIZED]);

    const invalid = validationErrors(this.options.schema, document);
    if (invalid.length)
      return this.fail(
        connection,
        id,
        invalid.map((e) => ({ errorType: e.errorType ?? 'ValidationError', message: e.message })),
      );
    const subscriptionType = this.options.schema.getSubscriptionType();
    if (operation?.operation !== 'subscription' || !root || !subscriptionType)
      return this.fail(connection, id, [
        {
          errorType: 'UnsupportedOperation',
          message: 'Only subscriptions are supported through the realtime channel.',
        },
      ]);
    if (outcome.answer.deniedFields.has(`Subscription.${field}`))
      return this.fail(connection, id, [
        { errorType: 'Unauthorized', message: `Not Authorized to access ${field} on type Subscription` },
      ]);

    const coerced = getVariableValues(this.options.schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors)
      return this.fail(
        connection,
        id,
        coerced.errors.map((e) => ({ errorType: 'ValidationError', message: e.message })),
      );
    const args = getArgumentValues(subscriptionType.getFields()[field], root, coerced.coerced);

    let filter: SubscriptionFilter | undefined;
    const plan = this.options.plans.get(`Subscription.${field}`);
    if (plan?.kind === 'js') {
      try {
        filter = runJsPipeline(plan.code, plan.functions, 'Lambda Authorization', {
          arguments: JSON.parse(JSON.stringify(args)),
          identity: { resolverContext: outcome.answer.resolverContext },
          source: null,
          request: { headers: {}, domainName: null },
          info: { fieldName: field, parentTypeName: 'Subscription', variables },
        }).subscriptionFilter;
      } catch (error) {
        if (error instanceof JsResolverError)
          return this.fail(connection, id, [{ errorType: error.errorType ?? 'Error', message: error.message }]);
        throw error;
      }
    } else if (plan) {
      return this.fail(connection, id, [
        {
          errorType: 'LocalAppSync:UnsupportedResolver',
          message: `The local AppSync cannot run the ${plan.kind} resolver of Subscription.${field}.`,
        },
      ]);
    }
    connection.subscriptions.set(id, {
      id,
      connection,
      field,
      document,
      operationName,
      variables: coerced.coerced,
      args,
      ...(filter ? { filter } : {}),
    });
    this.send(connection, { type: 'start_ack', id });
  }

  private fail(connection: Connection, id: string | undefined, errors: ErrorEntry[]) {
    this.send(connection, { type: 'error', ...(id ? { id } : {}), payload: { errors } });
  }

  private send(connection: Connection, message: Record<string, unknown>) {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(message));
  }
}
