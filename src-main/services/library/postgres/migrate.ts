import type pg from 'pg';
import { ServiceError } from '../../errors';
import { LATEST_SCHEMA_VERSION, migrations as allMigrations } from '../migrations';
import type { MigrationSql } from '../migrations/types';

/**
 * The migration runner on PostgreSQL: the same numbered files as the embedded library
 * (library/migrations), each in its own transaction with its row in `stridelab_schema` inside it
 * (PostgreSQL's DDL is transactional, so a failed step leaves the previous version whole).
 *
 * Several workstations may start at once against one server: a session-level advisory lock
 * (pg_advisory_lock, https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS)
 * lets one migrate while the others wait, then read the version again and find nothing to do. The
 * lock is the connection's: if that workstation dies mid-way, the server drops it with the session.
 *
 * A database from a newer StrideLab is refused before anything is written, as on SQLite.
 */
export const SCHEMA_TABLE = 'stridelab_schema';

/** Any fixed 64-bit number names the lock; this is "stridelb" in ASCII. */
const MIGRATION_LOCK = '8319104543838070370';

export const newerSchemaError = (found: number): ServiceError =>
  new ServiceError(
    'unsupported',
    `This library was written by a newer StrideLab (schema ${found}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update StrideLab to open it. Nothing was changed.`,
  );

/** The schema version of the database `client` is connected to: 0 when StrideLab never wrote to it. */
export async function postgresSchemaVersion(client: pg.ClientBase): Promise<number> {
  const table = await client.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [SCHEMA_TABLE]);
  if (!table.rows[0]?.t) return 0;
  const v = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${SCHEMA_TABLE}`);
  return v.rows[0]?.v ?? 0;
}

export interface PostgresMigrateOptions {
  /** Stop at this version (tests of migration N migrate to N−1 first). */
  readonly migrateTo?: number;
  /** The list to apply (tests); the library's own by default. */
  readonly migrations?: readonly MigrationSql[];
  /** When the clock says so (tests). */
  readonly now?: () => Date;
}

/** Bring the database forward; returns the version it is at afterwards. */
export async function migratePostgres(
  client: pg.ClientBase,
  options: PostgresMigrateOptions = {},
): Promise<number> {
  const list = options.migrations ?? allMigrations;
  const latest = list.length === 0 ? 0 : Math.max(...list.map((m) => m.version));
  const target = Math.min(options.migrateTo ?? latest, latest);
  const first = await postgresSchemaVersion(client);
  if (first > latest) throw newerSchemaError(first);
  if (first >= target) return first;
  await client.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK]);
  try {
    // Another workstation may have migrated while this one waited for the lock.
    const found = await postgresSchemaVersion(client);
    if (found > latest) throw newerSchemaError(found);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA_TABLE} (
         version    INTEGER PRIMARY KEY,
         name       TEXT NOT NULL,
         applied_at TEXT NOT NULL
       )`,
    );
    for (const m of list) {
      if (m.version <= found || m.version > target) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.postgres);
        await client.query(`INSERT INTO ${SCHEMA_TABLE} (version, name, applied_at) VALUES ($1, $2, $3)`, [
          m.version,
          m.name,
          (options.now?.() ?? new Date()).toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
    return await postgresSchemaVersion(client);
  } finally {
    await client.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK]).catch(() => undefined);
  }
}
