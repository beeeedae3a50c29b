import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../src-main/services/library/migrations';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerLibrary } from '../../src-main/services/library/postgres/open';
import { createTestDatabase, pgCluster, withAdmin, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/tmp';

/**
 * Opening the shared library on a real server as a workstation would: the password from a private
 * file, TLS as sslmode says (the cluster offers TLS; its database `tls_only` refuses plain
 * connections, as a server with `hostssl` lines does), errors in words, and the minimal-rights role
 * of docs/clinic-server.md, created by running the doc's own SQL.
 */
const cluster = pgCluster();
const port = cluster.port;
const tmp = tempDir('stridelab-server-');
const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
  tmp.cleanup();
});

/** A private password file for `user` and an address without the password. */
const passFile = (user: string, password: string): NodeJS.ProcessEnv => {
  const file = join(tmp.path, `pgpass-${user}`);
  writeFileSync(file, `127.0.0.1:${port}:*:${user}:${password}\n`, { mode: 0o600 });
  return { STRIDELAB_DB_PASSFILE: file };
};
const admin = new URL(cluster.adminUrl);
const adminEnv = passFile(decodeURIComponent(admin.username), decodeURIComponent(admin.password));
const address = (db: string, query = '', user = admin.username): string =>
  `postgres://${user}@127.0.0.1:${port}/${db}${query}`;

describe('opening the library on a PostgreSQL server', () => {
  it('connects with the password from a private file, encrypted by default, and migrates', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const lib = await openServerLibrary(parseServerAddress(address(db.name), adminEnv));
    try {
      expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(lib.tls).toBe(cluster.caFile !== null);
      expect(lib.display).toBe(`postgres://${admin.username}@127.0.0.1:${port}/${db.name}`);
      const n = await lib.pool.query<{ n: number }>(`SELECT count(*) AS n FROM patients`);
      expect(n.rows).toEqual([{ n: 0 }]); // a BIGINT, read as a number
    } finally {
      await lib.close();
    }
    const plain = await openServerLibrary(parseServerAddress(address(db.name, '?sslmode=disable'), adminEnv));
    expect(plain.tls).toBe(false);
    await plain.close();
  });

  it.runIf(cluster.caFile)(
    'follows sslmode against a server that asks for TLS, and checks its certificate',
    async () => {
      await withAdmin((c) => c.query(`CREATE DATABASE tls_only`));
      dbs.push({
        name: 'tls_only',
        url: '',
        drop: () => withAdmin((c) => c.query(`DROP DATABASE tls_only WITH (FORCE)`)).then(() => undefined),
      });
      await expect(
        openServerLibrary(parseServerAddress(address('tls_only', '?sslmode=disable'), adminEnv)),
      ).rejects.toThrow(/only accepts encrypted connections.*sslmode=require or verify-full/);
      const preferred = await openServerLibrary(parseServerAddress(address('tls_only'), adminEnv));
      expect(preferred.tls).toBe(true);
      await preferred.close();
      const verified = await openServerLibrary(
        parseServerAddress(
          address('tls_only', `?sslmode=verify-full&sslrootcert=${cluster.caFile}`),
          adminEnv,
        ),
      );
      expect(verified.tls).toBe(true);
      await verified.close();
      // A certificate authority that did not sign the server's certificate: refused, in words.
      const otherCa = join(tmp.path, 'other-ca.pem');
      const made = spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(tmp.path, 'other.key'),
        '-out',
        otherCa,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ]);
      expect(made.status).toBe(0);
      await expect(
        openServerLibrary(
          parseServerAddress(address('tls_only', `?sslmode=verify-full&sslrootcert=${otherCa}`), adminEnv),
        ),
      ).rejects.toThrow(/could not prove it is the clinic's server/);
    },
  );

  it('outlives the server ending its idle connections, and closes only once every connection has', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const lib = await openServerLibrary(parseServerAddress(address(db.name, '?sslmode=disable'), adminEnv));
    // pg-pool says 'remove' once a connection has closed (from the client's end callback).
    let closed = 0;
    lib.pool.on('remove', () => (closed += 1));
    // Two connections, both back in the pool, idle.
    await Promise.all([lib.pool.query('SELECT pg_sleep(0.05)'), lib.pool.query('SELECT pg_sleep(0.05)')]);
    expect(lib.pool.idleCount).toBe(2);
    // What a server restart or an administrator does to them. Before, the pool's 'error' had no
    // listener and Node threw it: an uncaught exception that took the process down.
    const killed = await withAdmin((c) =>
      c.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [db.name],
      ),
    );
    expect(killed.rowCount).toBe(2);
    for (let waited = 0; closed < 2 && waited < 10_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(2);
    expect(lib.pool.totalCount).toBe(0);
    // The next query connects again.
    const n = await lib.pool.query<{ n: number }>(`SELECT count(*) AS n FROM patients`);
    expect(n.rows).toEqual([{ n: 0 }]);
    // Close resolves after that connection has closed (pool.end() alone resolves as it asks), so a
    // database dropped right after never cuts one still closing.
    await lib.close();
    expect(closed).toBe(3);
    await lib.close(); // the same close again, not "Called end on pool more than once"
  });

  it('says plainly when the server is unreachable, the password wrong, or the database missing', async () => {
    await expect(
      openServerLibrary(parseServerAddress(`postgres://u@127.0.0.1:1/x`, { STRIDELAB_DB_PASSWORD: 'p' })),
    ).rejects.toThrow(
      /cannot reach the clinic's database server \(postgres:\/\/u@127\.0\.0\.1:1\/x\).*Nothing was changed/,
    );
    const wrong = openServerLibrary(
      parseServerAddress(address('postgres'), { STRIDELAB_DB_PASSWORD: 'not-it' }),
    );
    await expect(wrong).rejects.toThrow(/did not accept StrideLab's user name and password/);
    await expect(wrong).rejects.not.toThrow(/not-it/);
    await expect(openServerLibrary(parseServerAddress(address('no_such_db'), adminEnv))).rejects.toThrow(
      /has no such database/,
    );
  });

  it('refuses in words a server built without ICU, which patient search needs, changing nothing', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    // A server built without ICU has no ICU collations: taken out of this one throwaway database's catalogue.
    await withAdmin((c) => c.query(`DELETE FROM pg_collation WHERE collprovider = 'i'`), db.name);
    await expect(openServerLibrary(parseServerAddress(address(db.name), adminEnv))).rejects.toThrow(
      /was built without ICU, which StrideLab needs to find patients by name/,
    );
    // Refused before the migrations: the database holds no table of the library.
    const tables = await withAdmin(
      (c) => c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`),
      db.name,
    );
    expect(tables.rows).toEqual([{ n: 0 }]);
  });

  it('works as the minimal-rights role of docs/clinic-server.md, which can do nothing else', async () => {
    const doc = readFileSync(new URL('../../docs/clinic-server.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(2);
    const psql = (sql: string): void => {
      const r = spawnSync(
        join(cluster.binDir, 'psql'),
        [cluster.adminUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-f', '-'],
        {
          input: sql,
          encoding: 'utf8',
        },
      );
      expect(r.status, r.stderr).toBe(0);
    };
    psql(blocks[0]!.replace('choose-a-long-random-password', 'owner-pw'));
    dbs.push({
      name: 'stridelab',
      url: '',
      drop: () =>
        withAdmin(async (c) => {
          await c.query(`DROP DATABASE IF EXISTS stridelab WITH (FORCE)`);
          await c.query(`DROP ROLE IF EXISTS stridelab_ws`);
          await c.query(`DROP ROLE IF EXISTS stridelab`);
        }).then(() => undefined),
    });
    const ownerEnv = passFile('stridelab', 'owner-pw');
    const lib = await openServerLibrary(parseServerAddress(address('stridelab', '', 'stridelab'), ownerEnv));
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    await lib.pool.query(
      `INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ann', 'x', 'x')`,
    );
    for (const forbidden of [
      `CREATE DATABASE other`,
      `CREATE ROLE intruder`,
      `SELECT pg_read_file('PG_VERSION')`,
    ])
      await expect(lib.pool.query(forbidden), forbidden).rejects.toThrow(/permission denied/);
    await lib.close();
    // Nobody else may even connect to the library's database.
    await withAdmin((c) => c.query(`CREATE ROLE bystander LOGIN PASSWORD 'b'`));
    const bystander = new pg.Client({
      connectionString: `postgres://bystander:b@127.0.0.1:${port}/stridelab`,
    });
    await expect(bystander.connect()).rejects.toThrow(/permission denied for database/);
    await withAdmin((c) => c.query(`DROP ROLE bystander`));

    // The stricter split: a workstation role that reads and writes rows, and cannot change the schema.
    psql(blocks[1]!.replace('another-long-random-password', 'ws-pw'));
    const wsEnv = passFile('stridelab_ws', 'ws-pw');
    const ws = await openServerLibrary(parseServerAddress(address('stridelab', '', 'stridelab_ws'), wsEnv));
    expect((await ws.pool.query(`SELECT name FROM patients`)).rows).toEqual([{ name: 'Ann' }]);
    await expect(ws.pool.query(`DROP TABLE patients`)).rejects.toThrow(/must be owner/);
    await ws.close();
    // Behind the schema (a version this StrideLab would add): the workstation role refuses, in words.
    await withAdmin(
      (c) => c.query(`DELETE FROM stridelab_schema WHERE version = ${LATEST_SCHEMA_VERSION}`),
      'stridelab',
    );
    await expect(
      openServerLibrary(parseServerAddress(address('stridelab', '', 'stridelab_ws'), wsEnv)),
    ).rejects.toThrow(/may not change the library's tables.*run the upgrade as the library's owner/);
  });
});
