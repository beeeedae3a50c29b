import type { TestProject } from 'vitest/node';
import { startPgCluster, type ClusterInfo } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's throwaway PostgreSQL cluster (test/helpers/postgres-cluster.ts). */
    postgres: ClusterInfo;
  }
}

/**
 * vitest globalSetup of the `postgres` project (vitest.config.ts): one cluster for the whole run,
 * stopped and deleted by the teardown, which vitest runs whether the tests passed or failed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  const { stop, ...info } = cluster;
  project.provide('postgres', info);
  return stop;
}
