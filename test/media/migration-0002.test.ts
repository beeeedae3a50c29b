import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';

/** House style 4: migrate to 1, insert rows, migrate to 2, check the rows and the new table. */
describe('migration 0002 (recordings)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps patients and sessions and adds a recordings table with its checks', () => {
    const home = mkdtempSync(join(tmpdir(), 'stridelab-mig2-'));
    dirs.push(home);
    const v1 = openLibrary(home, { migrateTo: 1 });
    expect(v1.schemaVersion).toBe(1);
    const ts = '2026-01-01T00:00:00.000Z';
    v1.db
      .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ana Lopez', ?, ?)`)
      .run(ts, ts);
    v1.db
      .prepare(
        `INSERT INTO sessions (id, patient_id, date, treadmill_speeds_kmh, created_at, updated_at)
         VALUES ('s1', 'p1', '2026-01-01', '[10]', ?, ?)`,
      )
      .run(ts, ts);
    v1.close();

    const v2 = openLibrary(home, { migrateTo: 2 });
    expect(v2.schemaVersion).toBe(2);
    expect(v2.db.prepare(`SELECT name FROM patients WHERE id = 'p1'`).get()).toEqual({ name: 'Ana Lopez' });
    expect(v2.db.prepare(`SELECT treadmill_speeds_kmh FROM sessions WHERE id = 's1'`).get()).toEqual({
      treadmill_speeds_kmh: '[10]',
    });
    const insert = v2.db.prepare(
      `INSERT INTO recordings (id, session_id, view, condition_label, original_name, sha256, size_bytes, probe_json,
         frame_count, trim_start_frame, trim_end_frame, original_path, proxy_path, thumb_path, timestamps_path,
         created_at, updated_at)
       VALUES (@id, 's1', @view, 'flat', 'a.mp4', @sha, 10, '{}', 100, @start, @end, 'o', 'p', 't', 'x', @ts, @ts)`,
    );
    const ok = { id: 'r1', view: 'side', sha: 'a'.repeat(64), start: 0, end: 100, ts };
    insert.run(ok);
    expect(v2.db.prepare(`SELECT proxy_status, deleted_at FROM recordings WHERE id = 'r1'`).get()).toEqual({
      proxy_status: 'ready',
      deleted_at: null,
    });
    // The checks refuse what the service must never write.
    expect(() => insert.run({ ...ok, id: 'r2', view: 'front' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, id: 'r3', end: 101 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, id: 'r4', start: 50, end: 50 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, id: 'r5', sha: 'abc' })).toThrow(/CHECK/);
    // Purging a session takes its recordings with it.
    v2.db.prepare(`DELETE FROM sessions WHERE id = 's1'`).run();
    expect(v2.db.prepare(`SELECT count(*) AS n FROM recordings`).get()).toEqual({ n: 0 });
    v2.close();
  });
});
