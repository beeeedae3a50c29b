import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { noteChild } from './scratch';

/**
 * Child processes (ffmpeg, ffprobe, Chromium) die with StrideLab, whatever kills it.
 *
 * On Linux each child is started through util-linux `setpriv --pdeathsig KILL`, which sets
 * PR_SET_PDEATHSIG (prctl(2)) and then execs the program in place: the kernel itself sends the
 * child SIGKILL the moment its parent dies, kill -9 included, with no native addon and no extra
 * process. (The signal follows the thread that spawned the child; Node spawns from its main
 * thread, which lives as long as the process.) Everywhere, the child is also written to the
 * process's registry (scratch.ts), so a child that outlived a crash where prctl is unavailable is
 * killed at the next start of any StrideLab process.
 */
const SETPRIV_CANDIDATES = ['/usr/bin/setpriv', '/bin/setpriv'];
let setpriv: string | null | undefined;

/** The setpriv binary, or null where there is none (not Linux, or util-linux older than 2.33). */
export function setprivPath(): string | null {
  if (setpriv !== undefined) return setpriv;
  setpriv = null;
  if (process.platform !== 'linux' || process.env.STRIDELAB_NO_PDEATHSIG) return setpriv;
  for (const c of SETPRIV_CANDIDATES) {
    try {
      accessSync(c, constants.X_OK);
      setpriv = c;
      break;
    } catch {
      // next
    }
  }
  return setpriv;
}

/** The command line that runs `bin args` so that it dies with this process. */
export function dieWithParent(bin: string, args: readonly string[]): [string, string[]] {
  const sp = setprivPath();
  return sp ? [sp, ['--pdeathsig', 'KILL', '--', bin, ...args]] : [bin, [...args]];
}

/** spawn(), with the child tied to this process's life and recorded for the next start's sweep. */
export function spawnChild(bin: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const [cmd, argv] = dieWithParent(bin, args);
  const child = spawn(cmd, argv, options);
  const forget = noteChild(child.pid);
  child.once('exit', forget);
  child.once('error', forget);
  return child;
}
