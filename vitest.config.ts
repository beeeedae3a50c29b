import { mkdirSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * One runner for every tier: pure unit tests next to the code (src-*\/**\/*.test.ts), service tests on
 * real libraries and real clips (test/**), and end-to-end tests that drive the real renderer in
 * Debian Chromium (test/e2e/**). Two cores: two workers at most, so Chromium-heavy files do not starve.
 *
 * The `postgres` project runs against a throwaway PostgreSQL cluster that its globalSetup starts
 * once per run and deletes at the end (test/helpers/postgres-cluster.ts); vitest starts it only when
 * a file of that project is selected. It runs the `*.pg.test.ts` files, and runs a second time,
 * with STRIDELAB_TEST_DB=postgres, the data layer's tests (test/data: each repository, through
 * test/helpers/test-library.ts) and the service tests of BOTH_BACKENDS (the whole service layer as
 * `stridelab serve --db … --media …` builds it, through test/helpers/test-services.ts), so the two
 * backends are held to the same refusals, trash, ordering and transactions.
 *
 * Not in the second run: what is about the SQLite file itself (WAL, the lock, a newer file, backup
 * and restore of the file, crash and fault injection around it, migrations of a library file: the
 * server's own are *.pg.test.ts), the CLI and Electron tiers, the e2e tier (clinic-server.pg.test.ts
 * drives the app on a server), and files of pure computation (pose, gait maths, markers tracking,
 * media decoding). Inside a both-backends file, `secondRun` skips what only repeats the first run's
 * computation (prints, video encoding, searches run several times).
 */

/**
 * Service tests that run on both backends: each opens its services with openTestServices
 * (test/helpers/test-services.ts); test/helpers/both-backends.test.ts holds them to it.
 */
export const BOTH_BACKENDS = [
  'test/library/library.test.ts',
  'test/library/edit-conflict-calls.test.ts',
  'test/review/review-service.test.ts',
  'test/review/event-edits.test.ts',
  'test/sync/sync-service.test.ts',
  'test/report/report-service.test.ts',
  'test/progress/service.test.ts',
  'test/progress/earlier-clips.test.ts',
  'test/gait/service.test.ts',
  'test/capture/handlers.test.ts',
  'test/markers-app/markers-service.test.ts',
  'test/media/http.test.ts',
  'test/progress/archive-symptoms.test.ts',
  'test/analysis/queue.test.ts',
  'test/progress/report-pdf.test.ts',
  'test/progress/markers-progress.test.ts',
  'test/media/purge.test.ts',
  'test/media/import-race.test.ts',
  'test/capture/capture.test.ts',
  'test/library/planned-conditions.test.ts',
  'test/analysis/steps-outcome.test.ts',
];

// Screenshots and PDFs to look at go to $STRIDELAB_SHOTS when set (the visit walk, the reports):
// made here once, so that no test depends on another having made it first (CI at 9a: the first to
// write there was a PDF test, which found no folder).
if (process.env.STRIDELAB_SHOTS) mkdirSync(process.env.STRIDELAB_SHOTS, { recursive: true });

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // The app's children at its own priority in tests (src-main/services/process/priority.ts): the
    // tests' own Chromiums and servers would otherwise outweigh a lowered proxy and stall imports
    // past their timeouts on a loaded machine. The tests of the priorities switch it on themselves.
    env: { STRIDELAB_BACKGROUND_PRIORITY: '0' },
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
