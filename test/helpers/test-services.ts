import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServices, type Services, type ServicesOptions } from '../../src-main/services';
import type { Backend } from '../../src-main/services/library/migrations/types';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { isServerMode, openServerMode } from '../../src-main/services/library/server-mode';
import { createTestDatabase, type TestDatabase } from './postgres';
import { postgresRunner, sqliteRunner, type SqlRunner } from './sql-both';
import { testBackend } from './test-library';
import { tempDir } from './tmp';

/**
 * True in the `postgres` project's run of a file that runs on both backends. What is about the
 * SQLite file alone (a migration of a library file) and what only repeats computation the first
 * run checked (encoding video, printing a PDF, gait maths on fixed landmarks) skips itself there
 * with `describe.skipIf(secondRun)` / `it.skipIf(secondRun)`, to keep CI's time.
 */
export const secondRun = testBackend === 'postgres';

/**
 * The whole service layer on the backend this test run is for, built as the app builds it
 * (services/index.ts): on the embedded backend a library folder in a temp directory; with
 * STRIDELAB_TEST_DB=postgres (the `postgres` vitest project, vitest.config.ts) a fresh database
 * on the run's cluster and a shared media folder in a temp directory, opened as `stridelab serve
 * --db … --media …` opens them (library/server-mode.ts). A service test written against
 * `services.dispatch`, `sql` and `mediaDir` holds on both; what is about the SQLite file itself
 * (WAL, the lock file, a backup of the file) stays on openLibrary and runs once.
 */
export interface TestServices {
  readonly backend: Backend;
  /** The services now open (a new object after `reopen`). */
  readonly services: Services;
  /** Plain SQL on the library's rows: fixtures written straight into tables, checks by hand. */
  readonly sql: SqlRunner;
  /** The library's media folder (the shared folder on a server). */
  readonly mediaDir: string;
  /** The workstation's own folder (exports); on SQLite the library folder. */
  readonly home: string;
  /** Close the services and open them again on the same library: what a restart sees. */
  reopen(options?: Pick<ServicesOptions, 'analyseOnArrival' | 'analysisConcurrency'>): Promise<void>;
  /** A digest of every row of every table: equal digests mean nothing was written. */
  digest(): Promise<string>;
  close(): Promise<void>;
}

export interface TestServicesOptions extends Omit<ServicesOptions, 'home' | 'library' | 'transport'> {
  readonly transport?: ServicesOptions['transport'];
  /** The library folder on SQLite, this workstation's folder on a server (default: a temp folder). */
  readonly home?: string;
  readonly prefix?: string;
  /** On a server: this workstation's name (default as `serve`: $STRIDELAB_WORKSTATION, the computer's name). */
  readonly workstation?: string;
}

export async function openTestServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const { home: given, prefix = 'stridelab-svc-', transport = 'browser', workstation, ...rest } = options;
  const tmp = tempDir(prefix);
  const home = given ?? join(tmp.path, 'home');
  let db: TestDatabase | undefined;
  let mediaDir: string;
  const open = async (over: Partial<ServicesOptions> = {}): Promise<Services> => {
    if (!db) return createServices({ ...rest, ...over, home, transport });
    const library = await openServerMode({
      // Plain connections: the test cluster is on loopback, and TLS has tests of its own.
      target: parseServerAddress(`${db.url}?sslmode=disable`, {}),
      mediaDir,
      home,
      // As `serve` names it: --workstation, else $STRIDELAB_WORKSTATION, else the computer's name,
      // which is also what a single-PC library signs its saves with (library/server-mode.ts).
      ...(workstation ? { workstation } : {}),
    });
    return createServices({ ...rest, ...over, home, transport, library });
  };
  if (testBackend === 'postgres') {
    db = await createTestDatabase('svc', { migrated: true });
    mediaDir = join(tmp.path, 'shared-media');
    mkdirSync(mediaDir, { recursive: true });
  } else {
    mediaDir = join(home, 'media');
  }
  let services = await open();
  const sql = (): SqlRunner => {
    const library = services.library;
    return isServerMode(library) ? postgresRunner(library.server.pool) : sqliteRunner(library.db);
  };
  const shut = async (): Promise<void> => {
    const library = services.library;
    services.close();
    await services.idle();
    // The server library's close ends its pool without waiting (library/server-mode.ts): wait here
    // until every connection has closed (the same close, postgres/open.ts), so dropping the database
    // never cuts a connection still closing (an unhandled 57P01, seen on a loaded CI run).
    if (isServerMode(library)) await library.server.close();
  };
  return {
    backend: testBackend,
    get services() {
      return services;
    },
    get sql() {
      return sql();
    },
    mediaDir,
    home,
    async reopen(over) {
      await shut();
      services = await open(over);
    },
    digest: () => dataDigest(sql()),
    async close() {
      await shut();
      await db?.drop();
      tmp.cleanup();
    },
  };
}

/**
 * Every row of every table, each table's rows in a stable order (sorted by their text, since the
 * two backends have no common row order), then the schema's version. Compared only with another
 * digest of the same library.
 */
export async function dataDigest(sql: SqlRunner): Promise<string> {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  const tables =
    sql.backend === 'sqlite'
      ? await sql.all<{ name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
      : await sql.all<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
        );
  for (const { name } of tables) {
    hash.update(`table ${name}\n`);
    const rows = (await sql.all(`SELECT * FROM "${name}"`)).map((r) => JSON.stringify(r)).sort();
    for (const row of rows) hash.update(`${row}\n`);
  }
  if (sql.backend === 'sqlite') {
    const [v] = await sql.all<{ user_version: number }>(`PRAGMA user_version`);
    hash.update(`user_version ${String(v?.user_version)}`);
  }
  return hash.digest('hex');
}
