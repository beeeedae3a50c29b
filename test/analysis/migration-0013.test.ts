import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0013-analysis-job-early-cancel';
import { tempDir } from '../helpers/tmp';
import { insertRecording } from '../sync/helpers';

/** House style 4: migrate to N−1, insert rows, migrate to N, check the rows and the new columns. */
describe('migration 0013 (analysis jobs: first numbers, cancel from another workstation)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps every job as it was, with no first numbers and no cancel asked for', () => {
    const dir = tempDir('stridelab-mig13-');
    dirs.push(dir);
    const before = openLibrary(dir.path, { migrateTo: migration.version - 1 });
    const ts = '2026-01-01T00:00:00.000Z';
    before.db
      .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ana', ?, ?)`)
      .run(ts, ts);
    before.db
      .prepare(
        `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s1', 'p1', '2026-01-01', ?, ?)`,
      )
      .run(ts, ts);
    for (const id of ['r1', 'r2'])
      insertRecording(before.db, {
        id,
        sessionId: 's1',
        view: 'side',
        name: `${id}.mp4`,
        fps: 30,
        frames: 90,
      });
    const insert = before.db.prepare(
      `INSERT INTO analysis_jobs (recording_id, model, state, attempts, queued_at, updated_at, claimed_by, lease_until)
       VALUES (?, 'full', ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('r1', 'running', 1, ts, ts, 'room 1 #1.abc', ts);
    insert.run('r2', 'done', 1, ts, ts, null, null);
    before.close();

    const after = openLibrary(dir.path, { migrateTo: migration.version });
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
