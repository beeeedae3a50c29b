import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0010-markers';
import { tempDir } from '../helpers/tmp';
import { insertPatientAndSession, insertRecording } from '../review/fixtures/library-rows';

/** House style 4: migrate to N−1, insert rows, migrate to N, check the rows and the new tables. */
describe('migration 0010 (markers)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps recordings, adds seeds, tracks and corrections with their checks, gone with the recording', () => {
    const dir = tempDir('stridelab-mig10-');
    dirs.push(dir);
    const before = openLibrary(dir.path, { migrateTo: migration.version - 1 });
    insertPatientAndSession(before.db);
    insertRecording(before.db, before.paths.mediaDir, 's1', {
      id: 'r1',
      view: 'side',
      condition: 'flat',
      times: [0, 1 / 30, 2 / 30],
      width: 320,
      height: 240,
    });
    expect(() => before.db.prepare(`SELECT * FROM marker_seeds`).all()).toThrow(/no such table/);
    before.close();

    const after = openLibrary(dir.path, { migrateTo: migration.version });
    expect(after.schemaVersion).toBe(migration.version);
    expect(after.db.prepare(`SELECT id, view FROM recordings`).all()).toEqual([{ id: 'r1', view: 'side' }]);
    const ts = '2026-01-01T00:00:00.000Z';
    const seed = after.db.prepare(
      `INSERT INTO marker_seeds (recording_id, frame, seed_json, updated_at) VALUES (?, ?, ?, ?)`,
    );
    seed.run('r1', 0, '{"frame":0,"markers":[]}', ts);
    expect(() => seed.run('r1', 0, '{}', ts)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => seed.run('nope', 0, '{}', ts)).toThrow(/FOREIGN KEY/);
    const track = after.db.prepare(
      `INSERT INTO marker_tracks (recording_id, marker, frames, points, seed_hash, created_at) VALUES (?, ?, ?, ?, 'h', ?)`,
    );
    track.run('r1', 'rightAsis', 3, Buffer.alloc(3 * 16), ts);
    // The blob's size must match its frame count (4 float32 a frame).
    expect(() => track.run('r1', 'rightPsis', 3, Buffer.alloc(3 * 12), ts)).toThrow(/CHECK/);
    const corr = after.db.prepare(
      `INSERT INTO marker_corrections (recording_id, marker, frame, x, y, updated_at) VALUES (?, ?, ?, 1, 2, ?)`,
    );
    corr.run('r1', 'rightAsis', 2, ts);
    expect(() => corr.run('r1', 'rightAsis', -1, ts)).toThrow(/CHECK/);
    // Purging the recording takes its marker rows with it.
    after.db.prepare(`DELETE FROM recordings WHERE id = 'r1'`).run();
    for (const t of ['marker_seeds', 'marker_tracks', 'marker_corrections'])
      expect(after.db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    after.close();
  });
});
