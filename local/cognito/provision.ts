/**
 * Creates, or brings up to date, the pools, app clients and groups of the templates inside
 * cognito-local's store, as CloudFormation would on a deploy: ids are made once and then kept
 * (in `resources.json` of the data dir), users and group members survive every restart, settings
 * follow the templates.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import { USER_POOL_AWS_DEFAULTS } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { UserPool } from 'cognito-local/lib/services/userPoolService.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../assembly/assembly';
import type { AuthTemplates, ClientSpec, PoolSpec } from './templates';

export const RESOURCES_FILE = 'resources.json';

/** The ids the local cloud gave the templates' resources, by `resourceKey`. */
export interface ResourceIds {
  userPools: Record<string, string>;
  clients: Record<string, string>;
}

export const readResourceIds = (dataDir: string): ResourceIds => {
  const file = join(dataDir, RESOURCES_FILE);
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<ResourceIds>) : {};
  return { userPools: saved.userPools ?? {}, clients: saved.clients ?? {} };
};

/**
 * The id kept for a resource: by its key, or (when its stack was renamed, the resource staying the
 * same) by its logical id alone, moved to the new key so that users are not left in an orphan pool.
 */
const keptId = (ids: Record<string, string>, key: string, current: ReadonlySet<string>): string | undefined => {
  if (ids[key]) return ids[key];
  const logicalId = key.split('/').pop();
  const moved = Object.keys(ids).filter((k) => !current.has(k) && k.split('/').pop() === logicalId);
  if (moved.length !== 1) return undefined;
  const id = ids[moved[0]];
  delete ids[moved[0]];
  return id;
};

const writeResourceIds = (dataDir: string, ids: ResourceIds) => {
  const file = join(dataDir, RESOURCES_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(ids, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
};

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomString = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/** Ids shaped like Cognito's: `us-east-1_AbC123xYz` and a 26-character client id. */
export const newUserPoolId = () => `${LOCAL_REGION}_${randomString(ALNUM, 9)}`;
export const newClientId = () => randomString(LOWER_ALNUM, 26);
const newClientSecret = () => randomBytes(38).toString('base64url').slice(0, 51);

type SchemaAttribute = NonNullable<UserPool['SchemaAttributes']>[number];

/** Cognito's standard attributes with the template's `Schema` applied; other names become `custom:`. */
export const schemaAttributesOf = (schema: Array<Record<string, unknown>> | undefined): SchemaAttribute[] => {
  const standard = (USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []) as SchemaAttribute[];
  const byName = new Map((schema ?? []).map((a) => [String(a.Name), a]));
  const merged = standard.map((attr) => ({ ...attr, ...(byName.get(String(attr.Name)) ?? {}) }) as SchemaAttribute);
  const custom = (schema ?? [])
    .filter((a) => !standard.some((s) => s.Name === a.Name))
    .map((a): SchemaAttribute => {
      const type = (a.AttributeDataType as string | undefined) ?? 'String';
      return {
        Name: `custom:${String(a.Name)}`,
        AttributeDataType: type,
        DeveloperOnlyAttribute: (a.DeveloperOnlyAttribute as boolean | undefined) ?? false,
        Mutable: (a.Mutable as boolean | undefined) ?? true,
        Required: (a.Required as boolean | undefined) ?? false,
        ...(type === 'String' ? { StringAttributeConstraints: a.StringAttributeConstraints ?? {} } : {}),
        ...(type === 'Number' ? { NumberAttributeConstraints: a.NumberAttributeConstraints ?? {} } : {}),
      } as SchemaAttribute;
    });
  return [...merged, ...custom];
};

const DEFAULT_PASSWORD_POLICY = USER_POOL_AWS_DEFAULTS.Policies!.PasswordPolicy!;

/** AWS::Cognito::UserPool properties: mostly DescribeUserPool's fields under the same names. */
type PoolProperties = Partial<UserPool> & {
  UserPoolName?: string;
  Schema?: Array<Record<string, unknown>>;
  DeletionProtection?: string;
};
/** AWS::Cognito::UserPoolClient properties. */
type ClientProperties = Partial<AppClient> & { GenerateSecret?: boolean };

/** A pool's settings as cognito-local keeps them (the shape of DescribeUserPool), from its template. */
export const poolOptionsOf = (spec: PoolSpec, id: string): Omit<UserPool, 'CreationDate' | 'LastModifiedDate'> => {
  const p = spec.properties as PoolProperties;
  return {
    Id: id,
    Name: p.UserPoolName ?? spec.resource.logicalId,
    Arn: `arn:aws:cognito-idp:${LOCAL_REGION}:${LOCAL_ACCOUNT}:userpool/${id}`,
    AccountRecoverySetting: p.AccountRecoverySetting,
    AdminCreateUserConfig: { ...USER_POOL_AWS_DEFAULTS.AdminCreateUserConfig, ...p.AdminCreateUserConfig },
    AliasAttributes: p.AliasAttributes,
    AutoVerifiedAttributes: p.AutoVerifiedAttributes,
    DeletionProtection: p.DeletionProtection,
    DeviceConfiguration: p.DeviceConfiguration,
    EmailConfiguration: p.EmailConfiguration ?? USER_POOL_AWS_DEFAULTS.EmailConfiguration,
    EmailVerificationMessage: p.EmailVerificationMessage,
    EmailVerificationSubject: p.EmailVerificationSubject,
    LambdaConfig: p.LambdaConfig ?? {},
    MfaConfiguration: p.MfaConfiguration ?? 'OFF',
    Policies: { ...p.Policies, PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...p.Policies?.PasswordPolicy } },
    SchemaAttributes: schemaAttributesOf(p.Schema),
    SmsAuthenticationMessage: p.SmsAuthenticationMessage,
    SmsConfiguration: p.SmsConfiguration,
    SmsVerificationMessage: p.SmsVerificationMessage,
    UserAttributeUpdateSettings: p.UserAttributeUpdateSettings,
    UserPoolAddOns: p.UserPoolAddOns,
    UserPoolTags: p.UserPoolTags,
    UsernameAttributes: p.UsernameAttributes,
    UsernameConfiguration: p.UsernameConfiguration,
    VerificationMessageTemplate: p.VerificationMessageTemplate ?? USER_POOL_AWS_DEFAULTS.VerificationMessageTemplate,
  };
};

/**
 * An app client as cognito-local keeps it, from its template. Token lifetimes are Cognito's defaults
 * (ID and access tokens 60 minutes, refresh tokens 30 days) unless the template sets them; a value
 * without `TokenValidityUnits` is in CloudFormation's default units (hours, hours, days).
 */
export const appClientOf = (
  spec: ClientSpec,
  clientId: string,
  userPoolId: string,
  existing: AppClient | null,
  now: Date,
): AppClient => {
  const p = spec.properties as ClientProperties;
  const units = p.TokenValidityUnits ?? {};
  const validity = (
    value: unknown,
    unit: string | undefined,
    fallbackUnit: string,
    defaultValue: number,
    defaultUnit: string,
  ) =>
    value === undefined
      ? { value: defaultValue, unit: defaultUnit }
      : { value: Number(value), unit: unit ?? fallbackUnit };
  const access = validity(p.AccessTokenValidity, units.AccessToken, 'hours', 60, 'minutes');
  const id = validity(p.IdTokenValidity, units.IdToken, 'hours', 60, 'minutes');
  const refresh = validity(p.RefreshTokenValidity, units.RefreshToken, 'days', 30, 'days');
  return {
    ClientId: clientId,
    ClientName: p.ClientName ?? spec.resource.logicalId,
    ClientSecret: p.GenerateSecret ? (existing?.ClientSecret ?? newClientSecret()) : undefined,
    UserPoolId: userPoolId,
    CreationDate: existing?.CreationDate ?? now,
    LastModifiedDate: now,
    AccessTokenValidity: access.value,
    IdTokenValidity: id.value,
    RefreshTokenValidity: refresh.value,
    TokenValidityUnits: { AccessToken: access.unit, IdToken: id.unit, RefreshToken: refresh.unit },
    ReadAttributes: p.ReadAttributes,
    WriteAttributes: p.WriteAttributes,
    ExplicitAuthFlows: p.ExplicitAuthFlows,
    SupportedIdentityProviders: p.SupportedIdentityProviders,
    CallbackURLs: p.CallbackURLs,
    LogoutURLs: p.LogoutURLs,
    DefaultRedirectURI: p.DefaultRedirectURI,
    AllowedOAuthFlows: p.AllowedOAuthFlows,
    AllowedOAuthScopes: p.AllowedOAuthScopes,
    AllowedOAuthFlowsUserPoolClient: p.AllowedOAuthFlowsUserPoolClient,
    AnalyticsConfiguration: p.AnalyticsConfiguration,
    PreventUserExistenceErrors: p.PreventUserExistenceErrors ?? 'ENABLED',
    EnableTokenRevocation: p.EnableTokenRevocation ?? true,
  } as AppClient;
};

/** Drops `undefined` members, so that what is compared and stored is what the JSON file holds. */
const defined = <T extends object>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const sameSettings = (a: object, b: object) => JSON.stringify(defined(a)) === JSON.stringify(defined(b));

export interface ProvisionedPool {
  key: string;
  id: string;
  spec: PoolSpec;
}
export interface ProvisionedClient {
  key: string;
  id: string;
  poolKey: string;
  userPoolId: string;
}

/** Makes cognito-local's store match the templates. Returns the ids of everything it holds. */
export const provision = async (
  ctx: Context,
  cognito: CognitoService,
  templates: AuthTemplates,
  dataDir: string,
  now = new Date(),
): Promise<{ pools: ProvisionedPool[]; clients: ProvisionedClient[] }> => {
  const ids = readResourceIds(dataDir);
  const known = new Set((await cognito.listUserPools(ctx)).map((p) => p.Id));
  const pools: ProvisionedPool[] = [];
  for (const spec of templates.pools) {
    const id = keptId(ids.userPools, spec.key, new Set(templates.pools.map((p) => p.key))) ?? newUserPoolId();
    ids.userPools[spec.key] = id;
    // A minimal create (cognito-local merges its defaults into arrays element by element), then
    // the whole settings object is written as the template has it.
    if (!known.has(id)) await cognito.createUserPool(ctx, { Id: id, Name: spec.resource.logicalId } as UserPool);
    const pool = await cognito.getUserPool(ctx, id);
    const { CreationDate, LastModifiedDate: _modified, ...current } = pool.options;
    const desired = defined(poolOptionsOf(spec, id));
    if (!known.has(id) || !sameSettings(current, desired)) {
      const created = known.has(id) && CreationDate instanceof Date ? CreationDate : now;
      await pool.updateOptions(ctx, { ...desired, CreationDate: created, LastModifiedDate: now } as UserPool);
    }
    pools.push({ key: spec.key, id, spec });
  }

  const poolIdOf = (poolKey: string) => pools.find((p) => p.key === poolKey)!.id;
  const clients: ProvisionedClient[] = [];
  for (const spec of templates.clients) {
    const id = keptId(ids.clients, spec.key, new Set(templates.clients.map((c) => c.key))) ?? newClientId();
    ids.clients[spec.key] = id;
    const userPoolId = poolIdOf(spec.poolKey);
    const existing = await cognito.getAppClient(ctx, id);
    const { CreationDate, LastModifiedDate: _a, ...desired } = appClientOf(spec, id, userPoolId, existing, now);
    const { CreationDate: _b, LastModifiedDate: _c, ...current } = existing ?? ({} as AppClient);
    if (!existing || !sameSettings(current, desired)) {
      const pool = await cognito.getUserPool(ctx, userPoolId);
      await pool.saveAppClient(ctx, { ...defined(desired), CreationDate, LastModifiedDate: now } as AppClient);
    }
    clients.push({ key: spec.key, id, poolKey: spec.poolKey, userPoolId });
  }

  for (const spec of templates.groups) {
    const pool = await cognito.getUserPool(ctx, poolIdOf(spec.poolKey));
    // (getGroupByGroupName throws in a pool that has never had a group: stormdb has no `Groups` yet.)
    const existing = (await pool.listGroups(ctx)).find((g) => g.GroupName === spec.groupName);
    const settings = {
      GroupName: spec.groupName,
      Description: spec.description,
      Precedence: spec.precedence,
      RoleArn: spec.roleArn,
    };
    const current = existing && {
      GroupName: existing.GroupName,
      Description: existing.Description,
      Precedence: existing.Precedence,
      RoleArn: existing.RoleArn,
    };
    if (!current || !sameSettings(current, settings)) {
      await pool.saveGroup(ctx, {
        ...defined(settings),
        CreationDate: existing?.CreationDate ?? now,
        LastModifiedDate: now,
        members: existing?.members ?? [],
      });
    }
  }

  writeResourceIds(dataDir, ids);
  return { pools, clients };
};
