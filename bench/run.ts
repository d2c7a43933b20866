/** `npm run bench -- <name>`: runs `bench/<name>.ts`, which prints its own figures. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync(join(process.cwd(), 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>, one of: ${available.join(', ')}`);
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
