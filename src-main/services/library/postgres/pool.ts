import pg from 'pg';

/**
 * A connection pool to the clinic's server, reading rows as the embedded backend does: the same
 * numbers for the same columns, so repositories parse one shape (src-main/data).
 *
 * node-postgres returns BIGINT (int8: byte counts, `count(*)`) as a string, because a JavaScript
 * number is exact only up to 2^53 (https://node-postgres.com/features/types). Every value StrideLab
 * keeps there is far below that (a file of 9 PB), so it is read as a number; one beyond it is refused
 * rather than rounded.
 */
const INT8 = 20;
const int8 = (text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`A whole number beyond 2^53 came from the database: ${text}`);
  return n;
};

export const rowTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 && format !== 'binary'
      ? int8
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** Each pool's connections that have not yet closed: what `endPool` waits for. */
const openConnections = new WeakMap<pg.Pool, Set<pg.PoolClient>>();

/** A pool over `config` (from postgres/config.ts), named in the server's activity view. */
export function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ application_name: 'StrideLab', max: 4, ...config, types: rowTypes });
  // A connection the server ends while it sits idle (the server restarted, an administrator ran
  // pg_terminate_backend, a network cut) is an 'error' on the pool, and an EventEmitter with no
  // listener throws it: the workstation would go down with the server's restart. pg-pool has
  // already dropped that connection when it says so (pg-pool's idle listener), and the next query
  // opens another, so there is nothing to do but not crash.
  pool.on('error', () => undefined);
  const open = new Set<pg.PoolClient>();
  openConnections.set(pool, open);
  pool.on('connect', (client) => open.add(client));
  // 'remove' comes once the connection has really closed (pg-pool emits it from client.end's callback).
  pool.on('remove', (client) => open.delete(client));
  return pool;
}

/**
 * End the pool and wait until every one of its connections has closed. `pool.end()` resolves when
 * the last connection has been *asked* to close (pg-pool sets `ended` as it empties its list), so a
 * database dropped or a process exiting just after it cut a connection still saying goodbye: the
 * server then ends it (57P01) on a client with no one listening.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  const open = openConnections.get(pool);
  await pool.end();
  if (!open) return;
  await Promise.all(
    [...open].map(
      (client) =>
        new Promise<void>((resolve) => {
          const done = (c: pg.PoolClient): void => {
            if (c !== client) return;
            pool.off('remove', done);
            resolve();
          };
          pool.on('remove', done);
          if (!open.has(client)) done(client);
        }),
    ),
  );
}
