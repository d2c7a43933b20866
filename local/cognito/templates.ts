/**
 * What the cloud assembly declares for Cognito: user pools (with their settings and Lambda
 * triggers), app clients and groups, read with every intrinsic evaluated. Nothing here is kept by
 * hand: a change in `amplify/` shows up on the next start.
 */
import type { Assembly, Resource } from '../assembly/assembly';

/** A resource's stable key across restarts: its stack and logical id. */
export const resourceKey = (resource: Pick<Resource, 'stack' | 'logicalId'>) =>
  `${resource.stack.name}/${resource.logicalId}`;

/** The triggers of `LambdaConfig` the local cloud runs, and the Lambda version of those that have one. */
export interface TriggerConfig {
  functionArn: string;
  /** `V1_0`, `V2_0` or `V3_0` for pre token generation; the event shape differs. */
  lambdaVersion?: string;
}
export type TriggerName =
  | 'PreSignUp'
  | 'CustomMessage'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'PreTokenGeneration'
  | 'UserMigration';
export type PoolTriggers = Partial<Record<TriggerName, TriggerConfig>>;

/** Triggers a template may declare that the local cloud cannot run (it warns about them at start). */
export const UNSUPPORTED_TRIGGERS = [
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'CustomEmailSender',
  'CustomSMSSender',
] as const;

export interface PoolSpec {
  key: string;
  resource: Resource;
  /** The CloudFormation properties, evaluated. */
  properties: Record<string, unknown>;
  triggers: PoolTriggers;
  unsupportedTriggers: string[];
}

export interface ClientSpec {
  key: string;
  resource: Resource;
  poolKey: string;
  properties: Record<string, unknown>;
}

export interface GroupSpec {
  key: string;
  resource: Resource;
  poolKey: string;
  groupName: string;
  description?: string;
  precedence?: number;
  roleArn?: string;
}

export interface AuthTemplates {
  pools: PoolSpec[];
  clients: ClientSpec[];
  groups: GroupSpec[];
}

const SIMPLE_TRIGGERS: TriggerName[] = [
  'PreSignUp',
  'CustomMessage',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'PreTokenGeneration',
  'UserMigration',
];

export const triggersOf = (
  lambdaConfig: Record<string, unknown> | undefined,
): { triggers: PoolTriggers; unsupported: string[] } => {
  const config = lambdaConfig ?? {};
  const triggers: PoolTriggers = {};
  for (const name of SIMPLE_TRIGGERS) {
    if (typeof config[name] === 'string') triggers[name] = { functionArn: config[name] as string };
  }
  // PreTokenGenerationConfig supersedes PreTokenGeneration and says which event version to send.
  const preToken = config.PreTokenGenerationConfig as { LambdaArn?: string; LambdaVersion?: string } | undefined;
  if (preToken?.LambdaArn)
    triggers.PreTokenGeneration = { functionArn: preToken.LambdaArn, lambdaVersion: preToken.LambdaVersion ?? 'V1_0' };
  const unsupported = UNSUPPORTED_TRIGGERS.filter((name) => config[name] !== undefined);
  return { triggers, unsupported };
};

/**
 * Reads pools, clients and groups. A client or group belongs to the pool whose (evaluated)
 * physical id its `UserPoolId` equals; both are evaluated with the same assembly, so this holds
 * whatever names the assembly gives.
 */
export const readAuthTemplates = (assembly: Assembly): AuthTemplates => {
  const pools = assembly.resources('AWS::Cognito::UserPool').map((resource): PoolSpec => {
    const properties = assembly.properties(resource);
    const { triggers, unsupported } = triggersOf(properties.LambdaConfig as Record<string, unknown> | undefined);
    return { key: resourceKey(resource), resource, properties, triggers, unsupportedTriggers: unsupported };
  });
  const poolKeyById = new Map(pools.map((p) => [assembly.physicalId(p.resource), p.key]));
  const poolKeyOf = (resource: Resource, properties: Record<string, unknown>) => {
    const key = poolKeyById.get(String(properties.UserPoolId));
    if (!key)
      throw new Error(
        `${resourceKey(resource)}: UserPoolId ${String(properties.UserPoolId)} is no user pool of the assembly`,
      );
    return key;
  };
  const clients = assembly.resources('AWS::Cognito::UserPoolClient').map((resource): ClientSpec => {
    const properties = assembly.properties(resource);
    return { key: resourceKey(resource), resource, poolKey: poolKeyOf(resource, properties), properties };
  });
  const groups = assembly.resources('AWS::Cognito::UserPoolGroup').map((resource): GroupSpec => {
    const properties = assembly.properties(resource);
    return {
      key: resourceKey(resource),
      resource,
      poolKey: poolKeyOf(resource, properties),
      groupName: String(properties.GroupName ?? resource.logicalId),
      description: properties.Description as string | undefined,
      precedence: properties.Precedence === undefined ? undefined : Number(properties.Precedence),
      roleArn: properties.RoleArn as string | undefined,
    };
  });
  return { pools, clients, groups };
};
