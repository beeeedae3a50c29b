import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';

/** House style 4: migrate to 3, insert rows, migrate to 4, check the rows and the capture tables. */
describe('migration 0004 (capture takes)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps sessions and adds takes and clips, tied to sessions and recordings', () => {
    const home = mkdtempSync(join(tmpdir(), 'stridelab-mig4-'));
    dirs.push(home);
    const v3 = openLibrary(home, { migrateTo: 3 });
    const ts = '2026-01-01T00:00:00.000Z';
    v3.db
      .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ana', ?, ?)`)
      .run(ts, ts);
    v3.db
      .prepare(
        `INSERT INTO sessions (id, patient_id, date, treadmill_speeds_kmh, created_at, updated_at)
         VALUES ('s1', 'p1', '2026-01-01', '[10]', ?, ?)`,
      )
      .run(ts, ts);
    v3.close();

    const v4 = openLibrary(home, { migrateTo: 4 });
    expect(v4.schemaVersion).toBe(4);
    expect(v4.db.prepare(`SELECT date FROM sessions WHERE id = 's1'`).get()).toEqual({ date: '2026-01-01' });
    const take = v4.db.prepare(
      `INSERT INTO capture_takes (id, session_id, number, condition_json, condition_label, started_at, status, created_at, updated_at)
       VALUES (?, ?, ?, '{"label":"flat"}', 'flat', ?, ?, ?, ?)`,
    );
    take.run('t1', 's1', 1, ts, 'recording', ts, ts);
    expect(() => take.run('t2', 's1', 0, ts, 'recording', ts, ts)).toThrow(/CHECK/);
    expect(() => take.run('t3', 's1', 1, ts, 'lost', ts, ts)).toThrow(/CHECK/);
    expect(() => take.run('t4', 'nosession', 1, ts, 'saved', ts, ts)).toThrow(/FOREIGN KEY/);
    const clip = v4.db.prepare(
      `INSERT INTO capture_clips (take_id, view, recording_id, width, height, fps, mime_type, start_offset_ms)
       VALUES (?, ?, ?, 320, 240, 30, 'video/webm', 4.5)`,
    );
    clip.run('t1', 'side', null);
    expect(() => clip.run('t1', 'side', null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => clip.run('t1', 'front', null)).toThrow(/CHECK/);
    expect(() => clip.run('t1', 'rear', 'no-such-recording')).toThrow(/FOREIGN KEY/);
    // Deleting the session takes its takes and clips with it.
    v4.db.prepare(`DELETE FROM sessions WHERE id = 's1'`).run();
    expect(v4.db.prepare(`SELECT count(*) AS n FROM capture_clips`).get()).toEqual({ n: 0 });
    v4.close();
  });
});
