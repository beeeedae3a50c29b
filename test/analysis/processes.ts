import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { spawn } from 'node:child_process';
import { AUTOGROUP_NICE, autogroupShellLines, readAutogroup } from '../../src-main/services/process/priority';

/**
 * The live processes under this test process, as Linux's /proc shows them (proc(5)): what the
 * scheduler sees of the children the app starts (ffmpeg, the pose engine's Chromium), read back
 * from the kernel, not from the app's own notes.
 */
export interface LiveProcess {
  readonly pid: number;
  readonly comm: string;
  readonly args: readonly string[];
  /** os.getPriority(pid): the main thread's nice (Linux), the process's class elsewhere. */
  readonly priority: number;
  /** The nice of every thread (field 19 of /proc/<pid>/task/<tid>/stat). */
  readonly threadNice: readonly number[];
  /** Its session's autogroup (sched(7)), where the kernel has them. */
  readonly autogroup: { readonly id: string; readonly nice: number } | undefined;
}

/** Fields 3 on of a /proc stat line (the name in parentheses may hold spaces: cut after the last ')'). */
function statFields(path: string): { comm: string; f: string[] } {
  const stat = readFileSync(path, 'utf8');
  const close = stat.lastIndexOf(')');
  return { comm: stat.slice(stat.indexOf('(') + 1, close), f: stat.slice(close + 2).split(' ') };
}

function live(pid: number, comm: string): LiveProcess | undefined {
  try {
    const threadNice = readdirSync(`/proc/${pid}/task`).map((tid) =>
      Number(statFields(`/proc/${pid}/task/${tid}/stat`).f[16]),
    );
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, comm, args, priority: getPriority(pid), threadNice, autogroup: readAutogroup(pid) };
  } catch {
    return undefined; // it ended meanwhile
  }
}

/** Every process below `root` (default: this one), children of children included. */
export function descendants(root: number = process.pid): LiveProcess[] {
  const parent = new Map<number, { ppid: number; comm: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const { comm, f } = statFields(`/proc/${name}/stat`);
      parent.set(Number(name), { ppid: Number(f[1]), comm });
    } catch {
      // gone
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid)?.ppid, hops = 0; p && hops < 64; p = parent.get(p)?.ppid, hops++)
      if (p === root) return true;
    return false;
  };
  return [...parent]
    .filter(([pid]) => below(pid))
    .map(([pid, { comm }]) => live(pid, comm))
    .filter((p): p is LiveProcess => p !== undefined);
}

/** The review proxy's transcode among them (an ffmpeg writing H.264 all-intra: proxy.ts). */
export const isProxyTranscode = (p: LiveProcess): boolean =>
  p.comm === 'ffmpeg' && p.args.includes('libx264') && p.args.includes('-g');

/**
 * A process of a Chromium (the pose engine's, in these tests). Not its crash reporter: that one
 * leaves the session (setsid) and the tree (a daemon: its parent becomes init), does no work, and a
 * sample can catch it between the two.
 */
export const isChromium = (p: LiveProcess): boolean => /chrom/i.test(p.comm) && !/crashpad/i.test(p.comm);

/** Samples `descendants()` every `everyMs` until `done` settles; returns every sample. */
export async function sampleWhile(done: Promise<unknown>, everyMs = 20): Promise<LiveProcess[][]> {
  const samples: LiveProcess[][] = [];
  let settled = false;
  const end = done.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    samples.push(descendants());
    await Promise.race([end, new Promise((r) => setTimeout(r, everyMs))]);
  }
  return samples;
}

/**
 * Whether this machine's kernel lets a process in a session of its own lower that session's nice
 * (sched(7); process/priority.ts), tried the way the app's background children do it (the same
 * shell lines, retried while the kernel rate-limits). Where it does not (a container that refuses
 * the write), the app's background work still runs niced, only without its session lowered: the
 * tests check the session's nice only where the kernel takes it, and say so where it does not.
 */
export async function autogroupNiceTakes(): Promise<boolean> {
  const lines = autogroupShellLines('transcode');
  if (!lines.length) return false;
  const out = await new Promise<string>((resolve) => {
    const sh = spawn('/bin/sh', ['-c', [...lines, 'cat /proc/$$/autogroup'].join('\n')], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let text = '';
    sh.stdout.on('data', (b: Buffer) => (text += b.toString('utf8')));
    sh.on('close', () => resolve(text));
    sh.on('error', () => resolve(''));
  });
  const taken = new RegExp(`nice\\s+${AUTOGROUP_NICE.transcode}\\b`).test(out);
  if (!taken)
    console.warn(`This kernel did not take a session's nice (${out.trim() || 'no answer'}): not checked.`);
  return taken;
}
