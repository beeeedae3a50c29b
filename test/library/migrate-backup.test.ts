import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { LATEST_SCHEMA_VERSION } from '../../src-main/services/library/migrations';
import { tempDir } from '../helpers/tmp';

/** Before any migration of an existing library, a copy of the database is kept, and it opens. */
describe('backup before migration', () => {
  it.runIf(LATEST_SCHEMA_VERSION > 1)('copies the database before migrating it forward', () => {
    const tmp = tempDir();
    try {
      const old = openLibrary(tmp.path, { migrateTo: 1 });
      old.db
        .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ann', 'x', 'x')`)
        .run();
      const dir = old.paths.backupsDir;
      old.close();
      const lib = openLibrary(tmp.path);
      lib.close();
      const backups = readdirSync(dir);
      expect(backups).toEqual([expect.stringMatching(/^library-schema1-.*\.sqlite$/)]);
      const copy = new Database(`${dir}/${backups[0]}`, { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.prepare('SELECT name FROM patients').all()).toEqual([{ name: 'Ann' }]);
      copy.close();
    } finally {
      tmp.cleanup();
    }
  });
});
