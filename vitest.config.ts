import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Five kinds of test: `unit` (beside the code, no services), `components` (`*.test.tsx` beside the
 * storefront's React components, rendered in jsdom with Testing Library, the API mocked at its
 * module), `templates` (assertions on the synthesized cloud assembly), `integration`
 * (`*.int.test.ts`: one real service each, such as DynamoDB Local, started by the test) and `cloud`
 * (`*.cloud.test.ts`: through the whole local cloud, the one `npm test` started or one the project
 * starts for itself).
 */
export default defineConfig({
  // The storefront's `@/…` imports, as tsconfig.json maps them.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'amplify/**/*.test.ts',
            'local/**/*.test.ts',
            'lib/**/*.test.ts',
            'components/**/*.test.ts',
            'bench/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/*.cloud.test.ts', '**/*.template.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'components',
          include: ['components/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['components/test-setup.ts'],
        },
      },
      { extends: true, test: { name: 'templates', include: ['amplify/**/*.template.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['**/*.int.test.ts'], exclude: ['node_modules/**'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'cloud',
          include: ['**/*.cloud.test.ts'],
          exclude: ['node_modules/**'],
          globalSetup: ['local/testing/global-setup.ts'],
          setupFiles: ['local/testing/cloud-setup.ts'],
          // One file at a time: a fault injected by one file's test must not hit another file's order.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
