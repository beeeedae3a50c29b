import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { ClusterInfo } from './postgres-cluster';
import { MIGRATED_TEMPLATE } from './postgres-global';

/**
 * A fresh, empty database per test file (or per test) on the run's cluster (postgres-global.ts), so
 * files running in parallel workers never see each other's rows. Drop it in afterAll; a database
 * left by a crashed worker goes with the cluster at the end of the run.
 */
export interface TestDatabase {
  /** postgres://admin:…@127.0.0.1:port/<name>: what `--db` / STRIDELAB_DB would hold. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export function pgCluster(): ClusterInfo {
  const info = inject('postgres');
  if (!info) throw new Error('No PostgreSQL cluster: run this file in the "postgres" vitest project.');
  return info;
}

/** Run `fn` on a client connected to the cluster's admin database. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const url = new URL(pgCluster().adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database: empty, or with `migrated` a copy of the run's database at the latest schema
 * (postgres-global.ts), which is much faster than migrating each one.
 */
export async function createTestDatabase(
  prefix = 't',
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) =>
    c.query(`CREATE DATABASE ${name}${options.migrated ? ` TEMPLATE ${MIGRATED_TEMPLATE}` : ''}`),
  );
  const url = new URL(pgCluster().adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    // FORCE ends what a failed test left connected (PostgreSQL 13+).
    drop: () =>
      withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
