import { randomUUID } from 'node:crypto';
import { Script, createContext } from 'node:vm';
import { transformSync } from 'esbuild';
import { toSubscriptionFilter, type SubscriptionFilter } from './subscription-filter';

/**
 * The part of AppSync's APPSYNC_JS runtime the project's resolvers use: `request`/`response`
 * handlers of a pipeline resolver and its functions, on NONE data sources, with `util.error`,
 * `util.unauthorized`, `util.authType`, `util.autoId`, `util.time` basics,
 * `util.transform.toSubscriptionFilter` and `extensions.setSubscriptionFilter`. Anything else a
 * resolver reaches for fails with an error naming it, rather than behaving differently from AppSync.
 */

/** How the request was authorized, in `util.authType()`'s words. */
export type AuthType = 'Lambda Authorization' | 'IAM Authorization';

/** An error a resolver raised (`util.error`, `util.unauthorized`), in AppSync's terms. */
export class JsResolverError extends Error {
  constructor(
    message: string,
    readonly errorType?: string,
    readonly data?: unknown,
    readonly errorInfo?: unknown,
  ) {
    super(message);
    this.name = 'JsResolverError';
  }
}

/** What a resolver sees as `ctx`, less what the runtime fills in. */
export interface JsContext {
  arguments: Record<string, unknown>;
  identity: Record<string, unknown> | null;
  source: unknown;
  request: { headers: Record<string, string>; domainName: null };
  info: { fieldName: string; parentTypeName: string; variables: Record<string, unknown> };
}

export interface JsOutcome {
  result: unknown;
  /** What `extensions.setSubscriptionFilter` was given, if anything. */
  subscriptionFilter?: SubscriptionFilter;
}

interface Handlers {
  request?: (ctx: unknown) => unknown;
  response?: (ctx: unknown) => unknown;
}

/** One APPSYNC_JS code unit: compiled once, evaluated afresh (with its own utilities) per run. */
export class JsCode {
  private readonly script: Script;

  constructor(
    readonly name: string,
    source: string,
  ) {
    let code: string;
    try {
      code = transformSync(source, { format: 'cjs', loader: 'js', target: 'es2022' }).code;
    } catch (error) {
      throw new Error(`the APPSYNC_JS code of ${name} does not parse: ${(error as Error).message}`);
    }
    this.script = new Script(code, { filename: `${name}.js` });
  }

  /** The module's handlers, with `@aws-appsync/utils` bound to this run's utilities. */
  load(utils: Record<string, unknown>): Handlers {
    const module = { exports: {} as Handlers };
    const require = (id: string) => {
      if (id === '@aws-appsync/utils') return utils;
      throw new Error(
        `${this.name} imports ${id}: the local AppSync runs APPSYNC_JS code that imports @aws-appsync/utils only`,
      );
    };
    this.script.runInContext(createContext({ module, exports: module.exports, require, console }));
    return module.exports;
  }
}

/** Refuses the utilities this runtime does not have, naming them. */
const strict = <T extends object>(path: string, target: T): T =>
  new Proxy(target, {
    get(object, key) {
      if (typeof key === 'symbol' || key in object) return Reflect.get(object, key);
      throw new Error(`${path}.${key} is not supported by the local AppSync's APPSYNC_JS runtime`);
    },
  });

const utilities = (authType: AuthType, ctx: JsContext, outcome: { filter?: SubscriptionFilter }) => {
  const util = strict('util', {
    error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
      throw new JsResolverError(message, errorType, data, errorInfo);
    },
    unauthorized(): never {
      throw new JsResolverError(
        `Not Authorized to access ${ctx.info.fieldName} on type ${ctx.info.parentTypeName}`,
        'Unauthorized',
      );
    },
    authType: () => authType,
    autoId: () => randomUUID(),
    time: strict('util.time', {
      nowISO8601: () => new Date().toISOString(),
      nowEpochSeconds: () => Math.floor(Date.now() / 1000),
      nowEpochMilliSeconds: () => Date.now(),
    }),
    transform: strict('util.transform', { toSubscriptionFilter }),
  });
  const extensions = strict('extensions', {
    setSubscriptionFilter(filter: SubscriptionFilter) {
      if (!filter || !Array.isArray(filter.filterGroup))
        throw new Error('setSubscriptionFilter takes what util.transform.toSubscriptionFilter returns');
      outcome.filter = filter;
    },
  });
  return strict('@aws-appsync/utils', { util, extensions });
};

/** A pipeline function: its code and its data source's type. */
export interface JsFunction {
  readonly code: JsCode;
  readonly dataSourceType: string;
}

/**
 * Runs a JS pipeline resolver as AppSync does: the resolver's `request`, each function's `request`,
 * its data source (NONE: the request's `payload` is the result) and `response`, then the
 * resolver's `response`, one `ctx` (with its `stash` and `prev.result`) throughout.
 */
export const runJsPipeline = (
  resolver: JsCode,
  functions: readonly JsFunction[],
  authType: AuthType,
  input: JsContext,
): JsOutcome => {
  const outcome: { filter?: SubscriptionFilter } = {};
  const utils = utilities(authType, input, outcome);
  const ctx: Record<string, unknown> = {
    ...input,
    args: input.arguments,
    stash: {},
    prev: { result: undefined },
    result: undefined,
    error: undefined,
  };
  const pipeline = resolver.load(utils);
  ctx.prev = { result: pipeline.request ? pipeline.request(ctx) : {} };
  for (const fn of functions) {
    const handlers = fn.code.load(utils);
    if (fn.dataSourceType !== 'NONE')
      throw new Error(`${fn.code.name} uses a ${fn.dataSourceType} data source; the local JS runtime runs NONE only`);
    const request = handlers.request ? handlers.request(ctx) : {};
    ctx.result = (request as { payload?: unknown } | undefined)?.payload ?? null;
    ctx.prev = { result: handlers.response ? handlers.response(ctx) : ctx.result };
  }
  const result = pipeline.response ? pipeline.response(ctx) : (ctx.prev as { result: unknown }).result;
  return {
    result: result === undefined ? null : result,
    ...(outcome.filter ? { subscriptionFilter: outcome.filter } : {}),
  };
};
