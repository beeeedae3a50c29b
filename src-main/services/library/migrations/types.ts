import type Database from 'better-sqlite3';

/** Where a library's rows live: the embedded file (one PC) or a clinic's PostgreSQL server (issue 17). */
export type Backend = 'sqlite' | 'postgres';

/**
 * One numbered schema step, for both backends (house style 4: one migration per file, each tested:
 * test/library/migrations-*.test.ts, on SQLite and on PostgreSQL).
 */
export interface MigrationSql {
  readonly version: number;
  readonly name: string;
  /**
   * SQLite's statements, byte for byte as first shipped: SQLite keeps the text of every CREATE in
   * sqlite_master, so a library made by an older StrideLab and one made now only stay identical if
   * this text never changes (test/library/schema-frozen.test.ts holds it).
   */
  readonly sqlite: string;
  /**
   * The same schema in PostgreSQL's words. The usual translations: DOUBLE PRECISION for REAL
   * (PostgreSQL's REAL is 4 bytes, SQLite's 8), BIGINT for byte counts, BYTEA for BLOB,
   * `json_typeof(x::json)` for `json_valid(x) AND json_type(x)`, LEAST/GREATEST for min/max of two,
   * `lower(x)` for COLLATE NOCASE, a PL/pgSQL trigger function for a trigger's RAISE. Column names,
   * nullability, defaults, keys and checks stay the same, so rows read back alike on both
   * (test/library/migrations-both.pg.test.ts compares the two schemas at every version).
   */
  readonly postgres: string;
}

export interface Migration extends MigrationSql {
  /** Apply the SQLite text (the embedded runner calls this inside its transaction). */
  up(db: Database.Database): void;
}

export function defineMigration(m: MigrationSql): Migration {
  return { ...m, up: (db) => db.exec(m.sqlite) };
}
