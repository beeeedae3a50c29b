import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../src-main/services/library/postgres/migrate';
import { startPgCluster, type ClusterInfo } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's throwaway PostgreSQL cluster (test/helpers/postgres-cluster.ts). */
    postgres: ClusterInfo;
  }
}

/** A database migrated to the latest schema once per run; test libraries are copies of it. */
export const MIGRATED_TEMPLATE = 'stridelab_migrated';

/**
 * vitest globalSetup of the `postgres` project (vitest.config.ts): one cluster for the whole run,
 * stopped and deleted by the teardown, which vitest runs whether the tests passed or failed. A
 * library per test is then a `CREATE DATABASE … TEMPLATE` copy of a migrated database (a file copy
 * on the server) rather than ten migrations.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${MIGRATED_TEMPLATE}`);
    await admin.end();
    const url = new URL(cluster.adminUrl);
    url.pathname = `/${MIGRATED_TEMPLATE}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await migratePostgres(client);
    await client.end();
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  const { stop, ...info } = cluster;
  project.provide('postgres', info);
  return stop;
}
