import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0003-review';
import { insertPatientAndSession, insertRecording } from './fixtures/library-rows';

/** House style 4: migrate to N−1, insert rows, migrate to N, check them and the new tables. */
describe(`migration ${migration.version} (review: corrections, measurements, key frames)`, () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps recordings and adds the review tables with their checks and cascades', () => {
    const home = mkdtempSync(join(tmpdir(), 'stridelab-mig-review-'));
    dirs.push(home);
    const before = openLibrary(home, { migrateTo: migration.version - 1 });
    expect(before.schemaVersion).toBe(migration.version - 1);
    insertPatientAndSession(before.db);
    insertRecording(before.db, before.paths.mediaDir, 's1', {
      id: 'r1',
      view: 'side',
      condition: 'flat',
      times: [0, 1 / 30, 2 / 30],
      width: 640,
      height: 360,
    });
    before.close();

    const after = openLibrary(home, { migrateTo: migration.version });
    expect(after.schemaVersion).toBe(migration.version);
    const db = after.db;
    expect(db.prepare(`SELECT view, frame_count FROM recordings WHERE id = 'r1'`).get()).toEqual({
      view: 'side',
      frame_count: 3,
    });
    const ts = '2026-01-02T00:00:00.000Z';
    const correct = db.prepare(
      `INSERT INTO landmark_corrections (recording_id, frame, landmark, x, y, updated_at) VALUES (?, ?, ?, 10, 20, ?)`,
    );
    correct.run('r1', 1, 'leftKnee', ts);
    expect(() => correct.run('r1', 1, 'leftKnee', ts)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => correct.run('r1', -1, 'leftKnee', ts)).toThrow(/CHECK/);
    expect(() => correct.run('nope', 1, 'leftKnee', ts)).toThrow(/FOREIGN KEY/);
    const measure = db.prepare(
      `INSERT INTO review_measurements (id, session_id, recording_id, frame, tool, points_json, created_at, updated_at)
       VALUES (?, 's1', 'r1', 0, ?, '[[0,0],[1,1]]', ?, ?)`,
    );
    measure.run('m1', 'distance', ts, ts);
    expect(() => measure.run('m2', 'protractor', ts, ts)).toThrow(/CHECK/);
    const key = db.prepare(
      `INSERT INTO key_frames (id, session_id, recording_id, frame, t, label, event, side, overlays_json, created_at, updated_at)
       VALUES (?, 's1', 'r1', ?, 0.1, 'Left initial contact', ?, 'left', '{}', ?, ?)`,
    );
    key.run('k1', 2, 'IC', ts, ts);
    expect(() => key.run('k2', 2, 'IC', ts, ts)).toThrow(/UNIQUE/);
    expect(() => key.run('k3', 1, 'XX', ts, ts)).toThrow(/CHECK/);
    // Purging the recording takes its corrections, measurements and key frames with it.
    db.prepare(`DELETE FROM recordings WHERE id = 'r1'`).run();
    for (const table of ['landmark_corrections', 'review_measurements', 'key_frames']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    after.close();
  });
});
