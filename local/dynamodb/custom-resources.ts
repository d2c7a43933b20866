import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import type { Assembly, Resource } from '../assembly/assembly';

/** One SDK call of a CDK `AwsCustomResource` (`onCreate`, `onUpdate`), as its handler receives it. */
export interface AwsSdkCall {
  service: string;
  action: string;
  parameters?: Record<string, unknown>;
  physicalResourceId?: { id?: string; responsePath?: string };
  ignoreErrorCodesMatching?: string;
}

export interface CustomResourceClients {
  dynamodb: dynamodb.DynamoDBClient;
}

export interface CustomResourceOutcome {
  resource: Resource;
  /** `stack/logicalId`. */
  key: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped';
  call?: { service: string; action: string };
  reason?: string;
}

export interface RunCustomResourcesOptions {
  /**
   * Where to remember which custom resources ran and with what properties (JSON). With it, a rerun
   * behaves as a redeploy: `Create` once, `Update` when the properties changed, nothing otherwise.
   * Without it every run is a first deployment (`Create` each time). Keep it beside the table data
   * (the DynamoDB data folder), so that wiping the data wipes the memory of having seeded it.
   */
  stateFile?: string;
  log?: (message: string) => void;
}

type Clients = Record<
  string,
  { client: { send(command: unknown): Promise<unknown> }; commands: Record<string, unknown> }
>;

/** `DynamoDB`, `dynamodb`, `@aws-sdk/client-dynamodb`, `DynamoDBClient` → `dynamodb`. */
const serviceKey = (service: string) =>
  service
    .toLowerCase()
    .replace(/^@aws-sdk\/client-/, '')
    .replace(/client$/, '')
    .replace(/[^a-z0-9]/g, '');

/** `batchWriteItem`, `BatchWriteItem`, `BatchWriteItemCommand` → `BatchWriteItemCommand`. */
const commandName = (action: string) => `${action[0].toUpperCase()}${action.slice(1).replace(/Command$/, '')}Command`;

const parseCall = (value: unknown): AwsSdkCall | undefined => {
  if (value === undefined) return undefined;
  const call = (typeof value === 'string' ? JSON.parse(value) : value) as AwsSdkCall;
  return call && typeof call.service === 'string' && typeof call.action === 'string' ? call : undefined;
};

/** The custom resources that are CDK `AwsCustomResource`s: their properties carry SDK calls. */
export const awsCustomResources = (assembly: Assembly) =>
  assembly
    .resources()
    .filter((r) => r.type.startsWith('Custom::'))
    .flatMap((resource) => {
      const props = assembly.properties(resource) as Record<string, unknown>;
      try {
        const create = parseCall(props.Create);
        const update = parseCall(props.Update);
        if (!create && !update && !parseCall(props.Delete)) return [];
        const { ServiceToken: _token, ...rest } = props;
        const hash = createHash('sha256').update(JSON.stringify(rest)).digest('hex');
        return [{ resource, key: `${resource.stack.name}/${resource.logicalId}`, create, update, hash }];
      } catch {
        return [];
      }
    });

/**
 * Runs the DynamoDB calls of the templates' `AwsCustomResource`s (`Custom::AWS`: seeds such as the
 * access policies) with AWS SDK v3, as CloudFormation's deployment would. Calls to services the
 * local cloud does not run are skipped with a warning. A failing call throws, as it would fail the
 * deployment, unless its `ignoreErrorCodesMatching` matches the error.
 */
export const runCustomResources = async (
  assembly: Assembly,
  clients: CustomResourceClients,
  { stateFile, log = (m: string) => console.warn(`[custom-resources] ${m}`) }: RunCustomResourcesOptions = {},
): Promise<CustomResourceOutcome[]> => {
  const services: Clients = {
    dynamodb: { client: clients.dynamodb, commands: dynamodb as unknown as Record<string, unknown> },
  };
  const state: Record<string, string> =
    stateFile && existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
  const outcomes: CustomResourceOutcome[] = [];

  for (const { resource, key, create, update, hash } of awsCustomResources(assembly)) {
    const previous = state[key];
    if (previous === hash) {
      outcomes.push({ resource, key, outcome: 'unchanged' });
      continue;
    }
    const phase = previous === undefined ? 'created' : 'updated';
    const call = phase === 'created' ? create : update;
    if (!call) {
      state[key] = hash;
      outcomes.push({
        resource,
        key,
        outcome: phase,
        reason: `no on${phase === 'created' ? 'Create' : 'Update'} call`,
      });
      continue;
    }
    const service = services[serviceKey(call.service)];
    if (!service) {
      log(`skipped ${key}: ${call.service}.${call.action} (the local cloud does not run ${call.service})`);
      outcomes.push({ resource, key, outcome: 'skipped', call, reason: `service ${call.service} is not emulated` });
      continue;
    }
    const Command = service.commands[commandName(call.action)] as (new (input: unknown) => unknown) | undefined;
    if (typeof Command !== 'function') throw new Error(`${key}: ${call.service} has no action ${call.action}`);
    try {
      await service.client.send(new Command(call.parameters ?? {}));
    } catch (error) {
      const code = (error as Error).name;
      if (!call.ignoreErrorCodesMatching || !new RegExp(call.ignoreErrorCodesMatching).test(code)) {
        throw new Error(
          `custom resource ${key} failed: ${call.service}.${call.action}: ${code}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    }
    state[key] = hash;
    outcomes.push({ resource, key, outcome: phase, call: { service: call.service, action: call.action } });
  }

  if (stateFile) {
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify(state, null, 2));
  }
  return outcomes;
};
