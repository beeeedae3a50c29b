import { advanceBar } from '../../../src-shared/analysis/time-left';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { runPose } from '../pose/handlers';
import type { CallContext } from '../types';
import type { Claims } from './lease';
import type { Running } from './running';
import type { QueueStatus } from './status';
import { alignCondition, checkGait } from './steps';
import { dropWindowResult, planWindow } from './window';

/**
 * One job's steps, in order: the steady window's plan (window.ts), pose detection from the window
 * on, two-view alignment, the gait check, then the job's outcome. Progress moves the run's stage and
 * fraction for status.ts; a run whose lease was lost (another workstation took it over) writes nothing.
 */
type Ctx = Pick<CallContext, 'library' | 'emit' | 'version' | 'transport'>;

/** Job share of the pose step; sync and gait take the last few percent. */
const POSE_SHARE = 0.95;
/** A clip that has stopped the process this many times is not started again by itself. */
const MAX_ATTEMPTS = 3;

export interface JobDeps {
  readonly ctx: Ctx;
  readonly claims: Claims;
  readonly status: QueueStatus;
  readonly isClosed: () => boolean;
}

export async function runJob(deps: JobDeps, r: Running): Promise<void> {
  const { job } = r;
  deps.status.progress(r, true);
  if (job.attempts > MAX_ATTEMPTS) {
    await deps.claims.finish(job, {
      state: 'failed',
      error: `The analysis of this clip was interrupted ${job.attempts - 1} times (the program stopped while it ran). Retry to try once more, or re-import the clip.`,
    });
    return;
  }
  // While it runs, the job's lease is renewed; a renewal refused means another workstation took
  // the job over (this one stalled past its lease): stop, and leave the job to it. A cancel pressed
  // on another workstation stops it as the PT's cancel here does (the job ends 'cancelled').
  const stopHeartbeat = deps.claims.heartbeat(job, {
    lost: () => {
      if (deps.isClosed()) return;
      r.lost = true;
      r.controller.abort();
    },
    cancelRequested: () => {
      if (!deps.isClosed()) r.controller.abort();
    },
  });
  try {
    await analyse(deps, r, job.model);
  } finally {
    stopHeartbeat();
  }
}

async function analyse(deps: JobDeps, r: Running, model: PoseModelName): Promise<void> {
  const { ctx, claims, status } = deps;
  const { job } = r;
  // The steady window first; none (a short clip, no timestamp table): the clip whole, as before.
  // Its numbers are kept with the job, provisional, so Review and the report can show them labelled
  // (after a restart, or on another workstation) until the whole clip's replace them.
  // A fresh queueing (Retry, a new trim) starts over; a run resumed after a restart keeps the
  // window result its numbers came from until this run's or the whole clip's replace it.
  if (r.early === null) await dropWindowResult(ctx, job.recordingId);
  const plan = await planWindow(ctx, job.recordingId, model, (early) => {
    r.early = early;
    void claims
      .setEarly(job, early)
      .catch(() => false)
      .then(() => status.progress(r, true));
  }).catch(() => null);
  const pose = await runPose(ctx as CallContext, job.recordingId, model, {
    force: job.force,
    signal: r.controller.signal,
    hold: r.hold,
    ...(plan ? { firstFrom: plan.firstFrom } : {}),
    onProgress: (p) => {
      // The time left is not kept here: status.ts reads the process's one estimate
      // (pose/time-left.ts), which samples every run going, so runs sharing the CPU count.
      r.framesDone = p.framesDone;
      r.totalFrames = p.totalFrames;
      r.step = p.stage ?? null;
      r.bar = advanceBar(r.bar, p.framesDone, p.totalFrames);
      r.fraction = POSE_SHARE * r.bar.shown;
      status.progress(r);
    },
  });
  if (deps.isClosed() || r.lost) return;
  // The whole clip's landmarks are stored (done), or the job ends without them: either way the
  // window's provisional result is over. A shutdown keeps it with the job for the next start.
  if (!(pose.state === 'cancelled' && r.shutdown)) await dropWindowResult(ctx, job.recordingId);
  if (pose.state === 'cancelled') {
    await claims.finish(job, { state: r.shutdown ? 'queued' : 'cancelled' });
    return;
  }
  if (pose.state === 'failed') {
    await claims.finish(job, { state: 'failed', error: pose.error ?? 'Pose detection failed.' });
    return;
  }
  r.stage = 'sync';
  r.fraction = POSE_SHARE;
  status.progress(r, true);
  const syncNote = await alignCondition(ctx, job.recordingId);
  r.stage = 'gait';
  r.fraction = 0.98;
  status.progress(r, true);
  const gait = await checkGait(ctx, job.recordingId);
  if (r.lost) return;
  await claims.finish(job, {
    state: 'done',
    outcome: gait.outcome,
    note: [gait.note, syncNote].filter(Boolean).join(' ') || null,
  });
}
