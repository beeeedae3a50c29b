import { startPgCluster } from '../helpers/postgres-cluster';

/** A test runner stand-in: starts a cluster under argv[2], prints it, and waits to be killed. */
const cluster = await startPgCluster({ root: process.argv[2] });
process.stdout.write(`${JSON.stringify({ dataDir: cluster.dataDir, port: cluster.port })}\n`);
setInterval(() => undefined, 60_000);
