import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0014-session-conditions';
import { libraryBefore, MIGRATION_TS as ts } from '../helpers/migration-before';

/**
 * House style 4: migrate to N−1, insert rows, migrate to N, check them and the new table. The
 * PostgreSQL translation is held to the same schema, rows and refusals by
 * migrations-both.pg.test.ts (schema-rows.ts).
 */
describe('migration 0014 (session_conditions)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps sessions and their clips’ conditions, and adds planned conditions with their checks', () => {
    const lib = libraryBefore(migration.version, ['r1']);
    dirs.push(lib);
    lib.before.db.prepare(`UPDATE recordings SET condition_label = 'incline', incline_pct = 5`).run();
    expect(() => lib.before.db.prepare(`SELECT * FROM session_conditions`).all()).toThrow(/no such table/);
    lib.before.close();

    const after = openLibrary(lib.path, { migrateTo: migration.version });
    try {
      expect(after.schemaVersion).toBe(migration.version);
      expect(after.db.prepare(`SELECT id, date FROM sessions`).all()).toEqual([
        { id: 's1', date: '2026-01-01' },
      ]);
      expect(after.db.prepare(`SELECT condition_label, incline_pct FROM recordings`).all()).toEqual([
        { condition_label: 'incline', incline_pct: 5 },
      ]);
      // Existing sessions get no rows: their conditions are their clips' labels, as before.
      expect(after.db.prepare(`SELECT * FROM session_conditions`).all()).toEqual([]);

      const insert = after.db.prepare(
        `INSERT INTO session_conditions (session_id, label, incline_pct, speed_kmh, created_at, updated_at)
         VALUES (@s, @label, @incline, @speed, @ts, @ts)`,
      );
      const ok = { s: 's1', label: 'flat', incline: null, speed: 10, ts };
      insert.run(ok);
      insert.run({ ...ok, label: 'incline', incline: -10, speed: 30 });
      expect(
        after.db.prepare(`SELECT label, incline_pct, speed_kmh FROM session_conditions ORDER BY label`).all(),
      ).toEqual([
        { label: 'flat', incline_pct: null, speed_kmh: 10 },
        { label: 'incline', incline_pct: -10, speed_kmh: 30 },
      ]);
      // The checks refuse what the service never writes (the contract's limits).
      expect(() => insert.run({ ...ok, label: 'a', incline: 40.5 })).toThrow(/CHECK/);
      expect(() => insert.run({ ...ok, label: 'b', incline: -10.5 })).toThrow(/CHECK/);
      expect(() => insert.run({ ...ok, label: 'c', speed: 0.4 })).toThrow(/CHECK/);
      expect(() => insert.run({ ...ok, label: ' ' })).toThrow(/CHECK/);
      expect(() => insert.run({ ...ok, label: 'x'.repeat(61) })).toThrow(/CHECK/);
      expect(() => insert.run(ok)).toThrow(/UNIQUE|PRIMARY KEY/); // one row per label
      expect(() => insert.run({ ...ok, s: 'nope', label: 'd' })).toThrow(/FOREIGN KEY/);
      // Purging the session takes its conditions with it.
      after.db.prepare(`DELETE FROM sessions WHERE id = 's1'`).run();
      expect(after.db.prepare(`SELECT count(*) AS n FROM session_conditions`).get()).toEqual({ n: 0 });
    } finally {
      after.close();
    }
  });
});
