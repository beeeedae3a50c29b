import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0012-analysis-job-leases';
import { tempDir } from '../helpers/tmp';
import { insertRecording } from '../sync/helpers';

/** House style 4: migrate to N−1, insert rows, migrate to N, check the rows and the new columns. */
describe('migration 0012 (analysis job leases)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps every job as it was, with no claimer and no lease', () => {
    const dir = tempDir('stridelab-mig12-');
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
      `INSERT INTO analysis_jobs (recording_id, model, state, attempts, queued_at, updated_at)
       VALUES (?, 'full', ?, ?, ?, ?)`,
    );
    insert.run('r1', 'running', 2, ts, ts);
    insert.run('r2', 'queued', 0, ts, ts);
    before.close();

    const after = openLibrary(dir.path, { migrateTo: migration.version });
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
