/**
 * Clinic server under load (issue 17, "Tests and benchmarks"): N workstation processes (default 10)
 * on one PostgreSQL server holding 10,000 patients and 100,000 sessions, each running the patient
 * search and the session page load the renderer makes; p50/p95 of each, and the p95 as a ratio to
 * the same calls on the embedded SQLite library with the same rows (one workstation: a single PC
 * owns its library), measured in the same run. The 1-minute load average is sampled through each
 * phase and printed beside, since on a shared small machine it moves the absolute figures.
 *
 * The server is a throwaway cluster started as the tests start theirs (test/helpers/postgres-cluster.ts),
 * stopped and its folder deleted at the end, on failure and on Ctrl+C too. Counts by env var:
 * STRIDELAB_BENCH_WORKSTATIONS, _PATIENTS, _SESSIONS, _ITERATIONS (per workstation).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openLibrary } from '../../src-main/services/library/db';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerLibrary } from '../../src-main/services/library/postgres/open';
import { startPgCluster, type PgCluster } from '../../test/helpers/postgres-cluster';
import type { ChildResult } from './workstations/plan';
import { seedPostgres, seedSqlite } from './workstations/seed';
import { percentile } from './workstations/stats';
import type { BenchLine } from './types';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[`STRIDELAB_BENCH_${name}`]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'workstations', 'child.ts');
const log = (line: string): void => void process.stderr.write(`  [workstations] ${line}\n`);

interface Phase {
  readonly search: number[];
  readonly sessionPage: number[];
  readonly searchHits: number;
  /** The highest 1-minute load average seen while the loops ran. */
  readonly load: number;
}

export async function benchWorkstations(): Promise<BenchLine[]> {
  const workstations = env('WORKSTATIONS', 10);
  const patients = env('PATIENTS', 10_000);
  const sessions = env('SESSIONS', 100_000);
  const iterations = env('ITERATIONS', 30);
  const root = mkdtempSync(join(tmpdir(), 'stridelab-bench-ws-'));
  const children = new Set<ChildProcess>();
  let cluster: PgCluster | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaned ??= (async () => {
      for (const c of children) c.kill('SIGKILL');
      await cluster?.stop();
      rmSync(root, { recursive: true, force: true });
    })());
  // Ctrl+C: the cluster and the folders go before the process does (the server would die with us
  // anyway, through --pdeathsig, but its folder would wait for the next run's sweep).
  const onSignal = (): void => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let t0 = performance.now();
    cluster = await startPgCluster({ tls: false });
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const url = new URL(cluster.adminUrl);
    url.pathname = '/bench';
    const server = await openServerLibrary(parseServerAddress(url.toString(), {}));
    try {
      await seedPostgres(server.pool, patients, sessions);
    } finally {
      await server.close();
    }
    const sqliteHome = join(root, 'single-pc');
    const local = openLibrary(sqliteHome);
    try {
      seedSqlite(local.db, patients, sessions);
    } finally {
      local.close();
    }
    log(
      `cluster and ${patients} patients / ${sessions} sessions on both backends in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const media = join(root, 'media');
    mkdirSync(media);
    const run = (argvs: string[][]): Promise<Phase> => runPhase(argvs, children);
    const tail = (seed: number): string[] => [String(iterations), String(seed), String(sessions)];
    t0 = performance.now();
    const single = await run([['sqlite', sqliteHome, 'single-pc', ...tail(1)]]);
    log(`embedded, 1 workstation: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    const clinic = await run(
      Array.from({ length: workstations }, (_, w) => [
        'pg',
        url.toString(),
        media,
        join(root, `ws-${w}`),
        `room ${w + 1}`,
        ...tail(w + 1),
      ]),
    );
    log(`server, ${workstations} workstations: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The same queries against both: the first workstation's workload is the single PC's.
    const p = (xs: number[], q: number): number => percentile(xs, q);
    const tag = `${workstations}ws`;
    return [
      {
        name: `workstations.search_p95.${tag}_over_sqlite`,
        value: p(clinic.search, 95) / p(single.search, 95),
        unit: 'x',
      },
      {
        name: `workstations.page_p95.${tag}_over_sqlite`,
        value: p(clinic.sessionPage, 95) / p(single.sessionPage, 95),
        unit: 'x',
      },
      { name: 'workstations.pg.search_p50_ms', value: p(clinic.search, 50), unit: 'ms' },
      { name: 'workstations.pg.search_p95_ms', value: p(clinic.search, 95), unit: 'ms' },
      { name: 'workstations.pg.page_p50_ms', value: p(clinic.sessionPage, 50), unit: 'ms' },
      { name: 'workstations.pg.page_p95_ms', value: p(clinic.sessionPage, 95), unit: 'ms' },
      { name: 'workstations.pg.loadavg_1m_max', value: clinic.load, unit: 'load' },
      { name: 'workstations.sqlite.search_p50_ms', value: p(single.search, 50), unit: 'ms' },
      { name: 'workstations.sqlite.search_p95_ms', value: p(single.search, 95), unit: 'ms' },
      { name: 'workstations.sqlite.page_p50_ms', value: p(single.sessionPage, 50), unit: 'ms' },
      { name: 'workstations.sqlite.page_p95_ms', value: p(single.sessionPage, 95), unit: 'ms' },
      { name: 'workstations.sqlite.loadavg_1m_max', value: single.load, unit: 'load' },
      { name: 'workstations.samples_per_call', value: clinic.search.length, unit: 'n' },
      {
        name: 'workstations.search_hits_mean',
        value: clinic.searchHits / clinic.search.length,
        unit: 'rows',
      },
    ];
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

/**
 * Start every workstation, wait until each has opened its library (startup is not measured), tell
 * them all GO at once, and gather their latencies.
 */
async function runPhase(argvs: string[][], children: Set<ChildProcess>): Promise<Phase> {
  const procs = argvs.map((argv) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...argv], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.add(child);
    let out = '';
    let err = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('READY\n')) resolve();
      });
      child.stderr!.on('data', (b: Buffer) => void (err += b.toString()));
      child.once('exit', (code) =>
        reject(new Error(`a workstation exited (${code}) before it was ready: ${err.slice(-2000)}`)),
      );
    });
    const done = new Promise<ChildResult>((resolve, reject) => {
      child.once('exit', (code) => {
        children.delete(child);
        const line = out.split('\n').find((l) => l.startsWith('RESULT '));
        if (line) resolve(JSON.parse(line.slice(7)) as ChildResult);
        else reject(new Error(`a workstation exited (${code}) without results: ${err.slice(-2000)}`));
      });
    });
    done.catch(() => undefined);
    return { child, ready, done };
  });
  await Promise.all(procs.map((p) => p.ready));
  let load = loadavg()[0]!;
  const sampler = setInterval(() => (load = Math.max(load, loadavg()[0]!)), 1000);
  try {
    for (const p of procs) p.child.stdin!.write('GO\n');
    const results = await Promise.all(procs.map((p) => p.done));
    return {
      search: results.flatMap((r) => r.search),
      sessionPage: results.flatMap((r) => r.sessionPage),
      searchHits: results.reduce((n, r) => n + r.searchHits, 0),
      load: Math.max(load, loadavg()[0]!),
    };
  } finally {
    clearInterval(sampler);
  }
}
