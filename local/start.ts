/**
 * `npm start`: the whole system on this machine. Prints every URL when ready; Ctrl-C stops all of it.
 * `npm start -- --reset` throws away the local data first.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCloud } from './cloud';
import { PORTS } from './ports';

const root = process.cwd();
const dataDir = join(root, '.local');
const pidFile = join(dataDir, 'cloud.pid');

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

if (existsSync(pidFile)) {
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (pid && running(pid)) {
    console.log(
      `cloudshop is already running (process ${pid}): the storefront is at http://127.0.0.1:${PORTS.storefront}.`,
    );
    console.log('Stop it with Ctrl-C in its terminal first, or use that one.');
    process.exit(1);
  }
}

if (process.argv.includes('--reset')) {
  rmSync(dataDir, { recursive: true, force: true });
  console.log('--reset: starting with empty local data');
}
mkdirSync(dataDir, { recursive: true });
writeFileSync(pidFile, String(process.pid));

// The functions' log lines print here, one readable line each (LOCAL_LOG=quiet|info|debug).
process.env.LOCAL_LOG ??= 'info';
console.log('Starting the cloudshop local cloud...');
const cloud = await startLocalCloud({
  root,
  dataDir,
  ports: { ...PORTS },
  storefront: 'dev',
  outputsFile: join(root, 'amplify_outputs.json'),
  log: (line) => console.log(`  ${line}`),
}).catch((error: Error) => {
  rmSync(pidFile, { force: true });
  console.error(`\nThe local cloud failed to start: ${error.message}`);
  console.error('`npm run doctor` checks what `npm start` needs (Java, free ports, disk) and says how to fix it.');
  process.exit(1);
});

const rows: [string, string][] = [
  ['Storefront', cloud.urls.storefront],
  ['Console', cloud.urls.console],
  ['GraphQL API', cloud.urls.graphql],
  ['Outbox (emails)', `${cloud.urls.outbox}/emails`],
  ['Outbox (SNS)', `${cloud.urls.outbox}/sns`],
  ['Events', cloud.urls.events],
  ['Saga runs', cloud.urls.executions],
  ['Cognito', cloud.urls.cognito],
  ['DynamoDB', cloud.urls.dynamodb],
];
console.log(`\ncloudshop is ready in ${(cloud.timings.total / 1000).toFixed(1)} s (synthesis ${cloud.synthesis}).\n`);
for (const [name, address] of rows) console.log(`  ${name.padEnd(18)} ${address}`);
console.log(`\n  Admin sign-in      ${cloud.admin.email} / ${cloud.admin.password}`);
console.log('  Guest API token    guest');
console.log('\nPress Ctrl-C to stop.');

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the local cloud...');
  await cloud.stop();
  rmSync(pidFile, { force: true });
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
