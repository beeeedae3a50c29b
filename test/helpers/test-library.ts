import { postgresDataLayer } from '../../src-main/data/postgres';
import type { DataLayer } from '../../src-main/data';
import { openLibrary } from '../../src-main/services/library/db';
import type { Backend } from '../../src-main/services/library/migrations/types';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerLibrary } from '../../src-main/services/library/postgres/open';
import { createTestDatabase } from './postgres';
import { postgresRunner, sqliteRunner, type SqlRunner } from './sql-both';
import { tempDir } from './tmp';

/**
 * A library on the backend this test run is for: the embedded one (SQLite in a temp folder) by
 * default, the server one (a fresh database on the run's PostgreSQL cluster) when
 * STRIDELAB_TEST_DB=postgres, which the `postgres` vitest project sets for the files it runs twice
 * (vitest.config.ts). Tests written against `data` (the repositories) and `sql` (plain checks with
 * `?` placeholders) hold on both.
 */
export const testBackend: Backend = process.env.STRIDELAB_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestLibrary {
  readonly backend: Backend;
  readonly data: DataLayer;
  /** Plain SQL beside the repositories, for what a test must check or break by hand. */
  readonly sql: SqlRunner;
  close(): Promise<void>;
}

export async function openTestLibrary(): Promise<TestLibrary> {
  if (testBackend === 'sqlite') {
    const tmp = tempDir('stridelab-data-');
    const lib = openLibrary(tmp.path);
    return {
      backend: 'sqlite',
      data: lib.data,
      sql: sqliteRunner(lib.db),
      close: async () => {
        lib.close();
        tmp.cleanup();
      },
    };
  }
  const db = await createTestDatabase('lib', { migrated: true });
  // Plain connections: the test cluster is on loopback, and TLS has tests of its own.
  const lib = await openServerLibrary(parseServerAddress(`${db.url}?sslmode=disable`, {}));
  return {
    backend: 'postgres',
    data: postgresDataLayer(lib.pool),
    sql: postgresRunner(lib.pool),
    close: async () => {
      await lib.close();
      await db.drop();
    },
  };
}
