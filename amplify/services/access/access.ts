/**
 * The access domain: who the caller is, which policy applies, what AppSync is told, and when the
 * caller is sent a notice. Plain TypeScript: no AWS SDK, no environment. The handler
 * (`authorizer.ts`) wires the real adapters in; tests pass fakes.
 */
import type { AccessPolicy } from './policies';
import { requestedOperations } from './requested-operations';

export type { AccessPolicy } from './policies';

/**
 * The token a guest sends. It is not a secret and proves nothing: it only selects the `guest`
 * policy, which is what an anonymous caller would get anyway. Every guest shares AppSync's one
 * cached answer for it, which is right because that answer is the same for every guest.
 */
export const GUEST_TOKEN = 'guest';
export const GUEST_USER_ID = 'guest';
export const GUEST_POLICY_ID = 'guest';

/**
 * Seconds a policy read from the table is reused by one container. AppSync already keeps each
 * token's answer for up to its cache TTL (300 s here), so a policy change needs that long to reach
 * every caller anyway; 30 s more bounds the extra staleness while sparing a DynamoDB read on most
 * cache misses (a new token, a guest's expired answer). Misses and errors are not cached, so a
 * newly seeded policy is used at once.
 */
export const POLICY_CACHE_SECONDS = 30;

/** AppSync's upper bound for `ttlOverride`. */
export const APPSYNC_MAX_TTL_SECONDS = 3600;

/** The claims of a verified Cognito ID token that access reads. */
export interface IdClaims {
  sub: string;
  email?: string;
  'cognito:groups'?: string[];
  /** Added by the pre-token-generation trigger; trusted only because the token is verified. */
  'custom:policy'?: string;
  /** Epoch seconds. Absent only for the guest, whose answer does not expire with a token. */
  exp?: number;
}

/** What resolvers read as `identity.resolverContext`. AppSync accepts string values only. */
export interface ResolverContext {
  userId: string;
  email: string;
  /** Comma-joined `cognito:groups`. */
  groups: string;
  policyId: string;
  policyVersion: string;
  [key: string]: string;
}

/** The authorizer's answer, in the shape AppSync expects (`AppSyncAuthorizerResult`). */
export type Answer =
  | { isAuthorized: false; ttlOverride?: 0 }
  | { isAuthorized: true; resolverContext: ResolverContext; deniedFields: string[]; ttlOverride?: number };

/** What the handler takes out of the AppSync event. */
export interface AuthorizationRequest {
  token: string | undefined;
  queryString?: string;
  operationName?: string;
}

/** Reads policies. Resolves `undefined` when the table has no such policy. */
export interface PolicyStore {
  get(id: string): Promise<AccessPolicy | undefined>;
}

/** One (user, operation) notice slot; `expiresAt` is epoch seconds. */
export interface NoticeSlot {
  key: string;
  userId: string;
  operation: string;
  expiresAt: number;
}

/** Records that a notice is being sent. Resolves false when one was sent within the window. */
export interface NoticeLedger {
  claim(slot: NoticeSlot, nowSeconds: number): Promise<boolean>;
}

export interface AccessNotice {
  userId: string;
  operation: string;
  subject: string;
  message: string;
}

export interface NoticeSender {
  send(notice: AccessNotice): Promise<void>;
}

/** The subset of Powertools' Logger the domain uses. */
export interface Log {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface AuthorizerDeps {
  /**
   * Resolves the claims of a valid ID token and rejects anything else. The rejection's `reason`
   * (else its name) is logged; `serviceFault: true` marks a check that could not be made.
   */
  verifyToken(token: string): Promise<IdClaims>;
  policies: PolicyStore;
  notices: { ledger: NoticeLedger; sender: NoticeSender; windowSeconds: number };
  /** `Type.field` of every Query, Mutation and Subscription field of the API. */
  operations: readonly string[];
  /** The API's authorizer cache TTL when known; `ttlOverride` never exceeds it. */
  maxTtlSeconds?: number;
  log: Log;
  /** Epoch milliseconds. */
  now?: () => number;
}

/**
 * The policy id a verified token names: its `custom:policy` claim, else the strongest of its
 * groups. A token with neither (a user the post-confirmation trigger never put in a group, such
 * as one created by an administrator) has no policy and is refused rather than guessed at.
 */
export const policyIdOf = (claims: IdClaims): string | undefined => {
  const named = claims['custom:policy'];
  if (named) return named;
  const groups = claims['cognito:groups'] ?? [];
  if (groups.includes('admins')) return 'admins';
  if (groups.includes('customers')) return 'customers';
  return undefined;
};

/**
 * The full answer for a caller holding `policy`: every operation the policy lacks is denied, so
 * the one answer AppSync caches for the token is right for every operation. `ttlOverride` keeps
 * AppSync from caching an answer past the token's expiry (nor past `maxTtlSeconds`); a caller
 * without `exp` (the guest) gets the API's configured TTL.
 */
export const buildAnswer = (
  claims: IdClaims,
  policy: AccessPolicy,
  operations: readonly string[],
  nowSeconds: number,
  { maxTtlSeconds = APPSYNC_MAX_TTL_SECONDS }: { maxTtlSeconds?: number } = {},
): Answer & { isAuthorized: true } => {
  const allowed = new Set(policy.allowedOperations);
  const answer: Answer & { isAuthorized: true } = {
    isAuthorized: true,
    resolverContext: {
      userId: claims.sub,
      email: claims.email ?? '',
      groups: (claims['cognito:groups'] ?? []).join(','),
      policyId: policy.id,
      policyVersion: String(policy.version),
    },
    deniedFields: operations.filter((operation) => !allowed.has(operation)),
  };
  if (claims.exp !== undefined) {
    const remaining = Math.floor(claims.exp - nowSeconds);
    answer.ttlOverride = Math.max(0, Math.min(remaining, maxTtlSeconds));
  }
  return answer;
};

/** Reuses each policy found for `ttlSeconds`; see {@link POLICY_CACHE_SECONDS}. */
export const cachePolicies = (
  store: PolicyStore,
  { ttlSeconds = POLICY_CACHE_SECONDS, now = Date.now }: { ttlSeconds?: number; now?: () => number } = {},
): PolicyStore => {
  const cache = new Map<string, { policy: AccessPolicy; until: number }>();
  return {
    async get(id) {
      const hit = cache.get(id);
      if (hit && hit.until > now()) return hit.policy;
      const policy = await store.get(id);
      if (policy) cache.set(id, { policy, until: now() + ttlSeconds * 1000 });
      else cache.delete(id);
      return policy;
    },
  };
};

const REFUSED = { isAuthorized: false } as const;
/**
 * A refusal for our own fault (the policy table or the token keys unreachable, a bug): not cached,
 * or AppSync would keep refusing that token for the whole cache TTL after a blip of seconds (the soak
 * saw a third of its shoppers locked out for 5 minutes after DynamoDB's 2-second restart).
 */
const REFUSED_UNCACHED = { isAuthorized: false, ttlOverride: 0 } as const;
const GUEST_CLAIMS: IdClaims = { sub: GUEST_USER_ID };

const duration = (seconds: number) =>
  seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}` : `${seconds} seconds`;

/** An error as log fields: its `reason` when it has one (see TokenRefusedError), else its name. */
const errorText = (error: unknown) =>
  error instanceof Error
    ? {
        reason: 'reason' in error && typeof error.reason === 'string' ? error.reason : error.name,
        detail: error.message,
      }
    : { reason: String(error) };

/**
 * The authorizer. It never rejects: anything that cannot be verified or has no policy is answered
 * `{ isAuthorized: false }` and logged with the reason (never with the token).
 */
export const createAuthorizer = (deps: AuthorizerDeps) => {
  const { log, operations } = deps;
  const now = deps.now ?? Date.now;

  const notify = async (claims: IdClaims, policy: AccessPolicy, operation: string, nowSeconds: number) => {
    const { windowSeconds } = deps.notices;
    const slot = {
      key: `${claims.sub}#${operation}`,
      userId: claims.sub,
      operation,
      expiresAt: nowSeconds + windowSeconds,
    };
    if (!(await deps.notices.ledger.claim(slot, nowSeconds))) {
      log.debug('notice already sent in this window', { userId: claims.sub, operation });
      return;
    }
    await deps.notices.sender.send({
      userId: claims.sub,
      operation,
      subject: 'cloudshop: access refused',
      message:
        `Your cloudshop account tried to use ${operation}, which its access policy ` +
        `"${policy.id}" (version ${policy.version}) does not allow, so the request was refused. ` +
        `If you need it, ask the store's administrators. ` +
        `You get at most one such notice per operation every ${duration(windowSeconds)}.`,
    });
    log.info('notice sent', { userId: claims.sub, operation });
  };

  /** One notice per requested, denied operation; failures are logged and never refuse the caller. */
  const sendNotices = async (
    request: AuthorizationRequest,
    claims: IdClaims,
    policy: AccessPolicy,
    denied: string[],
    nowSeconds: number,
  ) => {
    if (!request.queryString || denied.length === 0) return;
    const deniedSet = new Set(denied);
    const refused = requestedOperations(request.queryString, request.operationName).filter((op) => deniedSet.has(op));
    const results = await Promise.allSettled(refused.map((operation) => notify(claims, policy, operation, nowSeconds)));
    results.forEach((result, i) => {
      if (result.status === 'rejected')
        log.error('notice failed', { userId: claims.sub, operation: refused[i], ...errorText(result.reason) });
    });
  };

  /**
   * Every refusal is logged as `refused` with a `reason` code, so one metric filter counts them all.
   * `error` is a refusal for our own fault, which is answered uncached: the next request tries again.
   */
  const refuse = (level: 'warn' | 'error', reason: string, extra: Record<string, unknown> = {}) => {
    log[level]('refused', { reason, ...extra });
    return level === 'error' ? REFUSED_UNCACHED : REFUSED;
  };

  const authorize = async (request: AuthorizationRequest): Promise<Answer> => {
    const token = (request.token ?? '').trim().replace(/^Bearer(\s+|$)/i, '');
    if (!token) return refuse('warn', 'no-token');
    const isGuest = token === GUEST_TOKEN;
    let claims: IdClaims;
    try {
      claims = isGuest ? GUEST_CLAIMS : await deps.verifyToken(token);
    } catch (error) {
      const { reason, ...detail } = errorText(error);
      const serviceFault = (error as { serviceFault?: unknown } | undefined)?.serviceFault === true;
      return refuse(serviceFault ? 'error' : 'warn', reason, detail);
    }
    const policyId = isGuest ? GUEST_POLICY_ID : policyIdOf(claims);
    if (!policyId) return refuse('warn', 'no-policy-claim', { userId: claims.sub });
    let policy: AccessPolicy | undefined;
    try {
      policy = await deps.policies.get(policyId);
    } catch (error) {
      const { reason, ...detail } = errorText(error);
      return refuse('error', 'policy-unreadable', { userId: claims.sub, policyId, error: reason, ...detail });
    }
    if (!policy) return refuse('warn', 'unknown-policy', { userId: claims.sub, policyId });

    const nowSeconds = now() / 1000;
    const answer = buildAnswer(claims, policy, operations, nowSeconds, { maxTtlSeconds: deps.maxTtlSeconds });
    log.info('authorized', {
      userId: claims.sub,
      policyId,
      policyVersion: policy.version,
      ttlOverride: answer.ttlOverride,
    });
    if (!isGuest) await sendNotices(request, claims, policy, answer.deniedFields, Math.floor(nowSeconds));
    return answer;
  };

  return async (request: AuthorizationRequest): Promise<Answer> => {
    try {
      return await authorize(request);
    } catch (error) {
      const { reason, ...detail } = errorText(error);
      return refuse('error', 'unexpected', { error: reason, ...detail });
    }
  };
};
