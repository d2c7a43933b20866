/**
 * `npm test`: every test, in the order that fails fastest. Types, lint and the lock file; unit and
 * component tests; the synthesized templates; then a fresh local cloud on its own ports for the
 * integration tests and the Playwright journeys. Prints one line per step and a closing summary.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startThrowawayCloud, type LocalCloud } from '../local/cloud';
import { TEST_PORTS } from '../local/ports';

const results: { step: string; ok: boolean; seconds: number }[] = [];

const run = (step: string, command: string, args: string[], env: Record<string, string> = {}) => {
  const started = Date.now();
  console.log(`\n▶ ${step}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  results.push({ step, ok, seconds: (Date.now() - started) / 1000 });
  if (!ok) finish(1);
};

const finish = (code: number): never => {
  console.log('\nSummary');
  for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.step.padEnd(34)} ${r.seconds.toFixed(1)} s`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
  process.exit(code);
};

/** Chromium from Debian: installed here when we may, else a message that says how. */
const ensureChromium = () => {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    run('install Chromium', 'bash', [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
    ]);
    return;
  }
  console.error(
    'The end-to-end tests need Chromium at /usr/bin/chromium. Install it with: sudo apt-get install chromium',
  );
  finish(1);
};

run('types', 'tsc', ['--noEmit', '-p', '.']);
run('lint', 'eslint', ['.']);
run('format', 'prettier', ['--check', '.']);
run('lock file survives npm ci', 'npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund']);
run('unit and component tests', 'vitest', ['run', '--project', 'unit', '--project', 'components']);
run('synthesize the backend (sandbox and branch)', 'tsx', ['local/assembly/synth.ts', '--branch']);
run('template tests', 'vitest', ['run', '--project', 'templates']);
ensureChromium();

let cloud: LocalCloud | undefined;
const stop = async (code: number): Promise<never> => {
  await cloud?.stop();
  return finish(code);
};
process.on('SIGINT', () => void stop(130));

const started = Date.now();
console.log('\n▶ start a fresh local cloud for the integration and end-to-end tests');
try {
  cloud = await startThrowawayCloud({
    ports: TEST_PORTS,
    storefront: 'production',
    log: (line) => console.log(`  ${line}`),
  });
  results.push({ step: 'start the local cloud', ok: true, seconds: (Date.now() - started) / 1000 });
} catch (error) {
  console.error(error);
  results.push({ step: 'start the local cloud', ok: false, seconds: (Date.now() - started) / 1000 });
  await stop(1);
}

const env = cloud!.testEnvironment();
// The local cloud serves from this process, so these must not block its event loop (no spawnSync).
const timed = async (step: string, command: string, args: string[]) => {
  const begun = Date.now();
  console.log(`\n▶ ${step}: ${command} ${args.join(' ')}`);
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  results.push({ step, ok: status === 0, seconds: (Date.now() - begun) / 1000 });
  return status === 0;
};
const integrationOk = await timed('integration tests', 'vitest', [
  'run',
  '--project',
  'integration',
  '--project',
  'cloud',
]);
const e2eOk = await timed('end-to-end tests', 'playwright', ['test']);
// Last, so its faults and hostile traffic meet no other test: about a minute of mixed load with
// faults on, then the books balanced (bench/soak). Its report goes to a temporary folder.
const soakOk = await timed('soak (1 minute, faults on)', 'tsx', [
  'bench/soak/cli.ts',
  '--minutes',
  '0.75',
  '--users',
  '3',
  '--step-errors',
  '--consumer-errors',
  '--crash-after-write',
  '--duplicate-events',
  '--duplicate-streams',
  '--payment-timeout',
  '--settle-seconds',
  '60',
  '--out',
  join(tmpdir(), `cloudshop-soak-${process.pid}`, 'soak'),
]);
await stop(integrationOk && e2eOk && soakOk ? 0 : 1);
