import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalCloud, type LocalCloud } from '../cloud';
import { TEST_PORTS } from '../ports';

declare module 'vitest' {
  export interface ProvidedContext {
    localCloud: Record<string, string>;
  }
}

/**
 * The integration tests run against a local cloud: the one `npm test` started (its addresses are in
 * the environment), or else a fresh one started here, without the storefront, and stopped after.
 */
export default async function setup(project: TestProject) {
  if (process.env.GRAPHQL_URL) {
    project.provide(
      'localCloud',
      Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudshop-integration-'));
  let cloud: LocalCloud | undefined;
  try {
    cloud = await startLocalCloud({
      root: process.cwd(),
      dataDir,
      ports: TEST_PORTS,
      storefront: 'none',
      outputsFile: join(dataDir, 'amplify_outputs.json'),
      log: () => {},
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('localCloud', cloud.testEnvironment());
  return async () => {
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
