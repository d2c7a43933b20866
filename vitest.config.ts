import { defineConfig } from 'vitest/config';

/**
 * Three kinds of test: `unit` (beside the code, no services), `templates` (assertions on the
 * synthesized cloud assembly) and `integration` (`*.int.test.ts`, against a running local cloud).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['amplify/**/*.test.ts', 'local/**/*.test.ts', 'lib/**/*.test.ts', 'components/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.template.test.ts', 'node_modules/**'],
        },
      },
      { extends: true, test: { name: 'templates', include: ['amplify/**/*.template.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**'],
          globalSetup: ['local/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
