import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { createDataLayer, type DataLayer } from './index';
import type { Database } from './schema';

/**
 * The server backend: kysely's PostgreSQL dialect over the pool that services/library/postgres/open.ts
 * opened and migrated (it also ends it; the data layer never does). Rows come back in the same shape
 * as on SQLite: the schema keeps the same columns and kinds (migrations/types.ts), and the pool reads
 * BIGINT as a number (postgres/pool.ts). Each transaction holds one pooled connection to its end.
 */
export function postgresDataLayer(pool: pg.Pool): DataLayer {
  return createDataLayer(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
}
