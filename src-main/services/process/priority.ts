import { accessSync, constants as fsConstants, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

/**
 * Background work runs below what the PT is doing (issue 16: capture has priority; the review stays
 * responsive; the first numbers before the review proxies of the next take). Two levels, in Node's
 * portable scale (os.constants.priority, libuv's uv_os_setpriority):
 *
 * - `analysis` (the pose engine's Chromium): PRIORITY_BELOW_NORMAL, nice 10 on Linux and macOS,
 *   BELOW_NORMAL_PRIORITY_CLASS on Windows. Under the recorder, the app's own window and the server.
 * - `transcode` (the review proxy and its thumbnail): PRIORITY_LOW, nice 19, IDLE_PRIORITY_CLASS on
 *   Windows. Under pose as well: a proxy is 95 % of an import's time and every core x264 can use
 *   (jobs.ts), while the first numbers wait on pose alone; the proxy still gets every cycle pose
 *   leaves, so it is made all the same, only later (docs/analysis-queue.md, "Background priority").
 *
 * A priority only orders work that competes for a core: alone on the machine a lowered process runs
 * as fast as before. Linux's CFS weighs nice 0 : 10 : 19 as 1024 : 110 : 15 (kernel/sched/core.c,
 * sched_prio_to_weight), so on a shared core pose gets 10 % beside the recorder and a proxy 12 %
 * beside pose.
 *
 * Linux detail: with autogroups on (sched(7), "The autogroup feature", the default of many kernels
 * when processes sit in the root CPU cgroup), the scheduler first shares the CPU between sessions
 * and a thread's nice only counts inside its own session. Playwright starts Chromium in a session of
 * its own (setsid), so nice alone would do nothing there; a child in its own session gets its
 * autogroup's nice lowered too (/proc/<pid>/autogroup), which only ever touches that child's session.
 * Half as far (AUTOGROUP_NICE): a session's nice weighs it against every other session on the
 * machine, other programs included, and at 19 a proxy got 1.5 % of a core beside any busy program:
 * on this shared machine (load 35) a 12 s clip's proxy did not finish in 180 s, against 20 s at the
 * app's priority. At 10 it still yields (110 : 1024, and 110 : 335 beside pose at 5), and finishes.
 *
 * STRIDELAB_BACKGROUND_PRIORITY=0 leaves every child at the app's own priority (the benches' A/B
 * runs; a PC where it would be wrong). Read at each start, so a bench can switch it between runs.
 */
export type BackgroundWork = 'analysis' | 'transcode';

export const BACKGROUND_PRIORITY: Readonly<Record<BackgroundWork, number>> = {
  analysis: constants.priority.PRIORITY_BELOW_NORMAL,
  transcode: constants.priority.PRIORITY_LOW,
};

/** The nice of a background child's own session (Linux autogroups; see above why not the same). */
export const AUTOGROUP_NICE: Readonly<Record<BackgroundWork, number>> = { analysis: 5, transcode: 10 };

export const backgroundPriorityOn = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.STRIDELAB_BACKGROUND_PRIORITY !== '0';

const ownPriority = (): number => {
  try {
    return getPriority();
  } catch {
    return 0;
  }
};

/**
 * The priority a child doing `work` gets, or null to leave it at the app's own (switched off). Never
 * above this process's own: an unprivileged process may lower a priority, not raise it (setpriority(2)).
 */
export function priorityFor(work: BackgroundWork | undefined): number | null {
  if (!work || !backgroundPriorityOn()) return null;
  return Math.max(BACKGROUND_PRIORITY[work], ownPriority());
}

const NICE_CANDIDATES = ['/usr/bin/nice', '/bin/nice'];
let nice: string | null | undefined;

/** coreutils/BSD `nice`, or null (Windows, or none found). */
function nicePath(): string | null {
  if (nice !== undefined) return nice;
  nice = null;
  if (process.platform === 'win32') return nice;
  for (const c of NICE_CANDIDATES) {
    try {
      accessSync(c, fsConstants.X_OK);
      nice = c;
      break;
    } catch {
      // next
    }
  }
  return nice;
}

/**
 * `nice -n k` before a program, so that it and every thread and process it starts run at the
 * work's priority from their first instruction (nice(1) adds to the caller's value, hence k = target
 * minus our own). Empty when no prefix is needed or possible: then `lowerPriority` after the start.
 */
export function nicePrefix(work: BackgroundWork | undefined): string[] {
  const target = priorityFor(work);
  const bin = nicePath();
  if (target === null || !bin) return [];
  const k = target - ownPriority();
  return k > 0 ? [bin, '-n', String(k)] : [];
}

/** Whether the scheduler shares the CPU by session first (Linux autogroups; sched(7)). */
export function autogroupsOn(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    return false;
  }
}

/** `/autogroup-N` and its nice, as /proc/<pid>/autogroup says ("/autogroup-11400 nice 0"). */
export function readAutogroup(pid: number | 'self'): { id: string; nice: number } | undefined {
  try {
    const m = /^(\S+)\s+nice\s+(-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'));
    return m ? { id: m[1]!, nice: Number(m[2]) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lower a running process to the work's priority: every thread (on Linux setpriority(2) with a pid
 * sets one thread; threads started later inherit from their creator), and its autogroup where it
 * leads one of its own, never ours (that would lower the app itself). Elsewhere the whole process
 * (Windows: its priority class, which the processes it starts inherit). Best effort: a process gone
 * meanwhile, or a system that refuses, leaves it as it was. Returns whether anything was lowered.
 */
export function lowerPriority(pid: number | undefined, work: BackgroundWork): boolean {
  const target = priorityFor(work);
  if (pid === undefined || target === null) return false;
  let lowered = false;
  const lower = (id: number): void => {
    try {
      if (getPriority(id) < target) {
        setPriority(id, target);
        lowered = true;
      }
    } catch {
      // gone, or not ours
    }
  };
  lower(pid);
  if (process.platform !== 'linux') return lowered;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) if (Number(tid) !== pid) lower(Number(tid));
  } catch {
    // gone
  }
  return lowerAutogroup(pid, AUTOGROUP_NICE[work]) || lowered;
}

/**
 * The kernel takes one autogroup nice change per 100 ms from the whole machine without
 * CAP_SYS_ADMIN and says EAGAIN to the others (kernel/sched/autogroup.c,
 * proc_sched_autogroup_set_nice): two children started together would leave the second at 0.
 * So a refused change is tried again, a little over that apart, a few times.
 */
const AUTOGROUP_RETRY_MS = 110;
const AUTOGROUP_TRIES = 10;

/**
 * The autogroup nice of a child leading its own session (see above); false where nothing changed
 * at once (a change the kernel asked to retry goes on in the background).
 */
export function lowerAutogroup(pid: number, target: number, triesLeft = AUTOGROUP_TRIES): boolean {
  if (!autogroupsOn()) return false;
  const theirs = readAutogroup(pid);
  const ours = readAutogroup('self');
  if (!theirs || !ours || theirs.id === ours.id || theirs.nice >= target) return false;
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(target));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EAGAIN' && triesLeft > 1)
      setTimeout(() => lowerAutogroup(pid, target, triesLeft - 1), AUTOGROUP_RETRY_MS).unref();
    return false;
  }
}

/**
 * Lines of a POSIX sh script that lower its own autogroup before it execs the program, when the
 * script leads its own session (Playwright starts the browser with setsid): the Chromium wrapper
 * (services/chromium.ts), whose pid Playwright does not hand out. Empty where not needed.
 */
export function autogroupShellLines(work: BackgroundWork | undefined): string[] {
  if (!work || priorityFor(work) === null || !autogroupsOn()) return [];
  const target = AUTOGROUP_NICE[work];
  // Field 6 of /proc/<pid>/stat is the session id (proc(5)); sh's name holds no space or ')'.
  // Tried again while the kernel says EAGAIN (lowerAutogroup says why), at most about a second.
  return [
    `if [ "$(cut -d' ' -f6 /proc/$$/stat 2>/dev/null)" = "$$" ]; then`,
    `  for i in 1 2 3 4 5 6 7 8 9 10; do`,
    `    (echo ${target} > /proc/$$/autogroup) 2>/dev/null && break`,
    '    sleep 0.11',
    '  done',
    'fi',
  ];
}
