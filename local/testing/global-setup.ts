import type { TestProject } from 'vitest/node';
import { startThrowawayCloud } from '../cloud';
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
  const cloud = await startThrowawayCloud({ ports: TEST_PORTS, storefront: 'none' });
  project.provide('localCloud', cloud.testEnvironment());
  return () => cloud.stop();
}
