import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { tempDir } from '../helpers/tmp';

/**
 * A library made now is byte-compatible with one made by an earlier StrideLab: SQLite stores each
 * CREATE's text in sqlite_master, so the text of a shipped migration must never change (it moved
 * into library/migrations with the PostgreSQL translations beside it; the snapshot was taken from the
 * code before that move). A new migration adds versions above the snapshot's and is not compared.
 */
const SNAPSHOT_VERSION = 10;

describe('SQLite schema of shipped migrations', () => {
  it(`is exactly the schema StrideLab wrote up to version ${SNAPSHOT_VERSION}`, () => {
    const tmp = tempDir();
    const lib = openLibrary(tmp.path, { migrateTo: SNAPSHOT_VERSION });
    try {
      const rows = lib.db
        .prepare(
          `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
        )
        .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
      const dump = rows.map((r) => `-- ${r.type} ${r.name} on ${r.tbl_name}\n${r.sql ?? ''};\n`).join('\n');
      expect(dump).toBe(
        readFileSync(
          new URL(`../fixtures/schema/sqlite-schema-v${SNAPSHOT_VERSION}.sql`, import.meta.url),
          'utf8',
        ),
      );
    } finally {
      lib.close();
      tmp.cleanup();
    }
  });
});
