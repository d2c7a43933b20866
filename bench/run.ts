/** `npm run bench -- <name> [arguments]`: runs `bench/<name>.ts`, which prints its own figures. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The benches, each `bench/<name>.ts`. */
const BENCHES: Record<string, string> = {
  authorizer: 'the access authorizer per request, cold and warm',
  checkout: 'checkout latency and throughput, and what an order costs on AWS',
  cost: 'the AWS price list, and the checkout saga priced as a Standard and an Express workflow',
  storefront: 'Lighthouse scores and first-load JavaScript of the catalog pages, on a phone',
};

const [name, ...args] = process.argv.slice(2);
if (!name || !(name in BENCHES)) {
  const list = Object.entries(BENCHES).map(([bench, what]) => `  ${bench.padEnd(11)} ${what}`);
  console.error(`usage: npm run bench -- <name>, one of:\n${list.join('\n')}`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  [join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), join('bench', `${name}.ts`), ...args],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
