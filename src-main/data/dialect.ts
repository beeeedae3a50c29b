import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Whether a repository speaks to the server backend: the few statements the two dialects do not
 * share (row locks, advisory locks, the server's clock) are chosen by it.
 */
export const isPostgres = (db: Kysely<Database>): boolean =>
  db.getExecutor().adapter instanceof PostgresAdapter;
