/**
 * Test support for the local cloud's pieces: the real cloud assembly (synthesized once, under a
 * lock, however many test files ask at the same time) and small fixture assemblies made on the fly.
 */
import { mkdirSync, mkdtempSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Assembly, type Naming } from '../assembly/assembly';
import { synth } from '../assembly/synth';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Synthesizes the real backend (or reuses the last synthesis) and loads it. */
export const realAssembly = async (naming?: Naming, root = process.cwd()): Promise<Assembly> => {
  const lock = join(root, '.amplify', 'synth.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmdirSync(lock);
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await sleep(200);
    }
  }
  try {
    const { dir } = synth(root);
    return new Assembly(dir, naming);
  } finally {
    rmdirSync(lock);
  }
};

export interface FixtureFunction {
  /** Files of the function's code folder: relative path → content. */
  files: Record<string, string>;
  handler?: string;
  runtime?: string;
  timeout?: number;
  memorySize?: number;
  environment?: Record<string, unknown>;
  /** The `amplify:friendly-name` tag. */
  friendlyName?: string;
  functionName?: string;
}

export interface FixtureSpec {
  functions?: Record<string, FixtureFunction>;
  /** Any other resources: logical id → `{ Type, Properties }`. */
  resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** Writes a minimal cloud assembly (one stack, staged function code) to a temp folder and loads it. */
export const fixtureAssembly = (spec: FixtureSpec, naming?: Naming): Assembly => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudshop-fixture-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, { source: { path: string; packaging: string } }> = {};
  const resources: Record<string, unknown> = { ...spec.resources };
  let n = 0;
  for (const [logicalId, fn] of Object.entries(spec.functions ?? {})) {
    const hash = `${(++n).toString(16).padStart(2, '0')}${'0'.repeat(62)}`;
    const assetDir = join(dir, `asset.${hash}`);
    for (const [path, content] of Object.entries(fn.files)) {
      mkdirSync(dirname(join(assetDir, path)), { recursive: true });
      writeFileSync(join(assetDir, path), content);
    }
    files[hash] = { source: { path: `asset.${hash}`, packaging: 'zip' } };
    resources[logicalId] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Code: { S3Bucket: { 'Fn::Sub': 'cdk-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: `${hash}.zip` },
        Handler: fn.handler ?? 'index.handler',
        Runtime: fn.runtime ?? 'nodejs22.x',
        ...(fn.functionName ? { FunctionName: fn.functionName } : {}),
        ...(fn.timeout !== undefined ? { Timeout: fn.timeout } : {}),
        ...(fn.memorySize !== undefined ? { MemorySize: fn.memorySize } : {}),
        ...(fn.environment ? { Environment: { Variables: fn.environment } } : {}),
        Tags: [
          { Key: 'created-by', Value: 'amplify' },
          ...(fn.friendlyName ? [{ Key: 'amplify:friendly-name', Value: fn.friendlyName }] : []),
        ],
      },
    };
  }
  writeFileSync(join(dir, 'fixture.assets.json'), JSON.stringify({ version: '1', files }));
  writeFileSync(join(dir, 'fixture.template.json'), JSON.stringify({ Resources: resources }));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      version: '1',
      artifacts: {
        'fixture.assets': { type: 'cdk:asset-manifest', properties: { file: 'fixture.assets.json' } },
        fixture: { type: 'aws:cloudformation:stack', properties: { templateFile: 'fixture.template.json' } },
      },
    }),
  );
  return new Assembly(dir, naming);
};
