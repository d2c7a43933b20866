/**
 * cognito-local's request router, with what Cognito does and cognito-local does not, for the calls
 * the storefront (aws-amplify v6), the handlers (AWS SDK v3) and the local cloud make. cognito-local's
 * server dispatches on `X-Amz-Target` through whatever `Router` it is given, so the additions sit
 * here, not in a proxy:
 *
 * - `GetTokensFromRefreshToken` (what Amplify v6's token refresh sends) runs as InitiateAuth
 *   REFRESH_TOKEN_AUTH; `ResendConfirmationCode` (Amplify's resendSignUpCode) is implemented.
 * - Refresh tokens expire, belong to their client and keep the sign-in's `auth_time`/`origin_jti`.
 * - Password policy of the pool on sign-up, reset, change, admin set and new-password challenges.
 * - Usernames and email aliases are case-insensitive when the pool says so (Amplify's default).
 * - ConfirmSignUp marks the attribute the code went to as verified (`email_verified`), before the
 *   PostConfirmation trigger sees the user.
 * - Sign-in errors are Cognito's (`NotAuthorizedException: Incorrect username or password.`, disabled
 *   users refused), the PreAuthentication trigger runs, and each auth flow is checked against the
 *   client's `ExplicitAuthFlows` (a warning, or an error when asked to enforce).
 * - Code delivery destinations are masked (`j***@e***`) and, with PreventUserExistenceErrors,
 *   ForgotPassword/ResendConfirmationCode for an unknown user answer as if a code was sent.
 * - Access tokens are verified (signature, expiry, `token_use`) before any call that takes one:
 *   cognito-local only decodes them, so a forged token would pass for anyone. `GlobalSignOut` and
 *   `AdminUserGlobalSignOut` (Amplify's `signOut({ global: true })`) revoke the user's refresh tokens.
 */
import {
  CodeMismatchError,
  CognitoError,
  InvalidParameterError,
  InvalidPasswordError,
  NotAuthorizedError,
  UserNotFoundError,
  UsernameExistsError,
} from 'cognito-local/lib/errors.js';
import type { Route, Router } from 'cognito-local/lib/server/Router.js';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { Services } from 'cognito-local/lib/services/index.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import { selectAppropriateDeliveryMethod } from 'cognito-local/lib/services/messageDelivery/deliveryMethod.js';
import {
  attribute,
  attributesAppend,
  attributesToRecord,
  attributeValue,
  type User,
  type UserPoolService,
} from 'cognito-local/lib/services/userPoolService.js';
import { verifiedPayload, type SigningKey } from './keys';
import { decodeRefreshToken, type RefreshContext } from './tokens';
import type { TriggerLambdas, TriggerLog } from './triggers';

export type AuthFlowPolicy = 'warn' | 'enforce';

/** The members of Cognito requests this router reads (and, for usernames, rewrites). */
interface CognitoRequest {
  ClientId?: string;
  UserPoolId?: string;
  Username?: string;
  Password?: string;
  ProposedPassword?: string;
  TemporaryPassword?: string;
  ConfirmationCode?: string;
  AuthFlow?: string;
  AuthParameters?: Record<string, string>;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
  RefreshToken?: string;
  ClientSecret?: string;
  AccessToken?: string;
}
/** The members of Cognito responses this router completes. */
interface CognitoResponse {
  CodeDeliveryDetails?: unknown;
  CodeDeliveryDetailsList?: unknown[];
  AuthenticationResult?: { AccessToken?: string; IdToken?: string; ExpiresIn?: number; TokenType?: string };
}

export interface LocalRouterOptions {
  services: Services;
  lambdas: TriggerLambdas;
  /** The key the pools sign with: access tokens are checked against it. */
  key: SigningKey;
  /** What to do when a client uses an auth flow its `ExplicitAuthFlows` does not allow. */
  authFlows: AuthFlowPolicy;
  log: TriggerLog;
}

/** Cognito's symbol characters for password policies. */
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

type PasswordPolicy = {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
};

/** What is wrong with a password under a pool's policy, in Cognito's words; undefined if nothing. */
export const passwordProblem = (policy: PasswordPolicy | undefined, password: string): string | undefined => {
  if (!policy) return undefined;
  if (password.length < (policy.MinimumLength ?? 8)) return 'Password not long enough';
  if (policy.RequireLowercase && !/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (policy.RequireNumbers && !/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (policy.RequireSymbols && !SYMBOLS.test(password)) return 'Password must have symbol characters';
  return undefined;
};

export const assertPasswordConforms = (pool: UserPoolService, password: unknown) => {
  if (typeof password !== 'string') return;
  const problem = passwordProblem(pool.options.Policies?.PasswordPolicy as PasswordPolicy | undefined, password);
  if (problem) throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${problem}`);
};

/** Cognito shows where a code went without giving the address away. */
export const maskDestination = (destination: string) => {
  const at = destination.indexOf('@');
  if (at > 0) return `${destination[0]}***@${destination[at + 1] ?? ''}***`;
  return destination.length > 4 ? `+*******${destination.slice(-4)}` : destination;
};

const maskDelivery = (details: unknown) => {
  if (
    details &&
    typeof details === 'object' &&
    typeof (details as { Destination?: unknown }).Destination === 'string'
  ) {
    const d = details as { Destination: string };
    d.Destination = maskDestination(d.Destination);
  }
};

/** Which `ExplicitAuthFlows` entries allow an auth flow (the ALLOW_ names and the legacy ones). */
const FLOW_PERMISSIONS: Record<string, string[]> = {
  USER_PASSWORD_AUTH: ['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH'],
  ADMIN_USER_PASSWORD_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  ADMIN_NO_SRP_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  USER_SRP_AUTH: ['ALLOW_USER_SRP_AUTH'],
  CUSTOM_AUTH: ['ALLOW_CUSTOM_AUTH', 'CUSTOM_AUTH_FLOW_ONLY'],
  USER_AUTH: ['ALLOW_USER_AUTH'],
};
/** Cognito's flows for a client created without `ExplicitAuthFlows`. */
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const isRefresh = (flow: unknown) => flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN';
const isPassword = (flow: unknown) =>
  flow === 'USER_PASSWORD_AUTH' || flow === 'ADMIN_USER_PASSWORD_AUTH' || flow === 'ADMIN_NO_SRP_AUTH';

/** Seconds an access token lives, from its own claims. */
const lifetimeOf = (jwt: string) => {
  const { exp, iat } = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as {
    exp: number;
    iat: number;
  };
  return exp - iat;
};

const PASSWORD_FIELDS: Record<string, (req: CognitoRequest) => unknown> = {
  SignUp: (req) => req.Password,
  ConfirmForgotPassword: (req) => req.Password,
  ChangePassword: (req) => req.ProposedPassword,
  AdminSetUserPassword: (req) => req.Password,
  AdminCreateUser: (req) => req.TemporaryPassword,
  RespondToAuthChallenge: (req) => req.ChallengeResponses?.NEW_PASSWORD,
  AdminRespondToAuthChallenge: (req) => req.ChallengeResponses?.NEW_PASSWORD,
};

export const localRouter = (base: Router, { services, lambdas, key, authFlows, log }: LocalRouterOptions): Router => {
  const { cognito, clock } = services;
  const warned = new Set<string>();

  const poolOf = async (ctx: Context, req: CognitoRequest): Promise<UserPoolService | undefined> => {
    try {
      if (typeof req?.ClientId === 'string') return await cognito.getUserPoolForClientId(ctx, req.ClientId);
      if (typeof req?.UserPoolId === 'string') return await cognito.getUserPool(ctx, req.UserPoolId);
    } catch {
      // An unknown client or pool: the target answers that itself.
    }
    return undefined;
  };
  const clientOf = async (ctx: Context, req: CognitoRequest): Promise<AppClient | null> =>
    typeof req?.ClientId === 'string' ? cognito.getAppClient(ctx, req.ClientId) : null;
  const preventsUserExistenceErrors = (client: AppClient | null) => client?.PreventUserExistenceErrors !== 'LEGACY';

  /** The user a sign-in name means: the username, or (when the pool says so) the email or phone alias, case-insensitively. */
  const findUser = async (ctx: Context, pool: UserPoolService, name: string): Promise<User | null> => {
    const exact = await pool.getUserByUsername(ctx, name);
    if (exact || pool.options.UsernameConfiguration?.CaseSensitive !== false) return exact;
    const wanted = name.toLowerCase();
    const aliases = [...(pool.options.UsernameAttributes ?? []), ...(pool.options.AliasAttributes ?? [])];
    return (
      (await pool.listUsers(ctx)).find(
        (u) =>
          u.Username.toLowerCase() === wanted ||
          aliases.some((a) => attributeValue(a, u.Attributes)?.toLowerCase() === wanted),
      ) ?? null
    );
  };
  const canonicalize = async <T>(ctx: Context, pool: UserPoolService, name: T): Promise<T | string> => {
    if (typeof name !== 'string') return name;
    return (await findUser(ctx, pool, name))?.Username ?? name;
  };

  const checkFlow = (client: AppClient, flow: string) => {
    if (isRefresh(flow)) return;
    const allowed = client.ExplicitAuthFlows?.length ? client.ExplicitAuthFlows : DEFAULT_FLOWS;
    if ((FLOW_PERMISSIONS[flow] ?? []).some((p) => allowed.includes(p))) return;
    const message = `${flow} flow not enabled for this client`;
    if (authFlows === 'enforce') throw new InvalidParameterError(message);
    const key = `${client.ClientId}/${flow}`;
    if (!warned.has(key)) {
      warned.add(key);
      log(
        `${message} (${client.ClientName}: ExplicitAuthFlows ${JSON.stringify(allowed)}); allowed locally, Cognito on AWS refuses it`,
      );
    }
  };

  const initiateAuth = async (
    ctx: Context,
    req: CognitoRequest,
    inner: Route,
    pool: UserPoolService | undefined,
  ): Promise<CognitoResponse> => {
    const client = await clientOf(ctx, req);
    if (!pool || !client) return inner(ctx, req);
    checkFlow(client, String(req.AuthFlow));
    if (isRefresh(req.AuthFlow)) {
      const token = String(req.AuthParameters?.REFRESH_TOKEN ?? '');
      const claims = decodeRefreshToken(token);
      if (!claims || claims.client_id !== client.ClientId) throw new NotAuthorizedError('Invalid Refresh Token');
      if (claims.exp <= clock.get().getTime() / 1000) throw new NotAuthorizedError('Refresh Token has expired');
      const user = await pool.getUserByRefreshToken(ctx, token);
      // Unknown means revoked (RevokeToken, or signed out): Cognito says the same for both.
      if (!user) throw new NotAuthorizedError('Invalid Refresh Token');
      if (user.Enabled === false) throw new NotAuthorizedError('User is disabled.');
      return inner({ ...ctx, refreshToken: claims } as RefreshContext, req);
    }
    if (isPassword(req.AuthFlow)) {
      const parameters = req.AuthParameters ?? {};
      const user = typeof parameters.USERNAME === 'string' ? await findUser(ctx, pool, parameters.USERNAME) : null;
      if (user) {
        parameters.USERNAME = user.Username;
        if (user.Enabled === false) throw new NotAuthorizedError('User is disabled.');
        if (lambdas.configured(pool.options.Id, 'PreAuthentication')) {
          await lambdas.call('PreAuthentication', {
            userPoolId: pool.options.Id,
            userName: user.Username,
            clientId: client.ClientId,
            triggerSource: 'PreAuthentication_Authentication',
            request: {
              userAttributes: { ...attributesToRecord(user.Attributes), 'cognito:user_status': user.UserStatus },
              userNotFound: false,
              ...(req.ClientMetadata ? { validationData: req.ClientMetadata } : {}),
            },
            response: {},
          });
        }
      } else if (!lambdas.configured(pool.options.Id, 'UserMigration')) {
        if (preventsUserExistenceErrors(client)) throw new NotAuthorizedError('Incorrect username or password.');
        throw new UserNotFoundError('User does not exist.');
      }
      try {
        return await inner(ctx, req);
      } catch (error) {
        if (error instanceof InvalidPasswordError) throw new NotAuthorizedError('Incorrect username or password.');
        throw error;
      }
    }
    return inner(ctx, req);
  };

  /** The claims of an access token the pools issued and that is still valid; Cognito's errors otherwise. */
  const accessClaims = (token: unknown) => {
    const claims = typeof token === 'string' ? verifiedPayload(key, token) : undefined;
    if (!claims || claims.token_use !== 'access') throw new NotAuthorizedError('Invalid Access Token');
    if (typeof claims.exp !== 'number' || claims.exp <= clock.get().getTime() / 1000)
      throw new NotAuthorizedError('Access Token has expired');
    return claims as { client_id: string; username: string; origin_jti: string };
  };

  const signOutEverywhere = async (ctx: Context, pool: UserPoolService, username: string) => {
    const user = await pool.getUserByUsername(ctx, username);
    if (!user) throw new UserNotFoundError('User does not exist.');
    await pool.saveUser(ctx, { ...user, RefreshTokens: [], UserLastModifiedDate: clock.get() });
    return {};
  };

  const resendConfirmationCode: Route = async (ctx, req) => {
    const pool = await cognito.getUserPoolForClientId(ctx, req.ClientId);
    const client = await clientOf(ctx, req);
    const user = await findUser(ctx, pool, String(req.Username ?? ''));
    if (!user) {
      if (preventsUserExistenceErrors(client)) {
        return {
          CodeDeliveryDetails: {
            AttributeName: 'email',
            DeliveryMedium: 'EMAIL',
            Destination: maskDestination(String(req.Username)),
          },
        };
      }
      throw new UserNotFoundError('Username/client id combination not found.');
    }
    if (user.UserStatus !== 'UNCONFIRMED') throw new InvalidParameterError(`User is already confirmed.`);
    const delivery = selectAppropriateDeliveryMethod(pool.options.AutoVerifiedAttributes ?? [], user);
    if (!delivery) throw new InvalidParameterError('User has no attribute matching desired auto verified attributes');
    const code = services.otp();
    await services.messages.deliver(
      ctx,
      'ResendCode',
      req.ClientId,
      pool.options.Id,
      user,
      code,
      req.ClientMetadata,
      delivery,
    );
    await pool.saveUser(ctx, { ...user, ConfirmationCode: code, UserLastModifiedDate: clock.get() });
    return { CodeDeliveryDetails: { ...delivery, Destination: maskDestination(delivery.Destination) } };
  };

  const router: Router = (target) => {
    if (target === 'GetTokensFromRefreshToken') {
      return async (ctx, req) => {
        const client = await clientOf(ctx, req);
        if (client?.ClientSecret && req.ClientSecret !== client.ClientSecret) {
          throw new NotAuthorizedError(
            `Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`,
          );
        }
        const result = await router('InitiateAuth')(ctx, {
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: req.ClientId,
          AuthParameters: { REFRESH_TOKEN: req.RefreshToken },
          ClientMetadata: req.ClientMetadata,
        });
        const { AccessToken, IdToken, ExpiresIn, TokenType } = result.AuthenticationResult;
        // Without refresh token rotation Cognito returns no new refresh token; clients keep theirs.
        return { AuthenticationResult: { AccessToken, IdToken, ExpiresIn, TokenType } };
      };
    }
    if (target === 'ResendConfirmationCode') return resendConfirmationCode;
    if (target === 'GlobalSignOut') {
      return async (ctx, req: CognitoRequest) => {
        const claims = accessClaims(req.AccessToken);
        return signOutEverywhere(ctx, await cognito.getUserPoolForClientId(ctx, claims.client_id), claims.username);
      };
    }
    if (target === 'AdminUserGlobalSignOut') {
      return async (ctx, req: CognitoRequest) => {
        const pool = await cognito.getUserPool(ctx, String(req.UserPoolId));
        return signOutEverywhere(ctx, pool, String(await canonicalize(ctx, pool, req.Username ?? '')));
      };
    }

    const inner = base(target);
    return async (ctx, req: CognitoRequest) => {
      if ('AccessToken' in (req ?? {})) accessClaims(req.AccessToken);
      const pool = await poolOf(ctx, req);
      if (pool) {
        const password = PASSWORD_FIELDS[target]?.(req);
        if (target !== 'AdminCreateUser' || password !== undefined) assertPasswordConforms(pool, password);
        if (target !== 'SignUp' && 'Username' in (req ?? {}))
          req.Username = await canonicalize(ctx, pool, req.Username);
      }
      let result: CognitoResponse;
      switch (target) {
        case 'SignUp': {
          if (pool && (await findUser(ctx, pool, String(req.Username ?? '')))) throw usernameExists(pool);
          try {
            result = await inner(ctx, req);
          } catch (error) {
            if (pool && error instanceof UsernameExistsError) throw usernameExists(pool);
            throw error;
          }
          break;
        }
        case 'ConfirmSignUp':
          if (pool) await verifyOnConfirm(ctx, pool, req);
          result = await inner(ctx, req);
          break;
        case 'InitiateAuth':
        case 'AdminInitiateAuth':
          result = await initiateAuth(ctx, req, inner, pool);
          break;
        case 'ForgotPassword':
          try {
            result = await inner(ctx, req);
          } catch (error) {
            if (error instanceof UserNotFoundError && preventsUserExistenceErrors(await clientOf(ctx, req))) {
              return {
                CodeDeliveryDetails: {
                  AttributeName: 'email',
                  DeliveryMedium: 'EMAIL',
                  Destination: maskDestination(String(req.Username)),
                },
              };
            }
            throw error;
          }
          break;
        default:
          result = await inner(ctx, req);
      }
      maskDelivery(result?.CodeDeliveryDetails);
      for (const details of result?.CodeDeliveryDetailsList ?? []) maskDelivery(details);
      const auth = result?.AuthenticationResult;
      if (auth?.AccessToken) {
        auth.ExpiresIn ??= lifetimeOf(auth.AccessToken);
        auth.TokenType ??= 'Bearer';
      }
      return result;
    };
  };

  const usernameExists = (pool: UserPoolService) =>
    pool.options.UsernameAttributes?.includes('email')
      ? new CognitoError('UsernameExistsException', 'An account with the given email already exists.')
      : new CognitoError('UsernameExistsException', 'User already exists');

  /** Cognito marks the attribute the sign-up code went to as verified when the code is right. */
  const verifyOnConfirm = async (ctx: Context, pool: UserPoolService, req: CognitoRequest) => {
    const user = await pool.getUserByUsername(ctx, String(req.Username ?? ''));
    if (!user) return;
    if (user.UserStatus === 'CONFIRMED') {
      throw new NotAuthorizedError('User cannot be confirmed. Current status is CONFIRMED');
    }
    if (!user.ConfirmationCode || user.ConfirmationCode !== req.ConfirmationCode) {
      if (user.ConfirmationCode) throw new CodeMismatchError();
      return;
    }
    const delivery = selectAppropriateDeliveryMethod(pool.options.AutoVerifiedAttributes ?? [], user);
    if (!delivery) return;
    const verified = delivery.AttributeName === 'email' ? 'email_verified' : 'phone_number_verified';
    await pool.saveUser(ctx, { ...user, Attributes: attributesAppend(user.Attributes, attribute(verified, 'true')) });
  };

  return router;
};
