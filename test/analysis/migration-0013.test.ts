import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0013-analysis-job-early-cancel';
import { libraryBefore, MIGRATION_TS } from '../helpers/migration-before';

/** House style 4: migrate to N−1, insert rows, migrate to N, check the rows and the new columns. */
describe('migration 0013 (analysis jobs: first numbers, cancel from another workstation)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps every job as it was, with no first numbers and no cancel asked for', () => {
    const lib = libraryBefore(migration.version, ['r1', 'r2']);
    dirs.push(lib);
    const { before } = lib;
    const ts = MIGRATION_TS;
    const insert = before.db.prepare(
      `INSERT INTO analysis_jobs (recording_id, model, state, attempts, queued_at, updated_at, claimed_by, lease_until)
       VALUES (?, 'full', ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('r1', 'running', 1, ts, ts, 'room 1 #1.abc', ts);
    insert.run('r2', 'done', 1, ts, ts, null, null);
    before.close();

    const after = openLibrary(lib.path, { migrateTo: migration.version });
    expect(after.schemaVersion).toBe(migration.version);
    expect(
      after.db
        .prepare(
          `SELECT recording_id, state, claimed_by, early_json, cancel_requested_at, cancel_requested_by
           FROM analysis_jobs ORDER BY 1`,
        )
        .all(),
    ).toEqual([
      {
        recording_id: 'r1',
        state: 'running',
        claimed_by: 'room 1 #1.abc',
        early_json: null,
        cancel_requested_at: null,
        cancel_requested_by: null,
      },
      {
        recording_id: 'r2',
        state: 'done',
        claimed_by: null,
        early_json: null,
        cancel_requested_at: null,
        cancel_requested_by: null,
      },
    ]);
    after.close();
  });
});
