import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { PostgresAdapter } from 'kysely';

/**
 * Case folding that both backends do alike, whatever the server's locale: Unicode's default
 * lower-casing (so "élodie" finds "Élodie" and "øyvind" finds "Øyvind").
 *
 * Each backend's own `lower()` differs: SQLite's folds ASCII letters only, PostgreSQL's follows the
 * database's locale (every letter under a UTF-8 locale, ASCII only under `C`). So on PostgreSQL
 * the fold names the ICU root collation (`und-x-icu`, present in every database of a server built
 * with ICU: Debian's packages, and every PostgreSQL from 16 on by default), and on SQLite it is a
 * function of the connection (sqlite.ts) running JavaScript's toLowerCase, which applies the same
 * Unicode default mapping. Not SQLite's `lower` redefined: the index `patients_name` (migration
 * 0001) was built with the built-in one, and an index must keep the function it was built with.
 */
export const SQLITE_FOLD = 'stridelab_fold';

export const foldCase = (s: string): string => s.toLowerCase();

export type Fold = (e: Expression<unknown> | RawBuilder<unknown>) => RawBuilder<string>;

export function foldFor(db: Kysely<unknown>): Fold {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? (e) => sql<string>`lower(CAST((${e}) AS text) COLLATE "und-x-icu")`
    : (e) => sql<string>`${sql.raw(SQLITE_FOLD)}(${e})`;
}
