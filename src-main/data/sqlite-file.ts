import Database from 'better-sqlite3';

/**
 * The embedded library as one file, for the whole-library backup and restore
 * (services/media/backup.ts): a consistent copy of the file, an older copy brought forward, every
 * table's rows replaced by a copy's, and the check that tells a finished restore from an
 * interrupted one. Whole-file work of the embedded backend, generic over tables as
 * copy-library.ts is, so a table added later is backed up and restored without a change here; it
 * writes every table at once, which is why it lives here and not in a repository. A clinic's
 * server library is backed up by the server's own tools.
 */

/** A consistent copy of the open library's file, safe while the app runs (SQLite's online backup API). */
export async function snapshotTo(connection: Database.Database, file: string): Promise<void> {
  await connection.backup(file);
}

/** A schema step as services/library/migrations defines it. */
export interface FileMigration {
  readonly version: number;
  up(db: Database.Database): void;
}

/**
 * Bring a copied file forward to `target` with `migrations`, each in its own transaction with its
 * version. Returns the version the file had: a file newer than `target` is left as it is (the
 * caller refuses it).
 */
export function migrateFile(file: string, target: number, migrations: readonly FileMigration[]): number {
  const db = new Database(file);
  try {
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > target) return found;
    for (const m of migrations) {
      if (m.version <= found || m.version > target) continue;
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    }
    return found;
  } finally {
    db.close();
  }
}

const tablesOf = (db: Database.Database, schema = 'main'): string[] =>
  (
    db
      .prepare(
        `SELECT name FROM "${schema}".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((t) => t.name);

/**
 * Every table's rows replaced by the copy's (at the library's schema version), in one
 * transaction: all of them or none.
 */
export function replaceRowsFrom(connection: Database.Database, file: string): void {
  const tables = tablesOf(connection);
  connection.prepare(`ATTACH DATABASE ? AS restored`).run(file);
  try {
    connection.transaction(() => {
      // Rows reference each other (sessions → patients, recordings → sessions): check keys at commit.
      connection.pragma('defer_foreign_keys = ON');
      for (const t of tables) connection.prepare(`DELETE FROM main."${t}"`).run();
      for (const t of tables) {
        const cols = (
          connection.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]
        )
          .map((c) => `"${c.name}"`)
          .join(', ');
        connection.prepare(`INSERT INTO main."${t}" (${cols}) SELECT ${cols} FROM restored."${t}"`).run();
      }
    })();
  } finally {
    connection.prepare(`DETACH DATABASE restored`).run();
  }
}

/**
 * Does the library hold exactly the copy's rows (by primary key and count, every table of the
 * copy)? False when the copy cannot be read.
 */
export function holdsRowsOf(connection: Database.Database, file: string): boolean {
  let snap: Database.Database | undefined;
  try {
    snap = new Database(file, { readonly: true });
    for (const t of tablesOf(snap)) {
      const key = (
        snap.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(t) as {
          name: string;
        }[]
      )
        .map((c) => `"${c.name}"`)
        .join(', ');
      const q = `SELECT ${key || 'COUNT(*)'} AS k FROM "${t}" ORDER BY 1`;
      if (JSON.stringify(snap.prepare(q).all()) !== JSON.stringify(connection.prepare(q).all())) return false;
    }
    return true;
  } catch {
    return false;
  } finally {
    snap?.close();
  }
}
