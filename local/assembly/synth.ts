import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Where `npm run synth` writes the cloud assembly (where `ampx sandbox` keeps its own, too). */
export const ASSEMBLY_DIR = '.amplify/artifacts/cdk.out';

/** The backend the local cloud synthesizes: a sandbox, as a developer's `npx ampx sandbox` would. */
export const LOCAL_BACKEND_CONTEXT = {
  'amplify-backend-namespace': 'cloudshop',
  'amplify-backend-name': 'local',
  'amplify-backend-type': 'sandbox',
};

/**
 * A branch on Amplify Hosting, built by its pipeline in us-east-1: the production settings the
 * template tests check. Amplify Hosting sets `AWS_APP_ID` and `AWS_REGION` in its build; this app
 * id is made up.
 */
export const HOSTED_BRANCH = {
  dir: `${ASSEMBLY_DIR}-branch`,
  context: { ...LOCAL_BACKEND_CONTEXT, 'amplify-backend-type': 'branch', 'amplify-backend-name': 'main' },
  env: { AWS_APP_ID: 'd1a2b3c4d5e6f7', AWS_REGION: 'us-east-1' },
};

const INPUTS_FILE = '.inputs-sha256';

/** Everything that changes what synthesis writes: the backend's sources, and the locked dependencies. */
const inputsHash = (root: string, context: Record<string, string>, env: Record<string, string>): string => {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === '.amplify') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.test.ts')) hash.update(relative(root, path)).update(readFileSync(path));
    }
  };
  walk(join(root, 'amplify'));
  for (const file of ['package-lock.json', 'local/assembly/synth.ts'])
    hash.update(file).update(readFileSync(join(root, file)));
  hash.update(JSON.stringify(context)).update(JSON.stringify(env));
  return hash.digest('hex');
};

export interface SynthResult {
  dir: string;
  reused: boolean;
  ms: number;
}

/**
 * Synthesizes `amplify/backend.ts` offline (no AWS account) into a cloud assembly, or reuses the
 * last one when nothing that feeds it changed.
 */
export const synth = (
  root = process.cwd(),
  {
    force = false,
    dir = join(root, ASSEMBLY_DIR),
    context = LOCAL_BACKEND_CONTEXT,
    /** What the build environment tells the backend (Amplify Hosting's `AWS_APP_ID`, ...). */
    env = {} as Record<string, string>,
  } = {},
): SynthResult => {
  const started = Date.now();
  const expected = inputsHash(root, context, env);
  const marker = join(dir, INPUTS_FILE);
  if (!force && existsSync(marker) && readFileSync(marker, 'utf8') === expected) {
    return { dir, reused: true, ms: Date.now() - started };
  }
  return withLock(`${dir}.lock`, () => {
    // Another process may have synthesized the same inputs while this one waited.
    if (!force && existsSync(marker) && readFileSync(marker, 'utf8') === expected) {
      return { dir, reused: true, ms: Date.now() - started };
    }
    rmSync(dir, { recursive: true, force: true });
    const run = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'amplify/backend.ts'], {
      cwd: root,
      env: { ...process.env, ...env, CDK_OUTDIR: dir, CDK_CONTEXT_JSON: JSON.stringify(context) },
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      throw new Error(`synthesis failed (exit ${run.status}):\n${run.stderr || run.stdout}`);
    }
    writeFileSync(marker, expected);
    return { dir, reused: false, ms: Date.now() - started };
  });
};

/** Runs `work` holding a lock folder, so parallel test files never synthesize over each other. */
const withLock = <T>(lock: string, work: () => T): T => {
  const deadline = Date.now() + 180_000;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock, { recursive: false });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed process is older than any synthesis takes.
      if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
};

/** `tsx local/assembly/synth.ts [--force] [--branch]`: the local sandbox's assembly, and with `--branch` the hosted branch's too. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const force = process.argv.includes('--force');
  const builds = [
    {},
    ...(process.argv.includes('--branch') ? [{ ...HOSTED_BRANCH, dir: join(process.cwd(), HOSTED_BRANCH.dir) }] : []),
  ];
  for (const build of builds) {
    const result = synth(process.cwd(), { force, ...build });
    console.log(
      result.reused
        ? `cloud assembly unchanged: reused ${relative(process.cwd(), result.dir)} (${result.ms} ms)`
        : `synthesized the backend into ${relative(process.cwd(), result.dir)} in ${(result.ms / 1000).toFixed(1)} s`,
    );
  }
}
