/**
 * A throwaway local cloud that stays up, for running one test file or one Playwright spec by hand:
 *
 *   CLOUDSHOP_TEST_PORTS=33000,38000,39229,34000,34010 NEXT_DIST_DIR=.next-33000 \
 *     npx tsx local/testing/serve.ts /tmp/cloud.env [dev|production|none]
 *   set -a; . /tmp/cloud.env; set +a; npx vitest run --project cloud some.cloud.test.ts
 *
 * The environment file holds what `npm test` gives its test runners; the cloud stops on Ctrl-C.
 */
import { writeFileSync } from 'node:fs';
import { startThrowawayCloud } from '../cloud';
import { TEST_PORTS } from '../ports';

const [envFile = '.local/test-cloud.env', mode = 'production'] = process.argv.slice(2);
if (mode !== 'dev' && mode !== 'production' && mode !== 'none') throw new Error(`unknown storefront mode ${mode}`);

const cloud = await startThrowawayCloud({ ports: TEST_PORTS, storefront: mode, log: (line) => console.log(line) });
const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
writeFileSync(
  envFile,
  Object.entries(cloud.testEnvironment())
    .map(([key, value]) => `${key}=${quote(value)}`)
    .join('\n') + '\n',
);
console.log(`ready: environment in ${envFile}`);
const stop = () => void cloud.stop().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
