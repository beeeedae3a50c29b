import { ServiceError } from '../errors';

/**
 * Running imports, by the job id the caller chose, so `recordings:cancel` can abort one from another
 * request while `recordings:import` is still waiting for it. One map per process: one process opens
 * one library (see library/lock.ts).
 */
const running = new Map<string, AbortController>();

/**
 * Cancels that arrived before their import: the page sends Cancel as soon as the PT presses it,
 * which can be before `recordings:import` has reached this process (a big upload, a busy server).
 * The import then starts cancelled instead of running to the end unasked. Kept a minute (job ids
 * are the page's random UUIDs, never reused), so the map cannot grow.
 */
const cancelledEarly = new Map<string, number>();
const EARLY_CANCEL_KEPT_MS = 60_000;

export function startJob(jobId: string): AbortController {
  if (running.has(jobId))
    throw new ServiceError('conflict', `An import with job id ${jobId} is already running.`, 'jobId');
  const controller = new AbortController();
  const now = Date.now();
  for (const [id, at] of cancelledEarly) if (now - at > EARLY_CANCEL_KEPT_MS) cancelledEarly.delete(id);
  if (cancelledEarly.delete(jobId)) controller.abort();
  running.set(jobId, controller);
  return controller;
}

export function endJob(jobId: string): void {
  running.delete(jobId);
}

/** Imports in progress (a restore must not swap the media folder under them). */
export const runningJobs = (): number => running.size;

/** Whether an import was running and is now cancelled; one not started yet starts cancelled. */
export function cancelJob(jobId: string): boolean {
  const job = running.get(jobId);
  if (!job) {
    cancelledEarly.set(jobId, Date.now());
    return false;
  }
  job.abort();
  return true;
}

/**
 * One transcode at a time: x264 already uses every core, so two at once only make both slower and
 * starve the UI process on a 2-core clinic PC. Later imports wait here (copy and probe run freely).
 */
const waiting: (() => void)[] = [];
let busy = false;

export async function acquireTranscodeSlot(
  signal?: AbortSignal,
  /** Called once when the slot is taken and this import must wait its turn. */
  onWait?: () => void,
): Promise<() => void> {
  if (busy) {
    onWait?.();
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
