import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0012-analysis-job-leases';
import { libraryBefore, MIGRATION_TS } from '../helpers/migration-before';

/** House style 4: migrate to N−1, insert rows, migrate to N, check the rows and the new columns. */
describe('migration 0012 (analysis job leases)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps every job as it was, with no claimer and no lease', () => {
    const lib = libraryBefore(migration.version, ['r1', 'r2']);
    dirs.push(lib);
    const { before } = lib;
    const ts = MIGRATION_TS;
    const insert = before.db.prepare(
      `INSERT INTO analysis_jobs (recording_id, model, state, attempts, queued_at, updated_at)
       VALUES (?, 'full', ?, ?, ?, ?)`,
    );
    insert.run('r1', 'running', 2, ts, ts);
    insert.run('r2', 'queued', 0, ts, ts);
    before.close();

    const after = openLibrary(lib.path, { migrateTo: migration.version });
    expect(after.schemaVersion).toBe(migration.version);
    expect(
      after.db
        .prepare(
          `SELECT recording_id, state, attempts, claimed_by, lease_until FROM analysis_jobs ORDER BY 1`,
        )
        .all(),
    ).toEqual([
      { recording_id: 'r1', state: 'running', attempts: 2, claimed_by: null, lease_until: null },
      { recording_id: 'r2', state: 'queued', attempts: 0, claimed_by: null, lease_until: null },
    ]);
    after.db
      .prepare(`UPDATE analysis_jobs SET claimed_by = 'room 2', lease_until = ? WHERE recording_id = 'r2'`)
      .run(ts);
    expect(after.db.prepare(`SELECT claimed_by FROM analysis_jobs WHERE recording_id = 'r2'`).get()).toEqual({
      claimed_by: 'room 2',
    });
    after.close();
  });
});
