import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Assembly, Resource } from '../assembly/assembly';

/** The tag Amplify puts on a `defineFunction`'s Lambda: the `name` it was given (`access-authorizer`). */
export const FRIENDLY_NAME_TAG = 'amplify:friendly-name';

/** One `AWS::Lambda::Function` of the templates that the emulator can run. */
export interface LambdaFunction {
  readonly resource: Resource;
  readonly logicalId: string;
  /** The physical name (`Ref`), as CloudFormation would have named it. */
  readonly name: string;
  readonly arn: string;
  /** Amplify's `defineFunction` name, from the `amplify:friendly-name` tag. */
  readonly friendlyName?: string;
  /** A short name for log prefixes: the friendly name, else the logical id. */
  readonly label: string;
  readonly runtime: string;
  /** `file.export` (a path relative to the code folder, then the export). */
  readonly handler: string;
  /** The folder the code was staged in (the unzipped bundle). */
  readonly codeDir: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly reservedConcurrency?: number;
  /**
   * The function's configured environment, evaluated now (so that names the running local cloud
   * answers through `Naming` are current), with Amplify's SSM-backed variables already resolved
   * against the templates' `AWS::SSM::Parameter`s and `AMPLIFY_SSM_ENV_CONFIG` set to `{}`.
   */
  environment(): Record<string, string>;
}

/** A function of the templates the emulator cannot run (another runtime, no staged code). */
export interface SkippedFunction {
  readonly resource: Resource;
  readonly name: string;
  readonly reason: string;
}

export const AMPLIFY_SSM_ENV_CONFIG = 'AMPLIFY_SSM_ENV_CONFIG';

/** The SSM parameters the templates create: name → value, evaluated. */
export const ssmParameters = (assembly: Assembly): Map<string, string> => {
  const params = new Map<string, string>();
  for (const resource of assembly.resources('AWS::SSM::Parameter')) {
    const p = assembly.properties<{ Name?: unknown; Value?: unknown }>(resource);
    const name = p.Name !== undefined ? String(p.Name) : assembly.physicalId(resource);
    if (p.Value !== undefined) params.set(name, String(p.Value));
  }
  return params;
};

/**
 * Does at start what Amplify's function shim does at cold start through SSM `GetParameters`: sets
 * each variable of `AMPLIFY_SSM_ENV_CONFIG` (`{VAR: {path, sharedPath?}}`) from the parameter at
 * `path` (or `sharedPath`), then empties the config, so that the shim makes no SSM call.
 */
export const resolveSsmEnvironment = (
  env: Record<string, string>,
  parameters: Pick<ReadonlyMap<string, string>, 'get'>,
): { env: Record<string, string>; unresolved: string[] } => {
  const raw = env[AMPLIFY_SSM_ENV_CONFIG];
  if (raw === undefined) return { env, unresolved: [] };
  const config = JSON.parse(raw || '{}') as Record<string, { path?: string; sharedPath?: string }>;
  const out: Record<string, string> = { ...env, [AMPLIFY_SSM_ENV_CONFIG]: '{}' };
  const unresolved: string[] = [];
  for (const [variable, { path, sharedPath }] of Object.entries(config)) {
    const value = (path && parameters.get(path)) ?? (sharedPath && parameters.get(sharedPath));
    if (value === undefined || value === '') unresolved.push(`${variable} (${path ?? sharedPath})`);
    else out[variable] = value;
  }
  return { env: out, unresolved };
};

const tag = (tags: unknown, key: string): string | undefined => {
  if (Array.isArray(tags))
    return (tags as { Key: string; Value: unknown }[]).find((t) => t.Key === key)?.Value as string;
  if (tags && typeof tags === 'object') return (tags as Record<string, string>)[key];
  return undefined;
};

/** Where the code of a function with inline code (`Code.ZipFile`) is written. */
const inlineCodeDir = (source: string): string => {
  const dir = join(
    tmpdir(),
    `cloudshop-inline-lambda-${createHash('sha256').update(source).digest('hex').slice(0, 16)}`,
  );
  if (!existsSync(join(dir, 'index.js'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js'), source);
  }
  return dir;
};

interface FunctionProperties {
  Code?: { S3Bucket?: string; S3Key?: string; ZipFile?: string; ImageUri?: string };
  Handler?: string;
  Runtime?: string;
  Timeout?: number | string;
  MemorySize?: number | string;
  ReservedConcurrentExecutions?: number | string;
  Environment?: { Variables?: Record<string, unknown> };
  Tags?: unknown;
  PackageType?: string;
}

/**
 * Every `AWS::Lambda::Function` of the templates: those the emulator runs (Node.js, code staged) and
 * the others. `secret` answers the SSM parameters no template holds (Amplify `secret()`s), by path.
 */
export const lambdaFunctions = (
  assembly: Assembly,
  secret: (path: string) => string | undefined = () => undefined,
): { functions: LambdaFunction[]; skipped: SkippedFunction[] } => {
  const functions: LambdaFunction[] = [];
  const skipped: SkippedFunction[] = [];
  for (const resource of assembly.resources('AWS::Lambda::Function')) {
    const name = assembly.physicalId(resource);
    // Only what it takes to find and describe the code; the environment is evaluated at container start.
    const { Environment: _environment, ...rest } = resource.properties as FunctionProperties;
    const p = assembly.resolve(resource.stack, rest) as FunctionProperties;
    const skip = (reason: string) => skipped.push({ resource, name, reason });
    const runtime = String(p.Runtime ?? '');
    if (p.PackageType === 'Image' || p.Code?.ImageUri) {
      skip('container image functions are not emulated');
      continue;
    }
    if (!runtime.startsWith('nodejs')) {
      skip(`runtime ${runtime || '(none)'} is not emulated (Node.js only)`);
      continue;
    }
    let codeDir: string;
    try {
      if (p.Code?.ZipFile !== undefined) codeDir = inlineCodeDir(String(p.Code.ZipFile));
      else codeDir = resolve(assembly.assetOf(p.Code)); // absolute: it is the container's cwd and LAMBDA_TASK_ROOT
      if (!statSync(codeDir).isDirectory()) throw new Error(`${codeDir} is not a folder`);
    } catch (error) {
      skip(`its code is not staged in the assembly: ${(error as Error).message}`);
      continue;
    }
    const friendlyName = tag(p.Tags, FRIENDLY_NAME_TAG);
    const templateEnv = _environment;
    functions.push({
      resource,
      logicalId: resource.logicalId,
      name,
      arn: String(assembly.attribute(resource, 'Arn')),
      friendlyName,
      label: friendlyName ?? resource.logicalId,
      runtime,
      handler: String(p.Handler ?? 'index.handler'),
      codeDir,
      timeoutSeconds: Number(p.Timeout ?? 3),
      memoryMb: Number(p.MemorySize ?? 128),
      reservedConcurrency:
        p.ReservedConcurrentExecutions !== undefined ? Number(p.ReservedConcurrentExecutions) : undefined,
      environment: () => {
        let evaluated: Record<string, unknown> = {};
        try {
          if (templateEnv)
            evaluated =
              (assembly.resolve(resource.stack, templateEnv) as FunctionProperties['Environment'])?.Variables ?? {};
        } catch (error) {
          throw new Error(`cannot evaluate the environment of ${friendlyName ?? name}: ${(error as Error).message}`, {
            cause: error,
          });
        }
        const env = Object.fromEntries(
          Object.entries(evaluated).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        );
        const parameters = ssmParameters(assembly);
        const resolved = resolveSsmEnvironment(env, { get: (path) => parameters.get(path) ?? secret(path) });
        if (resolved.unresolved.length) {
          console.warn(
            `[lambda] ${friendlyName ?? name}: no SSM parameter in the templates for ${resolved.unresolved.join(', ')}`,
          );
        }
        return resolved.env;
      },
    });
  }
  return { functions, skipped };
};
