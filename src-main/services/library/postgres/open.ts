import type pg from 'pg';
import { ServiceError } from '../../errors';
import type { ServerTarget } from './config';
import { LATEST_SCHEMA_VERSION } from '../migrations';
import { migratePostgres, newerSchemaError, postgresSchemaVersion } from './migrate';
import { createPool, endPool } from './pool';

/**
 * Open the clinic's shared library on its PostgreSQL server: connect (TLS as the address's sslmode
 * says), bring the schema forward (postgres/migrate.ts) and hand out the pool. What can go wrong is
 * said in the clinic's words, naming the server by its address without the password; nothing from
 * the patients' rows is ever in a message.
 */
export interface ServerLibrary {
  /** The address without secrets. */
  readonly display: string;
  readonly pool: pg.Pool;
  readonly schemaVersion: number;
  /** Whether this connection is encrypted. */
  readonly tls: boolean;
  /** Resolves once every connection has closed; the same promise each time it is called. */
  close(): Promise<void>;
}

export interface ServerOpenOptions {
  readonly migrateTo?: number;
  /** False: only read the version (and refuse a newer one); `stridelab db check`. Default true. */
  readonly migrate?: boolean;
}

const NO_TLS = /does not support SSL/i;

export async function openServerLibrary(
  target: ServerTarget,
  options: ServerOpenOptions = {},
): Promise<ServerLibrary> {
  let pool = createPool(target.config);
  let client: pg.PoolClient;
  try {
    try {
      client = await pool.connect();
    } catch (err) {
      // sslmode=prefer: the server has no TLS at all, so plain is what it offers.
      if (!target.plainFallback || !NO_TLS.test(String((err as Error).message))) throw err;
      await endPool(pool);
      pool = createPool(target.plainFallback);
      client = await pool.connect();
    }
  } catch (err) {
    await endPool(pool).catch(() => undefined);
    throw serverError(err, target);
  }
  try {
    const tls = await client.query<{ ssl: boolean }>(
      `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`,
    );
    // Patient search folds case under ICU's root collation (data/fold.ts): a server built without ICU
    // is refused here, in words, rather than failing at the first search.
    const icu = await client.query(`SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'`);
    if (icu.rowCount === 0)
      throw new ServiceError(
        'unsupported',
        `The clinic's database server (${target.display}) was built without ICU, which StrideLab needs to find patients by name alike on every workstation. Ask whoever looks after the server for a PostgreSQL built with ICU (Debian's and most other packages are; every PostgreSQL from 16 on is by default).`,
        'db',
      );
    const schemaVersion =
      options.migrate === false
        ? await checkedVersion(client)
        : await migratePostgres(client, options.migrateTo ? { migrateTo: options.migrateTo } : {});
    client.release();
    let closing: Promise<void> | undefined;
    return {
      display: target.display,
      pool,
      schemaVersion,
      tls: tls.rows[0]?.ssl === true,
      // One close, however many times it is asked for (the services close, then a test waits on it).
      close: () => (closing ??= endPool(pool)),
    };
  } catch (err) {
    client.release(true);
    await endPool(pool).catch(() => undefined);
    throw err instanceof ServiceError ? err : serverError(err, target);
  }
}

async function checkedVersion(client: pg.ClientBase): Promise<number> {
  const found = await postgresSchemaVersion(client);
  if (found > LATEST_SCHEMA_VERSION) throw newerSchemaError(found);
  return found;
}

/** A driver or server error as a sentence for the PT and the person who runs the server. */
export function serverError(err: unknown, target: ServerTarget): ServiceError {
  const e = err as { code?: string; message?: string };
  if (err instanceof ServiceError) return err;
  const where = `the clinic's database server (${target.display})`;
  const msg = String(e.message ?? '');
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return new ServiceError(
        'io',
        `StrideLab cannot reach ${where}. Check this computer's network connection, or ask whoever looks after the server whether it is running. Nothing was changed.`,
      );
    case '28P01':
    case '28000':
      return new ServiceError(
        'locked',
        /no pg_hba|SSL off|no encryption/i.test(msg)
          ? `${where} only accepts encrypted connections from this computer: use sslmode=require or verify-full in the database address (docs/clinic-server.md).`
          : `${where} did not accept StrideLab's user name and password. Check the password file or ask whoever looks after the server (docs/clinic-server.md).`,
        'db',
      );
    case '3D000':
      return new ServiceError(
        'not-found',
        `${where} has no such database. Check the database address.`,
        'db',
      );
    case '42501':
      return new ServiceError(
        'locked',
        `StrideLab's database user may not change the library's tables on ${where}. Ask whoever looks after the server to run the upgrade as the library's owner (docs/clinic-server.md).`,
      );
  }
  if (/timeout/i.test(msg))
    return new ServiceError('io', `StrideLab cannot reach ${where} (no answer). Nothing was changed.`);
  if (NO_TLS.test(msg))
    return new ServiceError(
      'unsupported',
      `${where} does not offer encrypted connections, and the database address asks for them (sslmode). Ask whoever looks after the server to turn TLS on.`,
      'db',
    );
  if (/self[- ]signed|certificate|altnames|hostname/i.test(msg))
    return new ServiceError(
      'locked',
      `${where} could not prove it is the clinic's server (its certificate was not accepted). Check sslrootcert in the database address, or ask whoever looks after the server.`,
      'db',
    );
  return new ServiceError('io', `${where} answered with an error: ${msg}`);
}
