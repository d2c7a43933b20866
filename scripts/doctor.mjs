#!/usr/bin/env node
// `npm run doctor`: checks what `npm start` and `npm test` need of this machine and says how to fix
// what is missing. Plain JavaScript with no dependencies, so it runs before anything is installed,
// on whatever Node the machine has.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Free space `npm ci`, a production `next build`, DynamoDB Local's data and the test artifacts want. */
export const MIN_FREE_DISK_GB = 5;
/** The oldest Node that runs npm and `scripts/bootstrap.mjs`; the project brings its own Node 22. */
export const MIN_SYSTEM_NODE = 20;
export const MIN_JAVA = 17;

/** `openjdk version "17.0.15" 2025-04-15` → 17; the old scheme `java version "1.8.0_402"` → 8. */
export const javaMajor = (versionOutput) => {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
};

/** Resolves true when nothing listens on `port` at 127.0.0.1. */
export const portFree = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** Who holds a port, when `ss` can tell (`node` pid 1234), else nothing. */
const holderOf = (port) => {
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(ss.stdout ?? '');
  return m ? `${m[1]} (pid ${m[2]})` : undefined;
};

const run = (command, args) => {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return r.error ? undefined : `${r.stdout ?? ''}${r.stderr ?? ''}`;
};

/**
 * Each check answers `{ name, ok, detail, fix? , needed: 'start' | 'test' }`; a failed check that
 * only `npm test` needs still fails the doctor, and says so.
 */
export const checks = async ({ ports = JSON.parse(readFileSync(join(root, 'local/ports.json'), 'utf8')) } = {}) => {
  const out = [];
  const add = (check) => out.push(check);

  const systemNode = Number(process.versions.node.split('.')[0]);
  add({
    name: 'Node.js',
    needed: 'start',
    ok: systemNode >= MIN_SYSTEM_NODE,
    detail: `${process.version} runs npm; the project's own Node 22 comes with \`npm ci\``,
    fix: `install Node.js ${MIN_SYSTEM_NODE} or newer (https://nodejs.org, or your package manager)`,
  });

  const node22 = join(root, 'node_modules/node/bin/node');
  const installed = existsSync(node22);
  add({
    name: 'dependencies',
    needed: 'start',
    ok: true,
    detail: installed
      ? `installed (Node ${run(node22, ['--version'])?.trim() ?? '?'} for the project)`
      : 'not installed yet: `npm start` and `npm test` run `npm ci` first (the npm registry must be reachable)',
  });

  const java = run('java', ['-version']);
  const major = java && javaMajor(java);
  add({
    name: 'Java',
    needed: 'start',
    ok: major !== undefined && major >= MIN_JAVA,
    detail: java ? (java.split('\n')[0] ?? '').trim() : 'not found on the PATH',
    fix: `DynamoDB Local needs Java ${MIN_JAVA} or newer: sudo apt-get install openjdk-17-jre-headless (Debian/Ubuntu), or brew install openjdk@17`,
  });

  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const chromiumVersion = existsSync(chromium) ? run(chromium, ['--version']) : undefined;
  add({
    name: 'Chromium',
    needed: 'test',
    ok: Boolean(chromiumVersion?.includes('Chromium')),
    detail: chromiumVersion
      ? (chromiumVersion.split('\n').find((l) => l.includes('Chromium')) ?? chromiumVersion).trim()
      : `not found at ${chromium}`,
    fix: "the end-to-end tests run Debian's Chromium: sudo apt-get update && sudo apt-get install chromium (npm test installs it itself when run as root), or set CHROMIUM_PATH",
  });

  for (const [needed, set] of [
    ['start', ports.start],
    ['test', ports.test],
  ]) {
    const busy = [];
    for (const [service, port] of Object.entries(set))
      if (!(await portFree(port)))
        busy.push(`${port} (${service}${holderOf(port) ? `, held by ${holderOf(port)}` : ''})`);
    add({
      name: 'ports',
      needed,
      ok: busy.length === 0,
      detail: busy.length ? `in use: ${busy.join(', ')}` : `free: ${Object.values(set).join(', ')}`,
      fix:
        needed === 'start'
          ? 'stop the program holding them (another `npm start`?)'
          : 'stop the program holding them (another `npm test`?), or give this run others: CLOUDSHOP_TEST_PORTS=storefront,dynamodb,cognito,appsync,cloud',
    });
  }

  const disk = statfsSync(root);
  const freeGb = (disk.bavail * disk.bsize) / 1024 ** 3;
  add({
    name: 'disk',
    needed: 'start',
    ok: freeGb >= MIN_FREE_DISK_GB,
    detail: `${freeGb.toFixed(1)} GB free where the project is`,
    fix: `free at least ${MIN_FREE_DISK_GB} GB (node_modules, the storefront build and local data need it); \`rm -rf .local .next*\` removes local data and builds`,
  });
  return out;
};

/** One line per check, a fix under each failure; exit status 1 when anything failed. */
const main = async () => {
  const results = await checks();
  for (const c of results) {
    const what = c.needed === 'test' ? ' (for npm test)' : '';
    console.log(`${c.ok ? '✓' : '✗'} ${c.name}${what}: ${c.detail}`);
    if (!c.ok && c.fix) console.log(`    fix: ${c.fix}`);
  }
  const failed = results.filter((c) => !c.ok);
  console.log(
    failed.length
      ? `\n${failed.length} problem(s): fix them, then run \`npm run doctor\` again.`
      : '\nEverything `npm start` and `npm test` need is here.',
  );
  process.exitCode = failed.length ? 1 : 0;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
