import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migration } from '../../src-main/services/library/migrations/0015-analysis-job-outcome';
import { migratePostgres } from '../../src-main/services/library/postgres/migrate';
import { rowTypes } from '../../src-main/services/library/postgres/pool';
import { FIXTURE_ROWS } from '../library/schema-rows';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { insertRow, postgresRunner } from '../helpers/sql-both';
import { EXPECTED_ROWS, insertOldJobs, ROWS_SQL } from './outcome-backfill';

/**
 * Migration 0015 on a clinic server at version 14: the jobs of migration-0015.test.ts (SQLite) kept,
 * each finished one given the outcome its note says, in PostgreSQL's LIKE (case-sensitive, where
 * SQLite's is not: the notes' words are matched as written).
 */
describe('migration 0015 on PostgreSQL', () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url, types: rowTypes });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('keeps every job and fills the outcome of the finished ones from their notes', async () => {
    expect(await migratePostgres(client, { migrateTo: migration.version - 1 })).toBe(migration.version - 1);
    const sql = postgresRunner(client);
    for (const f of FIXTURE_ROWS.filter((r) => ['patients', 'sessions', 'recordings'].includes(r.table)))
      await insertRow(sql, f.table, f.row);
    await insertOldJobs(sql);
    expect(await migratePostgres(client)).toBeGreaterThanOrEqual(migration.version);
    expect(await sql.all(ROWS_SQL)).toEqual(EXPECTED_ROWS);
    await expect(sql.run(`UPDATE analysis_jobs SET outcome = 'fine'`)).rejects.toThrow(/check/i);
  });
});
