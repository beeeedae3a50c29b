import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0009-session-symptoms';
import { tempDir } from '../helpers/tmp';

/** House style 4: migrate to N−1, insert rows, migrate to N, check the rows and the new table. */
describe('migration 0009 (session_symptoms)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps patients and sessions, and adds one symptoms row per session with its checks', () => {
    const dir = tempDir('stridelab-mig9-');
    dirs.push(dir);
    const before = openLibrary(dir.path, { migrateTo: migration.version - 1 });
    expect(before.schemaVersion).toBe(migration.version - 1);
    const ts = '2026-01-01T00:00:00.000Z';
    before.db
      .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ana', ?, ?)`)
      .run(ts, ts);
    for (const [id, date] of [
      ['s1', '2026-01-01'],
      ['s2', '2026-02-01'],
    ])
      before.db
        .prepare(
          `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES (?, 'p1', ?, ?, ?)`,
        )
        .run(id, date, ts, ts);
    expect(() => before.db.prepare(`SELECT * FROM session_symptoms`).all()).toThrow(/no such table/);
    before.close();

    const after = openLibrary(dir.path, { migrateTo: migration.version });
    expect(after.schemaVersion).toBe(migration.version);
    expect(after.db.prepare(`SELECT id, date FROM sessions ORDER BY id`).all()).toEqual([
      { id: 's1', date: '2026-01-01' },
      { id: 's2', date: '2026-02-01' },
    ]);
    const insert = after.db.prepare(
      `INSERT INTO session_symptoms (session_id, pain_before, pain_during, pain_after, pain_24h, weekly_km, rtr_stage,
         notes, updated_at) VALUES (@s, @pb, @pd, 0, NULL, @km, 'Stage 2', NULL, @ts)`,
    );
    const ok = { s: 's1', pb: 3, pd: 10, km: 12.5, ts };
    insert.run(ok);
    expect(after.db.prepare(`SELECT * FROM session_symptoms`).get()).toEqual({
      session_id: 's1',
      pain_before: 3,
      pain_during: 10,
      pain_after: 0,
      pain_24h: null,
      weekly_km: 12.5,
      rtr_stage: 'Stage 2',
      notes: null,
      updated_at: ts,
    });
    // The checks refuse what the service never writes.
    expect(() => insert.run({ ...ok, s: 's2', pd: 11 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, s: 's2', pb: -1 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, s: 's2', pb: 2.5 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...ok, s: 's2', km: -1 })).toThrow(/CHECK/);
    expect(() => insert.run(ok)).toThrow(/UNIQUE|PRIMARY KEY/); // one row per session
    expect(() => insert.run({ ...ok, s: 'nope' })).toThrow(/FOREIGN KEY/);
    // Purging a session takes its row with it.
    after.db.prepare(`DELETE FROM sessions WHERE id = 's1'`).run();
    expect(after.db.prepare(`SELECT count(*) AS n FROM session_symptoms`).get()).toEqual({ n: 0 });
    after.close();
  });
});
