import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { tempDir } from '../helpers/tmp';

/** Migration 1 creates the patient/session schema from an empty file, with its constraints. */
describe('migration 0001-initial', () => {
  it('migrates an empty library to 1 and enforces its constraints', () => {
    const tmp = tempDir();
    const lib = openLibrary(tmp.path, { migrateTo: 1 });
    try {
      expect(lib.schemaVersion).toBe(1);
      const now = '2026-01-01T00:00:00.000Z';
      lib.db
        .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ann', ?, ?)`)
        .run(now, now);
      lib.db
        .prepare(
          `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s1', 'p1', '2026-01-01', ?, ?)`,
        )
        .run(now, now);
      expect(() =>
        lib.db
          .prepare(
            `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s2', 'ghost', '2026-01-01', ?, ?)`,
          )
          .run(now, now),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        lib.db
          .prepare(
            `INSERT INTO patients (id, name, height_cm, created_at, updated_at) VALUES ('p2', 'X', -1, ?, ?)`,
          )
          .run(now, now),
      ).toThrow(/CHECK/);
      lib.db.prepare(`DELETE FROM patients WHERE id = 'p1'`).run();
      expect(lib.db.prepare(`SELECT count(*) AS n FROM sessions`).get()).toEqual({ n: 0 });
    } finally {
      lib.close();
      tmp.cleanup();
    }
  });
});
