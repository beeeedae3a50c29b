import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLibrary } from '../../src-main/services/library/db';
import { createPrng } from '../../src-shared/gait/synthetic/prng';

/**
 * Fault injection, in the spirit of SQLite's crash tests: start a real `stridelab` process, kill it
 * (SIGKILL, or SIGTERM) at a seeded random instant, then run StrideLab normally and check that
 * nothing was lost and nothing was left behind. Each test file counts its kill points and the
 * violations it found, and prints them (CI logs read "faults: <job>: N kill points, 0 violations").
 */

/** Seeded uniforms in [0, 1) (mulberry32, the synthetic runner's generator): a failure replays from its seed. */
export const seeded = (seed: number): (() => number) => createPrng(seed).next;

export const FAULT_SEED = Number(process.env.STRIDELAB_FAULT_SEED ?? 20261206);

/** Where one suite keeps its library, its process-scratch root and the temp folder its children see. */
export interface Arena {
  readonly root: string;
  readonly home: string;
  readonly scratch: string;
  readonly tmp: string;
  readonly out: string;
  readonly env: NodeJS.ProcessEnv;
}

export function makeArena(root: string): Arena {
  const a = {
    root,
    home: join(root, 'library'),
    scratch: join(root, 'scratch'),
    tmp: join(root, 'tmp'),
    out: join(root, 'out'),
  };
  for (const d of [a.scratch, a.tmp, a.out]) mkdirSync(d, { recursive: true });
  return {
    ...a,
    env: {
      ...process.env,
      STRIDELAB_SCRATCH_ROOT: a.scratch,
      TMPDIR: a.tmp,
      STRIDELAB_HOME: a.home,
      DISPLAY: '',
    },
  };
}

export interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
}

export function start(script: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Run to the end; the result, or an error with what it said. */
export async function runToEnd(script: string, args: string[], env: NodeJS.ProcessEnv) {
  return start(script, args, env).done;
}

/** Processes (other than `except`) whose command line mentions `marker`: orphans of a killed run. */
export function processesMentioning(marker: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (!cmd.includes(marker)) continue;
    try {
      // A zombie (dead, not yet reaped by its parent) is not running anything.
      if (/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) continue;
    } catch {
      continue;
    }
    found.push(`${pid} ${cmd}`);
  }
  return found;
}

/** Orphans still running `within` ms after the kill. */
export async function orphansAfter(marker: string, within = 3000): Promise<string[]> {
  const until = Date.now() + within;
  for (;;) {
    const left = processesMentioning(marker);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const listDir = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);

/**
 * What must hold after a normal run followed a kill. Files are inspected before the library is
 * opened here (opening sweeps, which would hide what the normal run failed to clean).
 */
export function checkInvariants(arena: Arena, opts: { everySessionHasRecordings: boolean }): string[] {
  const v: string[] = [];
  const tmpLeft = listDir(join(arena.home, 'tmp')).filter((n) => n !== 'captures');
  if (tmpLeft.length) v.push(`library tmp/ holds ${tmpLeft.join(', ')}`);
  const scratchLeft = listDir(arena.scratch);
  if (scratchLeft.length) v.push(`process scratch holds ${scratchLeft.join(', ')}`);
  const tmpDirLeft = listDir(arena.tmp);
  if (tmpDirLeft.length) v.push(`system temp folder holds ${tmpDirLeft.join(', ')}`);
  const partial = listDir(arena.out).filter((n) => n.startsWith('.stridelab-partial-'));
  if (partial.length) v.push(`--out holds ${partial.join(', ')}`);
  if (existsSync(join(arena.home, 'library.sqlite'))) {
    const db = new Database(join(arena.home, 'library.sqlite'), { readonly: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') v.push(`integrity_check: ${String(integrity)}`);
      const rows = db
        .prepare(
          `SELECT id, session_id, original_path, proxy_path, thumb_path, timestamps_path FROM recordings`,
        )
        .all() as Record<string, string>[];
      const ids = new Set(rows.map((r) => `${r.session_id}/${r.id}`));
      for (const r of rows)
        for (const k of ['original_path', 'proxy_path', 'thumb_path', 'timestamps_path'])
          if (!existsSync(join(arena.home, 'media', r[k]!))) v.push(`row ${r.id} lacks its file ${r[k]}`);
      for (const s of listDir(join(arena.home, 'media')))
        for (const r of listDir(join(arena.home, 'media', s)))
          if (!ids.has(`${s}/${r}`)) v.push(`media/${s}/${r} has no row`);
      const dupes = db
        .prepare(
          `SELECT session_id, sha256, COUNT(*) n FROM recordings GROUP BY session_id, sha256 HAVING n > 1`,
        )
        .all();
      if (dupes.length) v.push(`duplicate recordings: ${JSON.stringify(dupes)}`);
      if (opts.everySessionHasRecordings) {
        const empty = db
          .prepare(
            `SELECT id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM recordings r WHERE r.session_id = s.id)`,
          )
          .all();
        if (empty.length) v.push(`${empty.length} empty session(s)`);
        const lonely = db
          .prepare(
            `SELECT id FROM patients p WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.patient_id = p.id)`,
          )
          .all();
        if (lonely.length > 1) v.push(`${lonely.length} patients without a session`);
      }
    } finally {
      db.close();
    }
  }
  try {
    openLibrary(arena.home).close();
  } catch (err) {
    v.push(`the library does not open: ${(err as Error).message}`);
  }
  return v;
}

export function report(
  job: string,
  killPoints: number,
  signals: Record<string, number>,
  violations: string[],
): void {
  const by = Object.entries(signals)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  process.stdout.write(
    `faults: ${job}: ${killPoints} kill points (${by}), ${violations.length} violations, seed ${FAULT_SEED}\n`,
  );
  for (const x of violations.slice(0, 20)) process.stdout.write(`  violation: ${x}\n`);
}

export const cleanup = (root: string): void => rmSync(root, { recursive: true, force: true, maxRetries: 5 });
