import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createDataLayer, type DataLayer } from './index';
import type { Database } from './schema';

/**
 * The embedded backend: kysely's SQLite dialect over the library's own better-sqlite3 connection
 * (opened, locked and migrated by services/library/db.ts, which also closes it; the data layer never
 * does). One connection: kysely queues queries on it, and a transaction holds it to its end.
 */
export function sqliteDataLayer(connection: BetterSqlite3.Database): DataLayer {
  return createDataLayer(new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) }));
}
