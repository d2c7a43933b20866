import { createHash, randomUUID } from 'node:crypto';
import type { Invoker } from '../ports';
import type { ApiDefinition, AuthorizerConfig } from './definition';

/** What the Lambda authorizer answered, as AppSync keeps it. */
export interface AuthorizerAnswer {
  readonly isAuthorized: boolean;
  readonly resolverContext: Record<string, unknown>;
  /** `Type.field` coordinates this API must null out (ARNs of other APIs are dropped). */
  readonly deniedFields: ReadonlySet<string>;
  readonly ttlOverride?: number;
}

/** One authorization decision, for the local console and the benchmarks. Never holds the token. */
export interface AuthorizerDecision {
  readonly at: string;
  readonly requestId: string;
  /** First 16 hex digits of the token's SHA-256. */
  readonly tokenHash: string;
  /** Answered from the cache (the authorizer was not invoked). */
  readonly cached: boolean;
  readonly isAuthorized: boolean;
  /** `resolverContext.policyId`, when the authorizer sets one. */
  readonly policyId: string | null;
  /** The root fields the request asked for (`Query.products, Query.me`), and its operation name. */
  readonly operation: string;
  readonly operationName: string | null;
  /** The requested `Type.field`s the answer denies. */
  readonly deniedRequested: readonly string[];
  /** Why a request was refused without an answer (`authorizer-error`, `invalid-response`, ...). */
  readonly reason?: string;
  /** Milliseconds the authorizer took (0 when cached). */
  readonly ms: number;
}

export interface AuthorizerStats {
  /** Requests that carried a token to the authorizer step (cached or not). */
  readonly requests: number;
  readonly invocations: number;
  readonly cacheHits: number;
  readonly refusals: number;
}

export interface AuthorizationRequest {
  readonly token: string;
  readonly queryString: string;
  readonly operationName?: string;
  readonly variables: Record<string, unknown>;
  readonly requestId: string;
}

export type AuthorizationOutcome =
  | { ok: true; answer: AuthorizerAnswer; cached: boolean; ms: number }
  | { ok: false; reason: string; cached: boolean; ms: number; answer?: AuthorizerAnswer };

/** The most an authorizer answer may be cached for (AppSync's maximum). */
const MAX_TTL_SECONDS = 3600;
/** AppSync gives a Lambda authorizer 10 seconds. */
export const AUTHORIZER_TIMEOUT_MS = 10_000;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

/** `Type.field` of a `deniedFields` entry for this API, or undefined when it names another API. */
export const deniedCoordinate = (entry: string, api: Pick<ApiDefinition, 'apiId' | 'region' | 'accountId'>) => {
  const arn = /^arn:aws:appsync:([^:]*):([^:]*):apis\/([^/]+)\/types\/([^/]+)\/fields\/([^/]+)$/.exec(entry);
  if (arn) {
    const [, region, account, apiId, type, field] = arn;
    return region === api.region && account === api.accountId && apiId === api.apiId ? `${type}.${field}` : undefined;
  }
  return /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/.test(entry) ? entry : undefined;
};

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * AppSync's AWS_LAMBDA authorization: the token goes to the authorizer function; its answer is
 * cached per token string for `ttlOverride` seconds, or the API's `AuthorizerResultTtlInSeconds`
 * (0: not cached), and a cached answer is reused whatever the request asks for.
 */
export class LambdaAuthorizer {
  private readonly cache = new Map<string, { answer: AuthorizerAnswer; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<AuthorizationOutcome>>();
  private readonly log: AuthorizerDecision[] = [];
  private counters = { requests: 0, invocations: 0, cacheHits: 0, refusals: 0 };

  constructor(
    private readonly api: ApiDefinition,
    private readonly config: AuthorizerConfig,
    private readonly invoker: Invoker,
    private readonly options: { timeoutMs?: number; logSize?: number; now?: () => number } = {},
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  async authorize(request: AuthorizationRequest): Promise<AuthorizationOutcome> {
    this.counters.requests++;
    const { token } = request;
    if (
      this.config.identityValidationExpression &&
      !new RegExp(`^(?:${this.config.identityValidationExpression})$`).test(token)
    ) {
      return { ok: false, reason: 'identity-validation-expression', cached: false, ms: 0 };
    }
    for (;;) {
      const hit = this.cache.get(token);
      if (hit && hit.expiresAt > this.now()) {
        this.counters.cacheHits++;
        const { answer } = hit;
        return answer.isAuthorized
          ? { ok: true, answer, cached: true, ms: 0 }
          : { ok: false, reason: 'not-authorized', cached: true, ms: 0, answer };
      }
      if (hit) this.cache.delete(token);
      // A request that arrives while the same token is being authorized waits for that answer and
      // takes it from the cache if it was cacheable; otherwise it asks the authorizer itself.
      const pending = this.inFlight.get(token);
      if (!pending) break;
      await pending.catch(() => undefined);
      if (!this.cache.has(token)) break;
    }
    const call: Promise<AuthorizationOutcome> = this.invoke(request).finally(() => {
      if (this.inFlight.get(token) === call) this.inFlight.delete(token);
    });
    this.inFlight.set(token, call);
    return call;
  }

  private async invoke(request: AuthorizationRequest): Promise<AuthorizationOutcome> {
    this.counters.invocations++;
    const started = this.now();
    const event = {
      authorizationToken: request.token,
      requestContext: {
        apiId: this.api.apiId,
        accountId: this.api.accountId,
        requestId: request.requestId,
        queryString: request.queryString,
        ...(request.operationName ? { operationName: request.operationName } : {}),
        variables: request.variables,
      },
    };
    let raw: unknown;
    const timeoutMs = this.options.timeoutMs ?? AUTHORIZER_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      raw = await Promise.race([
        this.invoker.invoke(this.config.functionArn, event),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`authorizer timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch {
      return { ok: false, reason: 'authorizer-error', cached: false, ms: this.now() - started };
    } finally {
      clearTimeout(timer);
    }
    const ms = this.now() - started;
    const answer = this.parse(raw);
    if (!answer) return { ok: false, reason: 'invalid-response', cached: false, ms };
    const ttl = Math.min(answer.ttlOverride ?? this.config.ttlSeconds, MAX_TTL_SECONDS);
    if (ttl > 0) this.cache.set(request.token, { answer, expiresAt: this.now() + ttl * 1000 });
    return answer.isAuthorized
      ? { ok: true, answer, cached: false, ms }
      : { ok: false, reason: 'not-authorized', cached: false, ms, answer };
  }

  private parse(raw: unknown): AuthorizerAnswer | undefined {
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw);
      } catch {
        return undefined;
      }
    }
    if (!isRecord(raw) || typeof raw.isAuthorized !== 'boolean') return undefined;
    if (raw.resolverContext !== undefined && raw.resolverContext !== null && !isRecord(raw.resolverContext))
      return undefined;
    if (raw.deniedFields !== undefined && raw.deniedFields !== null && !Array.isArray(raw.deniedFields))
      return undefined;
    if (
      raw.ttlOverride !== undefined &&
      raw.ttlOverride !== null &&
      (typeof raw.ttlOverride !== 'number' || raw.ttlOverride < 0)
    ) {
      return undefined;
    }
    const denied = new Set<string>();
    for (const entry of (raw.deniedFields as unknown[] | undefined) ?? []) {
      const coordinate = typeof entry === 'string' ? deniedCoordinate(entry, this.api) : undefined;
      if (coordinate) denied.add(coordinate);
    }
    return {
      isAuthorized: raw.isAuthorized,
      resolverContext: (raw.resolverContext as Record<string, unknown> | undefined) ?? {},
      deniedFields: denied,
      ...(typeof raw.ttlOverride === 'number' ? { ttlOverride: Math.floor(raw.ttlOverride) } : {}),
    };
  }

  /** Records a decision in the bounded log. */
  record(decision: Omit<AuthorizerDecision, 'at'>): void {
    if (!decision.isAuthorized) this.counters.refusals++;
    this.log.push({ at: new Date(this.now()).toISOString(), ...decision });
    const max = this.options.logSize ?? 1000;
    if (this.log.length > max) this.log.splice(0, this.log.length - max);
  }

  decisions(): AuthorizerDecision[] {
    return [...this.log];
  }

  stats(): AuthorizerStats {
    return { ...this.counters };
  }

  /** Forgets every cached answer (as a redeploy of the API would). */
  flush(): void {
    this.cache.clear();
  }
}

export const newRequestId = () => randomUUID();
