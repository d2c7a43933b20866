/**
 * The authorizer's settings, read once from the environment that `amplify/backend.ts` sets (and
 * the local cloud sets to local values). A missing or malformed setting fails the cold start
 * loudly instead of authorizing with half a configuration.
 */
export interface AccessConfig {
  token: { issuer: string; audience: string; jwksUri: string };
  policiesTable: string;
  noticesTable: string;
  noticeTopicArn: string;
  noticeWindowSeconds: number;
  operations: string[];
  /** The API's authorizer cache TTL, if the deployment passes it; caps `ttlOverride`. */
  maxTtlSeconds?: number;
}

const REQUIRED = [
  'TOKEN_ISSUER',
  'TOKEN_JWKS_URI',
  'USER_POOL_CLIENT_ID',
  'ACCESS_POLICIES_TABLE',
  'ACCESS_NOTICES_TABLE',
  'ACCESS_NOTICE_TOPIC_ARN',
  'ACCESS_NOTICE_WINDOW_SECONDS',
  'API_OPERATIONS',
] as const;

const positiveInteger = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
};

export const configFromEnv = (env: Record<string, string | undefined>): AccessConfig => {
  const missing = REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length) throw new Error(`access authorizer: missing environment ${missing.join(', ')}`);
  const get = (name: (typeof REQUIRED)[number]) => env[name]!.trim();
  const ttl = env.AUTHORIZER_CACHE_TTL_SECONDS?.trim();
  return {
    token: { issuer: get('TOKEN_ISSUER'), audience: get('USER_POOL_CLIENT_ID'), jwksUri: get('TOKEN_JWKS_URI') },
    policiesTable: get('ACCESS_POLICIES_TABLE'),
    noticesTable: get('ACCESS_NOTICES_TABLE'),
    noticeTopicArn: get('ACCESS_NOTICE_TOPIC_ARN'),
    noticeWindowSeconds: positiveInteger('ACCESS_NOTICE_WINDOW_SECONDS', get('ACCESS_NOTICE_WINDOW_SECONDS')),
    operations: get('API_OPERATIONS')
      .split(',')
      .map((operation) => operation.trim())
      .filter(Boolean),
    maxTtlSeconds: ttl ? positiveInteger('AUTHORIZER_CACHE_TTL_SECONDS', ttl) : undefined,
  };
};
