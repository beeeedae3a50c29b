import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createDataLayer, type DataLayer } from './index';
import type { Database } from './schema';
import { SQLITE_FOLD, foldCase } from './fold';

/**
 * The embedded backend: kysely's SQLite dialect over the library's own better-sqlite3 connection
 * (opened, locked and migrated by services/library/db.ts, which also closes it; the data layer never
 * does). One connection: kysely queues queries on it, and a transaction holds it to its end.
 */
export function sqliteDataLayer(connection: BetterSqlite3.Database): DataLayer {
  // Case folding as PostgreSQL's ICU lower() does it (fold.ts); SQLite's own lower() folds ASCII only.
  connection.function(SQLITE_FOLD, { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? foldCase(s) : s,
  );
  return createDataLayer(new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) }));
}
