import type { BarState } from '../../../src-shared/analysis/time-left';
import type { EarlyNumbers } from '../../../src-shared/contract/analysis';
import type { AnalysisJob } from '../../data/analysis-jobs';
import { createRunHold } from '../pose/engine-session';

/**
 * A job this process is running, as the queue's parts share it: the run's steps (run-job.ts) move
 * its stage and fraction, the status (status.ts) reads them, the capture hold (capture-priority.ts)
 * holds and releases it, the lease (lease.ts) marks it lost.
 */
export interface Running {
  readonly job: AnalysisJob;
  readonly controller: AbortController;
  stage: 'pose' | 'sync' | 'gait';
  fraction: number;
  /** Pose frames done and planned over every pass (the queue's time left reads them, status.ts). */
  framesDone: number;
  totalFrames: number;
  /** The pose run's step when it is not the first pass (SECOND_PASS_STAGE, THIRD_PASS_STAGE), for the PT's words. */
  step: string | null;
  /** The bar, which never goes back when a pass is added (src-shared/analysis/time-left.ts). */
  bar: BarState | null;
  lastEmit: number;
  /** Set when the stop is a shutdown, not the PT's cancel: the job is resumed at the next start. */
  shutdown: boolean;
  /** Holds the pose run while a take records (capture-priority.ts). */
  readonly hold: ReturnType<typeof createRunHold>;
  /** The steady window's numbers, until the whole clip's are there (window.ts). */
  early: EarlyNumbers | null;
  /** When it started (performance.now()): the runs started first go on while capture records. */
  readonly startedAt: number;
  /** Set when another workstation took the job over (this one's lease ran out): write nothing. */
  lost: boolean;
}

export function startRunning(job: AnalysisJob): Running {
  return {
    job,
    controller: new AbortController(),
    stage: 'pose',
    fraction: 0,
    framesDone: 0,
    totalFrames: 0,
    step: null,
    bar: null,
    lastEmit: 0,
    shutdown: false,
    hold: createRunHold(),
    // Kept from a run stopped before (a restart): shown until this run's or the whole clip's come.
    early: job.early ?? null,
    startedAt: performance.now(),
    lost: false,
  };
}
