import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0015-analysis-job-outcome';
import { libraryBefore } from '../helpers/migration-before';
import { sqliteRunner } from '../helpers/sql-both';
import { EXPECTED_ROWS, insertOldJobs, ROWS_SQL } from './outcome-backfill';

/**
 * House style 4 on a library file made at version 14: every job kept as it was, and each finished
 * one given the outcome its note says (src-shared/analysis/outcome.ts). The same jobs on PostgreSQL:
 * migration-0015.pg.test.ts.
 */
describe('migration 0015 (analysis jobs: what the gait step made of the clip)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps every job and fills the outcome of the finished ones from their notes', async () => {
    const lib = libraryBefore(migration.version, ['r1', 'r2', 'r3']);
    dirs.push(lib);
    await insertOldJobs(sqliteRunner(lib.before.db));
    expect(() => lib.before.db.prepare(`SELECT outcome FROM analysis_jobs`).all()).toThrow(/no such column/);
    lib.before.close();

    // Opened as the app opens it: migrated to the latest version.
    const after = openLibrary(lib.path);
    try {
      expect(after.schemaVersion).toBeGreaterThanOrEqual(migration.version);
      expect(after.db.prepare(ROWS_SQL).all()).toEqual(EXPECTED_ROWS);
      // The clips and the session are there as they were.
      expect(after.db.prepare(`SELECT id FROM recordings ORDER BY id`).all()).toEqual([
        { id: 'r1' },
        { id: 'r2' },
        { id: 'r3' },
      ]);
      // The data layer reads the rows back, outcome parsed.
      const jobs = await after.data.analysisJobs.listForSession('s1');
      expect(jobs.find((j) => j.recordingId === 'r1' && j.model === 'heavy')?.outcome).toBe('no-runner');
      // A word the app never writes is refused.
      expect(() =>
        after.db.prepare(`UPDATE analysis_jobs SET outcome = 'fine' WHERE recording_id = 'r1'`).run(),
      ).toThrow(/CHECK/);
    } finally {
      after.close();
    }
  });
});
