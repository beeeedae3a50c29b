import { ServiceError } from '../errors';

/**
 * Running imports, by the job id the caller chose, so `recordings:cancel` can abort one from another
 * request while `recordings:import` is still waiting for it. One map per process: one process opens
 * one library (see library/lock.ts).
 */
const running = new Map<string, AbortController>();

export function startJob(jobId: string): AbortController {
  if (running.has(jobId))
    throw new ServiceError('conflict', `An import with job id ${jobId} is already running.`, 'jobId');
  const controller = new AbortController();
  running.set(jobId, controller);
  return controller;
}

export function endJob(jobId: string): void {
  running.delete(jobId);
}

/** Imports in progress (a restore must not swap the media folder under them). */
export const runningJobs = (): number => running.size;

export function cancelJob(jobId: string): boolean {
  const job = running.get(jobId);
  if (!job) return false;
  job.abort();
  return true;
}

/**
 * One transcode at a time: x264 already uses every core, so two at once only make both slower and
 * starve the UI process on a 2-core clinic PC. Later imports wait here (copy and probe run freely).
 */
const waiting: (() => void)[] = [];
let busy = false;

export async function acquireTranscodeSlot(signal?: AbortSignal): Promise<() => void> {
  if (busy) {
    await new Promise<void>((resolve, reject) => {
      const go = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(new ServiceError('cancelled', 'Import cancelled.'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(go);
    });
  }
  busy = true;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  };
}
