/**
 * CPU seconds used by a process tree, by kind of process, from Linux's /proc (proc(5): fields 14
 * and 15 of /proc/<pid>/stat, utime and stime, in clock ticks of 1/100 s, sysconf(_SC_CLK_TCK) on
 * every mainstream Linux ABI). What competes with capture is read as the difference of two samples:
 * a process that ends between them takes its seconds with it, so the figures are a lower bound for
 * short-lived children (a probe), exact for those that live through (the pose engine, the server).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100;

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly cpuS: number;
}

function readProcs(): Proc[] {
  const out: Proc[] = [];
  let names: string[] = [];
  try {
    names = readdirSync('/proc');
  } catch {
    return out; // not Linux
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' '); // f[0] is field 3
      out.push({
        pid: Number(name),
        ppid: Number(f[1]),
        comm,
        cpuS: (Number(f[11]) + Number(f[12])) / TICKS_PER_S,
      });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Seconds per kind for the tree under `root` (root included); `kind` names a process, or null to skip it. */
export function cpuByKind(
  root: number,
  kind: (p: { pid: number; comm: string; path: readonly number[] }) => string | null,
): Map<string, number> {
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const self = procs.find((p) => p.pid === root);
  const out = new Map<string, number>();
  const walk = (p: Proc, path: readonly number[]): void => {
    const k = kind({ pid: p.pid, comm: p.comm, path });
    if (k !== null) out.set(k, (out.get(k) ?? 0) + p.cpuS);
    for (const c of children.get(p.pid) ?? []) walk(c, [...path, p.pid]);
  };
  if (self) walk(self, []);
  return out;
}

/** `after - before` per kind. */
export const cpuDelta = (before: Map<string, number>, after: Map<string, number>): Map<string, number> =>
  new Map([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]));
