/**
 * The tokens the local user pools issue, shaped like Cognito's and signed with the local cloud's
 * own key (see keys.ts). It replaces cognito-local's `JwtTokenGenerator` (which signs with the key
 * shipped in its npm package) behind the same `TokenGenerator` interface, and runs the pre token
 * generation trigger as Cognito does:
 *
 * - the event carries the user's groups in `request.groupConfiguration` (groups, their roles and
 *   the preferred role), `TokenGeneration_Authentication` or `TokenGeneration_RefreshTokens`, ...;
 * - V1 (`LambdaConfig.PreTokenGeneration`): `claimsOverrideDetails` adds, overrides or suppresses
 *   ID token claims and may override the groups; V2/V3 (`PreTokenGenerationConfig`):
 *   `claimsAndScopeOverrideDetails` does so for the ID and the access token, and scopes.
 *
 * Refresh tokens are opaque to clients, as Cognito's are. They carry (base64url JSON, then a
 * random part) the client, the expiry, the original `auth_time` and the `origin_jti`, which tokens
 * issued from them keep. cognito-local stores each on the user and looks it up on refresh.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { Clock } from 'cognito-local/lib/services/clock.js';
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { TokenGenerator, Tokens } from 'cognito-local/lib/services/tokenGenerator.js';
import { attributesToRecord, type Group, type User } from 'cognito-local/lib/services/userPoolService.js';
import { signJwt, type SigningKey } from './keys';
import type { TriggerLambdas } from './triggers';

type Source = Parameters<TokenGenerator['generate']>[5];

/** What a refresh token carries. */
export interface RefreshTokenClaims {
  /** The client it was issued to. */
  client_id: string;
  /** Seconds since the epoch after which it is refused. */
  exp: number;
  /** When the user signed in: tokens issued on refresh keep it. */
  auth_time: number;
  /** The id of the sign-in session: tokens issued on refresh keep it, RevokeToken ends it. */
  origin_jti: string;
}

export const decodeRefreshToken = (token: string): RefreshTokenClaims | undefined => {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as RefreshTokenClaims;
    return typeof claims.exp === 'number' && typeof claims.client_id === 'string' ? claims : undefined;
  } catch {
    return undefined;
  }
};

const encodeRefreshToken = (claims: RefreshTokenClaims) =>
  `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${randomBytes(48).toString('base64url')}`;

/** The context of a request that refreshes tokens: set by the router, read here. */
export interface RefreshContext extends Context {
  refreshToken?: RefreshTokenClaims;
}

const SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const lifetime = (value: number | undefined, unit: string | undefined, fallbackSeconds: number) =>
  value === undefined ? fallbackSeconds : value * (SECONDS[unit ?? 'hours'] ?? 3600);

/** Claims a trigger cannot add, override or suppress (Cognito ignores them). */
const RESERVED = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'client_id',
  'cognito:username',
  'event_id',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'scope',
  'sub',
  'token_use',
  'username',
  'cognito:groups',
  'cognito:roles',
  'cognito:preferred_role',
]);

interface ClaimsOverride {
  claimsToAddOrOverride?: Record<string, unknown>;
  claimsToSuppress?: string[];
}
interface GroupOverride {
  groupsToOverride?: string[];
  iamRolesToOverride?: string[];
  preferredRole?: string | null;
}

const applyOverride = (claims: Record<string, unknown>, override: ClaimsOverride | undefined) => {
  for (const [name, value] of Object.entries(override?.claimsToAddOrOverride ?? {})) {
    if (!RESERVED.has(name)) claims[name] = value;
  }
  for (const name of override?.claimsToSuppress ?? []) {
    if (!RESERVED.has(name)) delete claims[name];
  }
};

/** Standard attributes Cognito types in ID tokens; every other attribute is a string. */
const typedClaim = (name: string, value: string): unknown => {
  if (name === 'email_verified' || name === 'phone_number_verified') return value === 'true';
  if (name === 'updated_at') return Number(value);
  return value;
};

/** The preferred role: the role of the user's group with the lowest precedence, unless tied with another role. */
const preferredRoleOf = (groups: readonly Group[]): string | null => {
  const withRoles = groups.filter((g) => g.RoleArn);
  if (!withRoles.length) return null;
  const best = Math.min(...withRoles.map((g) => g.Precedence ?? Number.MAX_SAFE_INTEGER));
  const roles = new Set(
    withRoles.filter((g) => (g.Precedence ?? Number.MAX_SAFE_INTEGER) === best).map((g) => g.RoleArn),
  );
  return roles.size === 1 ? [...roles][0]! : null;
};

export class LocalTokenGenerator implements TokenGenerator {
  constructor(
    private readonly clock: Clock,
    private readonly key: SigningKey,
    /** `http://host:port`: the pools' issuer is this plus `/<poolId>`. Read per token (ports may be chosen at listen). */
    private readonly issuerBase: () => string,
    private readonly cognito: CognitoService,
    private readonly lambdas: TriggerLambdas,
  ) {}

  async generate(
    ctx: RefreshContext,
    user: User,
    userGroups: readonly string[],
    client: AppClient,
    clientMetadata: Record<string, string> | undefined,
    source: Source,
  ): Promise<Tokens & { ExpiresIn: number; TokenType: 'Bearer' }> {
    const poolId = client.UserPoolId;
    const pool = await this.cognito.getUserPool(ctx, poolId);
    const groups = (await pool.listGroups(ctx))
      .filter((g) => userGroups.includes(g.GroupName))
      .sort(
        (a, b) =>
          (a.Precedence ?? Number.MAX_SAFE_INTEGER) - (b.Precedence ?? Number.MAX_SAFE_INTEGER) ||
          a.GroupName.localeCompare(b.GroupName),
      );
    const now = Math.floor(this.clock.get().getTime() / 1000);
    const refreshing = source === 'RefreshTokens' ? ctx.refreshToken : undefined;
    const authTime = refreshing?.auth_time ?? now;
    const originJti = refreshing?.origin_jti ?? randomUUID();
    const eventId = randomUUID();
    const attributes = attributesToRecord(user.Attributes);
    const iss = `${this.issuerBase()}/${poolId}`;
    let scopes = ['aws.cognito.signin.user.admin'];

    let groupNames = groups.map((g) => g.GroupName);
    let roles = groups.map((g) => g.RoleArn).filter((r): r is string => !!r);
    let preferredRole = preferredRoleOf(groups);

    const readable = client.ReadAttributes?.length ? new Set(client.ReadAttributes) : undefined;
    const idClaims: Record<string, unknown> = { sub: attributes.sub };
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'sub' || (readable && !readable.has(name))) continue;
      idClaims[name] = typedClaim(name, value);
    }
    const accessClaims: Record<string, unknown> = {};

    const trigger = this.lambdas.configured(poolId, 'PreTokenGeneration');
    if (trigger) {
      const version = trigger.lambdaVersion === 'V2_0' ? '2' : trigger.lambdaVersion === 'V3_0' ? '3' : '1';
      const response = await this.lambdas.call('PreTokenGeneration', {
        version,
        userPoolId: poolId,
        userName: user.Username,
        clientId: client.ClientId,
        triggerSource: `TokenGeneration_${source}`,
        request: {
          userAttributes: { ...attributes, 'cognito:user_status': user.UserStatus },
          groupConfiguration: { groupsToOverride: groupNames, iamRolesToOverride: roles, preferredRole },
          ...(version === '1' ? {} : { scopes }),
          ...(clientMetadata ? { clientMetadata } : {}),
        },
        response: version === '1' ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
      });
      let groupOverride: GroupOverride | undefined;
      if (version === '1') {
        const details = response.claimsOverrideDetails as
          (ClaimsOverride & { groupOverrideDetails?: GroupOverride }) | null | undefined;
        applyOverride(idClaims, details ?? undefined);
        groupOverride = details?.groupOverrideDetails;
      } else {
        const details = response.claimsAndScopeOverrideDetails as
          | {
              idTokenGeneration?: ClaimsOverride;
              accessTokenGeneration?: ClaimsOverride & { scopesToAdd?: string[]; scopesToSuppress?: string[] };
              groupOverrideDetails?: GroupOverride;
            }
          | null
          | undefined;
        applyOverride(idClaims, details?.idTokenGeneration);
        applyOverride(accessClaims, details?.accessTokenGeneration);
        for (const scope of details?.accessTokenGeneration?.scopesToAdd ?? [])
          if (!scopes.includes(scope)) scopes.push(scope);
        const suppressed = new Set(details?.accessTokenGeneration?.scopesToSuppress ?? []);
        scopes = scopes.filter((scope) => !suppressed.has(scope));
        groupOverride = details?.groupOverrideDetails;
      }
      if (groupOverride?.groupsToOverride) groupNames = groupOverride.groupsToOverride;
      if (groupOverride?.iamRolesToOverride) roles = groupOverride.iamRolesToOverride;
      if (groupOverride?.preferredRole !== undefined) preferredRole = groupOverride.preferredRole;
    }

    const groupClaims: Record<string, unknown> = {};
    if (groupNames.length) groupClaims['cognito:groups'] = groupNames;
    const roleClaims: Record<string, unknown> = {};
    if (roles.length) roleClaims['cognito:roles'] = roles;
    if (preferredRole) roleClaims['cognito:preferred_role'] = preferredRole;

    const accessTtl = lifetime(client.AccessTokenValidity, client.TokenValidityUnits?.AccessToken, 3600);
    const idTtl = lifetime(client.IdTokenValidity, client.TokenValidityUnits?.IdToken, 3600);
    const refreshTtl = lifetime(
      client.RefreshTokenValidity,
      client.TokenValidityUnits?.RefreshToken ?? 'days',
      30 * 86400,
    );

    const idToken = signJwt(this.key, {
      ...idClaims,
      ...groupClaims,
      ...roleClaims,
      sub: attributes.sub,
      iss,
      'cognito:username': user.Username,
      origin_jti: originJti,
      aud: client.ClientId,
      event_id: eventId,
      token_use: 'id',
      auth_time: authTime,
      exp: now + idTtl,
      iat: now,
      jti: randomUUID(),
    });
    const accessToken = signJwt(this.key, {
      ...accessClaims,
      sub: attributes.sub,
      ...groupClaims,
      iss,
      client_id: client.ClientId,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: authTime,
      exp: now + accessTtl,
      iat: now,
      jti: randomUUID(),
      username: user.Username,
    });
    const refreshToken = encodeRefreshToken({
      client_id: client.ClientId,
      exp: now + refreshTtl,
      auth_time: authTime,
      origin_jti: originJti,
    });
    return {
      AccessToken: accessToken,
      IdToken: idToken,
      RefreshToken: refreshToken,
      ExpiresIn: accessTtl,
      TokenType: 'Bearer',
    };
  }
}
