import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0006-sync';
import { tempDir } from '../helpers/tmp';
import { insertRecording } from './helpers';

/** House style 4: migrate to N−1, insert rows, migrate to N, check the rows and the new table. */
describe('migration 0006 (recording_sync)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps sessions and recordings, and adds one alignment per pair with its checks', () => {
    const dir = tempDir('stridelab-mig6-');
    dirs.push(dir);
    const v5 = openLibrary(dir.path, { migrateTo: migration.version - 1 });
    expect(v5.schemaVersion).toBe(migration.version - 1);
    const ts = '2026-01-01T00:00:00.000Z';
    v5.db
      .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ana', ?, ?)`)
      .run(ts, ts);
    v5.db
      .prepare(
        `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s1', 'p1', '2026-01-01', ?, ?)`,
      )
      .run(ts, ts);
    insertRecording(v5.db, {
      id: 'ra',
      sessionId: 's1',
      view: 'side',
      name: 'side.mp4',
      fps: 60,
      frames: 100,
    });
    insertRecording(v5.db, {
      id: 'rb',
      sessionId: 's1',
      view: 'rear',
      name: 'rear.mp4',
      fps: 30,
      frames: 50,
    });
    expect(() => v5.db.prepare(`SELECT * FROM recording_sync`).all()).toThrow(/no such table/);
    v5.close();

    const v6 = openLibrary(dir.path, { migrateTo: migration.version });
    expect(v6.schemaVersion).toBe(migration.version);
    expect(v6.db.prepare(`SELECT id FROM recordings ORDER BY id`).all()).toEqual([
      { id: 'ra' },
      { id: 'rb' },
    ]);
    const insert = v6.db.prepare(
      `INSERT INTO recording_sync (session_id, recording_a_id, recording_b_id, offset_s, time_scale, fps_a, manual,
         estimated_offset_s, confidence, level, created_at, updated_at)
       VALUES ('s1', @a, @b, 0.2, @scale, 60, @manual, @est, @conf, @level, @ts, @ts)`,
    );
    const ok = { a: 'ra', b: 'rb', scale: 1, manual: 0, est: 0.2, conf: 0.8, level: 'high', ts };
    insert.run(ok);
    expect(v6.db.prepare(`SELECT manual, nudge_frames, details_json FROM recording_sync`).get()).toEqual({
      manual: 0,
      nudge_frames: 0,
      details_json: '{}',
    });
    // The checks refuse what the service must never write.
    expect(() => insert.run({ ...ok, a: 'rb', b: 'ra' })).toThrow(/UNIQUE/); // the same pair, reversed
    v6.db.prepare(`DELETE FROM recording_sync`).run();
    expect(() => insert.run({ ...ok, b: 'ra' })).toThrow(/CHECK/); // a clip with itself
    expect(() => insert.run({ ...ok, scale: 0 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, conf: 1.5 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, level: 'great' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, manual: 2 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, conf: null })).toThrow(/CHECK/); // estimate without its confidence
    expect(() => insert.run({ ...ok, b: 'nope' })).toThrow(/must belong to the session/);
    // Clips of two sessions cannot be paired, on insert or by an update.
    v6.db
      .prepare(
        `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s2', 'p1', '2026-01-02', ?, ?)`,
      )
      .run(ts, ts);
    insertRecording(v6.db, {
      id: 'rc',
      sessionId: 's2',
      view: 'rear',
      name: 'other.mp4',
      fps: 30,
      frames: 50,
    });
    expect(() => insert.run({ ...ok, b: 'rc' })).toThrow(/must belong to the session/);
    insert.run(ok);
    expect(() => v6.db.prepare(`UPDATE recording_sync SET recording_b_id = 'rc'`).run()).toThrow(
      /must belong/,
    );
    v6.db.prepare(`DELETE FROM recording_sync`).run();
    // Purging a recording takes its alignments with it.
    insert.run(ok);
    v6.db.prepare(`DELETE FROM recordings WHERE id = 'rb'`).run();
    expect(v6.db.prepare(`SELECT count(*) AS n FROM recording_sync`).get()).toEqual({ n: 0 });
    v6.close();
  });
});
