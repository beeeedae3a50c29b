import { configDefaults, defineConfig } from 'vitest/config';

/**
 * One runner for every tier: pure unit tests next to the code (src-*\/**\/*.test.ts), service tests on
 * real SQLite files and real clips (test/**), and end-to-end tests that drive the real renderer in
 * Debian Chromium (test/e2e/**). Two cores: two workers at most, so Chromium-heavy files do not starve.
 *
 * The `postgres` project runs against a throwaway PostgreSQL cluster that its globalSetup starts
 * once per run and deletes at the end (test/helpers/postgres-cluster.ts); vitest starts it only when
 * a file of that project is selected. It runs the `*.pg.test.ts` files, and runs the data layer's
 * tests (test/data) a second time with STRIDELAB_TEST_DB=postgres, so each repository is held to
 * the same behaviour on both backends (test/helpers/test-library.ts gives them their library).
 */
/**
 * Service tests that run on both backends: each opens its services with openTestServices
 * (test/helpers/test-services.ts), which gives a clinic server's library (database + shared media
 * folder) when STRIDELAB_TEST_DB=postgres.
 */
export const BOTH_BACKENDS = ['test/library/library.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for what a page or a service shows: 1 s (vitest's default) is a wall-clock
    // bet that a loaded 2-core CI machine loses now and then (review-analysis: the step table's
    // recompute after an undo took longer than 1 s while other workers ran Chromium). A poll still
    // fails when the awaited state never comes; it only waits longer before saying so.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '**/*.pg.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/**/*.pg.test.ts', 'test/data/**/*.test.ts', ...BOTH_BACKENDS],
          // Reads source files only: once is enough.
          exclude: [...configDefaults.exclude, 'test/data/no-sql.test.ts'],
          globalSetup: ['test/helpers/postgres-global.ts'],
          env: { STRIDELAB_TEST_DB: 'postgres' },
        },
      },
    ],
  },
});
