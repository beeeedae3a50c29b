import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../src-main/services/library/db';
import { LATEST_SCHEMA_VERSION, migrations } from '../../src-main/services/library/migrations';
import {
  migratePostgres,
  postgresSchemaVersion,
  SCHEMA_TABLE,
} from '../../src-main/services/library/postgres/migrate';
import { rowTypes } from '../../src-main/services/library/postgres/pool';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { describePostgres, describeSqlite } from '../helpers/schema-describe';
import { insertRow, postgresRunner, sqliteRunner, type SqlRunner } from '../helpers/sql-both';
import { tempDir } from '../helpers/tmp';
import { FIXTURE_ROWS, REFUSALS } from './schema-rows';

/**
 * Every migration on both backends (house style 4, issue 17): step by step from an empty database,
 * the two schemas describe alike at every version, the rows written before each step read back
 * unchanged after it, and at the latest version both refuse the same bad rows and cascade alike.
 */
const connect = async (db: TestDatabase): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: db.url, types: rowTypes });
  await client.connect();
  return client;
};

describe('migrations on SQLite and PostgreSQL', () => {
  let pgDb: TestDatabase;
  let client: pg.Client;
  let lib: Library;
  const tmp = tempDir('stridelab-both-');
  let backends: SqlRunner[];

  beforeAll(async () => {
    pgDb = await createTestDatabase();
    client = await connect(pgDb);
  });
  afterAll(async () => {
    await client?.end();
    await pgDb?.drop();
    lib?.close();
    tmp.cleanup();
  });

  it('migrates step by step with the same schema and every earlier row kept', async () => {
    for (let v = 1; v <= LATEST_SCHEMA_VERSION; v++) {
      lib?.close();
      lib = openLibrary(tmp.path, { migrateTo: v });
      expect(await migratePostgres(client, { migrateTo: v })).toBe(v);
      backends = [sqliteRunner(lib.db), postgresRunner(client)];
      expect(await describePostgres(client, [SCHEMA_TABLE]), `schema at version ${v}`).toEqual(
        describeSqlite(lib.db),
      );
      // Earlier rows survived this step, on both.
      for (const f of FIXTURE_ROWS.filter((r) => r.version < v))
        for (const db of backends) {
          const found = await db.all(`SELECT * FROM ${f.table}`);
          // Later migrations may add columns (0011: version, updated_by): the row's own values stay.
          expect(found, `${db.backend} ${f.table} after ${v}`).toContainEqual(expect.objectContaining(f.row));
        }
      for (const f of FIXTURE_ROWS.filter((r) => r.version === v))
        for (const db of backends) await insertRow(db, f.table, f.row);
    }
    const latest = describeSqlite(lib.db);
    expect(Object.keys(latest.tables)).toEqual(
      expect.arrayContaining([...new Set(FIXTURE_ROWS.map((f) => f.table))]),
    );
    expect(latest.triggers).toHaveLength(2);
    // Rows read back as written, types included (a BIGINT, a BYTEA, doubles), on both.
    for (const f of FIXTURE_ROWS)
      for (const db of backends)
        expect(await db.all(`SELECT * FROM ${f.table}`)).toContainEqual(expect.objectContaining(f.row));
  });

  it('refuses the same bad rows on both', async () => {
    for (const r of REFUSALS) {
      const base = FIXTURE_ROWS.find((f) => f.table === r.table)!.row;
      for (const db of backends) {
        const label = `${db.backend}: ${r.why}`;
        // In a transaction, undone after: PostgreSQL ends a transaction at its first error, hence the savepoint.
        await db.run('BEGIN');
        await db.run('SAVEPOINT refusal');
        await expect(insertRow(db, r.table, { ...base, ...r.key, ...r.bad }), label).rejects.toThrow();
        await db.run('ROLLBACK TO refusal');
        // The same row without the bad field is accepted: the refusal was for that field.
        if (r.key) await insertRow(db, r.table, { ...base, ...r.key });
        await db.run('ROLLBACK');
      }
    }
  });

  it('cascades and nulls alike when rows are purged', async () => {
    for (const db of backends) {
      await db.run(`DELETE FROM recordings WHERE id = 'r1'`);
      expect(await db.all(`SELECT recording_id FROM capture_clips`), db.backend).toEqual([
        { recording_id: null },
      ]);
      expect(await db.all(`SELECT * FROM analysis_jobs`), db.backend).toEqual([]);
      expect(await db.all(`SELECT * FROM marker_tracks`), db.backend).toEqual([]);
      await db.run(`DELETE FROM patients WHERE id = 'p1'`);
      for (const t of new Set(FIXTURE_ROWS.map((f) => f.table)))
        expect(await db.all(`SELECT * FROM ${t}`), `${db.backend} ${t}`).toEqual([]);
    }
  });
});

describe('the PostgreSQL migration runner', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });
  const fresh = async (): Promise<TestDatabase> => {
    const d = await createTestDatabase();
    dbs.push(d);
    return d;
  };

  it('refuses a database from a newer StrideLab and writes nothing', async () => {
    const client = await connect(await fresh());
    try {
      await migratePostgres(client);
      await client.query(`INSERT INTO ${SCHEMA_TABLE} VALUES ($1, 'future', 'x')`, [
        LATEST_SCHEMA_VERSION + 1,
      ]);
      await client.query(`CREATE TABLE future (x text)`);
      const before = await describePostgres(client);
      await expect(migratePostgres(client)).rejects.toThrow(/newer StrideLab.*Nothing was changed/);
      expect(await describePostgres(client)).toEqual(before);
    } finally {
      await client.end();
    }
  });

  it('leaves the previous version whole when a step fails', async () => {
    const client = await connect(await fresh());
    try {
      const broken = [
        ...migrations.slice(0, 2),
        { version: 3, name: 'broken', sqlite: '', postgres: 'CREATE TABLE half (x int); SELECT 1/0;' },
      ];
      await expect(migratePostgres(client, { migrations: broken })).rejects.toThrow(/division by zero/);
      expect(await postgresSchemaVersion(client)).toBe(2);
      expect((await client.query(`SELECT to_regclass('half') AS t`)).rows).toEqual([{ t: null }]);
    } finally {
      await client.end();
    }
  });

  it('lets one of several workstations starting at once migrate, each step once', async () => {
    const db = await fresh();
    const clients = await Promise.all([1, 2, 3, 4].map(() => connect(db)));
    try {
      const versions = await Promise.all(clients.map((c) => migratePostgres(c)));
      expect(versions).toEqual([1, 2, 3, 4].map(() => LATEST_SCHEMA_VERSION));
      const applied = await clients[0]!.query(`SELECT version FROM ${SCHEMA_TABLE} ORDER BY version`);
      expect(applied.rows.map((r: { version: number }) => r.version)).toEqual(
        migrations.map((m) => m.version),
      );
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
