import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { EarlyNumbers } from '../../../src-shared/contract/analysis';
import type { AnalysisJob, AnalysisJobsRepo, JobOutcome } from '../../data/analysis-jobs';

/**
 * Claims, leases and heartbeats (issue 17 item 4): how the queue takes jobs from the library's table
 * and keeps them. On the embedded library this process is the only claimer; on a server several
 * workstations claim from one table, each claim holding a lease that the claimer renews while the job
 * runs (data/analysis-jobs.ts says how a claim stays single across workstations).
 */

/** Lease timings on a server; absent on the embedded library, where this process is the only one. */
export interface SharedQueueTiming {
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly pollMs: number;
}

/**
 * On a server: a minute's lease renewed every 15 s, so a workstation's job is taken over about a
 * minute after it died, while three missed renewals in a row (a stalled machine) are tolerated.
 */
export const SHARED_QUEUE = { leaseMs: 60_000, heartbeatMs: 15_000, pollMs: 5_000 } as const;

/** This process as a claimer: a restarted workstation is another one (its old claims lapse). */
export function claimerName(workstation: string | undefined): string {
  return `${workstation ?? hostname()} #${process.pid}.${randomBytes(3).toString('hex')}`;
}

/** The workstation in a claimer's name, as the PT calls it ("room 1 #123.abc" → "room 1"). */
export function workstationOfClaimer(claimer: string): string {
  const i = claimer.lastIndexOf(' #');
  return i > 0 ? claimer.slice(0, i) : claimer;
}

export interface Claims {
  readonly worker: string;
  /** Claim the next job waiting, if any (busy: the clips this process runs now). */
  next(busy: readonly string[]): Promise<AnalysisJob | undefined>;
  /** End a job this process holds; false when it no longer holds it (taken over). */
  finish(job: AnalysisJob, outcome: JobOutcome): Promise<boolean>;
  /** Keep the job's first numbers with it (if this process still holds it). */
  setEarly(job: AnalysisJob, early: EarlyNumbers): Promise<boolean>;
  /**
   * Renew the job's lease every heartbeat while it runs; `lost` when a renewal is refused (another
   * workstation took the job over after this one stalled past its lease), `cancelRequested` when a
   * workstation asked for the job to stop (issue 17: cancel from any room). Returns the stop.
   * Nothing to renew on the embedded library, where every cancel is pressed in this process.
   */
  heartbeat(job: AnalysisJob, on: { lost: () => void; cancelRequested: () => void }): () => void;
}

export function createClaims(
  jobs: AnalysisJobsRepo,
  worker: string,
  shared: SharedQueueTiming | undefined,
): Claims {
  const now = (): string => new Date().toISOString();
  return {
    worker,
    next: (busy) => jobs.claimNext({ worker, leaseMs: shared?.leaseMs ?? 0, busy }, now()),
    finish: (job, outcome) => jobs.finish(job.recordingId, job.model, outcome, now(), worker),
    setEarly: (job, early) => jobs.setEarly(job.recordingId, job.model, early, worker),
    heartbeat(job, on) {
      if (!shared) return () => undefined;
      const timer = setInterval(() => {
        jobs.renewLease(job.recordingId, job.model, worker, shared.leaseMs).then(
          (lease) => {
            if (lease === 'lost') on.lost();
            else if (lease === 'cancel-requested') on.cancelRequested();
          },
          () => undefined, // the server out of reach: the next renewal tries again
        );
      }, shared.heartbeatMs);
      return () => clearInterval(timer);
    },
  };
}

/**
 * Start queued jobs while there is room, each starting the next when it ends, until none is left.
 * One pass at a time: a kick asked for during a pass makes the pass look once more.
 */
export function createClaimLoop(deps: {
  readonly claims: Claims;
  /** Runs allowed at once now (capture-priority.ts lowers it while a take records). */
  readonly room: () => number;
  readonly busy: () => readonly string[];
  readonly isClosed: () => boolean;
  readonly start: (job: AnalysisJob) => void;
}): () => void {
  let kicking = false;
  let kickAgain = false;
  const kick = (): void => {
    if (kicking) {
      kickAgain = true;
      return;
    }
    kicking = true;
    void (async () => {
      do {
        kickAgain = false;
        while (!deps.isClosed() && deps.busy().length < deps.room()) {
          const job = await deps.claims.next(deps.busy());
          if (!job) break;
          if (deps.isClosed()) {
            // Claimed as the queue closed: hand it straight back.
            await deps.claims.finish(job, { state: 'queued' });
            break;
          }
          deps.start(job);
        }
      } while (kickAgain && !deps.isClosed());
    })()
      .catch(() => undefined) // the library closed or the server is out of reach: the next kick retries
      .finally(() => {
        kicking = false;
      });
  };
  return kick;
}
