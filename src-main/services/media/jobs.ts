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

export function cancelJob(jobId: string): boolean {
  const job = running.get(jobId);
  if (!job) return false;
  job.abort();
  return true;
}
