#!/usr/bin/env node
// The first thing `npm start` and `npm test` run, on whatever Node the machine has: it installs the
// locked dependencies when they are missing or stale, then runs the given TypeScript entry point
// on the project's own Node 22 (the `node` dev dependency). Plain JavaScript, no dependencies.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules/.cloudshop-lock-sha256');
const lockHash = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');
const node22 = join(root, 'node_modules/node/bin/node');

const installed = existsSync(marker) && readFileSync(marker, 'utf8') === lockHash && existsSync(node22);
if (!installed) {
  console.log('Installing dependencies (npm ci): node_modules is missing or older than package-lock.json...');
  // npm itself may run on an older Node than the packages want: their engine warnings are noise here.
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('npm ci failed; see above. The lock file may be out of date: run `npm install` and commit it.');
    process.exit(npm.status ?? 1);
  }
  writeFileSync(marker, lockHash);
}

const [entry, ...args] = process.argv.slice(2);
const run = spawnSync(node22, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, entry), ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
});
process.exit(run.status ?? (run.signal ? 1 : 0));
