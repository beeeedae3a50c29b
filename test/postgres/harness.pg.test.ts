import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgCluster, withAdmin } from '../helpers/postgres';

describe('the PostgreSQL test cluster', () => {
  const dbs: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  it('hands out separate, empty databases over password-checked TCP', async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    dbs.push(a, b);
    expect(a.name).not.toBe(b.name);
    await withAdmin((c) => c.query('CREATE TABLE t (x int); INSERT INTO t VALUES (1)'), a.name);
    const seen = await withAdmin((c) => c.query(`SELECT to_regclass('t') AS t`), b.name);
    expect(seen.rows).toEqual([{ t: null }]);
    const wrong = new URL(pgCluster().adminUrl);
    wrong.password = 'not-the-password';
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: wrong.toString() });
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  });
});
