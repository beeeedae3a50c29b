import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { ServiceError } from '../errors';
import { spawnChild } from '../process/children';
import {
  autogroupShellLines,
  autogroupsOn,
  lowerPriority,
  nicePrefix,
  priorityFor,
  type BackgroundWork,
} from '../process/priority';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  /** stderr, minus the lines handed to `onStderrLine` that it asked to drop. */
  readonly stderr: string;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** Each stderr line as it arrives; return true to keep it out of `stderr` (e.g. progress lines). */
  readonly onStderrLine?: (line: string) => boolean | void;
  /** Keep stdout (probe JSON); off for encoders writing files. */
  readonly captureStdout?: boolean;
  /**
   * Background work (the review proxy: 'transcode') runs below the app and the pose engine
   * (process/priority.ts): niced from its first instruction where `nice` exists, lowered right after
   * the start elsewhere. On Linux with autogroups it gets a session of its own, whose nice is
   * lowered too, so that it also yields to pose, which Chromium runs in a session of its own.
   */
  readonly priority?: BackgroundWork;
}

/**
 * Run ffmpeg/ffprobe with an argument vector (never a shell, so quotes and spaces in file names are
 * inert). Abort kills the process with SIGKILL and rejects with a 'cancelled' error once the process
 * is gone, so the caller can remove partial files safely. The child dies with us (process/children.ts).
 */
export function runTool(bin: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ServiceError('cancelled', 'Import cancelled.'));
      return;
    }
    const [cmd, argv] = command(bin, args, options.priority);
    const child = spawnChild(cmd, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own session (setsid) only for background work, and only where sessions weigh alike.
      detached: priorityFor(options.priority) !== null && autogroupsOn(),
    });
    // Where `nice` or the shell was missing; a no-op where the child lowered itself already.
    if (options.priority) lowerPriority(child.pid, options.priority);
    const out: Buffer[] = [];
    const err: string[] = [];
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      child.kill('SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.captureStdout) child.stdout!.on('data', (b: Buffer) => out.push(b));
    else child.stdout!.resume();
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      if (options.onStderrLine?.(line) === true) return;
      // Keep memory bounded on long, chatty runs: the last lines carry the error.
      if (err.length > 2000) err.splice(0, 1000);
      err.push(line);
    });
    child.on('error', (e) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        new ServiceError(
          'internal',
          `StrideLab could not start its video tool (${basename(bin)}: ${e.message}). Reinstall StrideLab.`,
        ),
      );
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (aborted) reject(new ServiceError('cancelled', 'Import cancelled.'));
      else resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: err.join('\n') });
    });
  });
}

/**
 * The program and its arguments as started: for background work `nice -n k` before it, and on Linux
 * with autogroups a POSIX sh that lowers its own session's nice before it execs the rest, the way
 * the pose engine's Chromium starts (services/chromium.ts). The child lowers itself from its first
 * instruction: a short transcode could end before a write from here landed, and this is the way CI
 * has shown to take (stop 24: the parent's write after the start was not seen there, the
 * Chromium's own was). The arguments pass as "$@", never through the shell's parser.
 */
function command(bin: string, args: readonly string[], work: BackgroundWork | undefined): [string, string[]] {
  const run = [...nicePrefix(work), bin, ...args];
  const group = autogroupShellLines(work);
  if (!group.length) return [run[0]!, run.slice(1)];
  return ['/bin/sh', ['-c', [...group, 'exec "$@"'].join('\n'), 'sh', ...run]];
}
