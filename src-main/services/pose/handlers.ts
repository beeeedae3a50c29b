import type {
  PersonPick,
  PoseProgressPayload,
  PoseStatus,
  poseCalls,
} from '../../../src-shared/contract/pose';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { ServiceError } from '../errors';
import type { CallContext, HandlersFor } from '../types';
import { detectRecordingPoses } from './input';
import { poseRecording, type PoseRecording } from './recording';
import { describePoseError } from './run';
import { noPoseRanges, toSeries } from './series';
import { readPoseStore, updatePick, writePoseStore, type StoredPose } from './store';

/**
 * Pose detection on recordings. A run is a background job per (recording, model): `pose:start`
 * returns at once and the run reports `pose:progress`. Results are written to the recording's
 * folder only when complete (store.ts), so a reopened session finds them and never re-runs, and a
 * cancelled or crashed run leaves nothing that looks complete.
 */
interface Job {
  readonly controller: AbortController;
  progress: PoseProgressPayload | null;
  /** Settles when the run ends (never rejects): the outcome and, when failed, why in the PT's words. */
  readonly ended: Promise<PoseOutcome>;
}

export interface PoseOutcome {
  readonly state: 'done' | 'failed' | 'cancelled';
  readonly error: string | null;
}
/** Running jobs and the last failure/cancel, by `${recordingId}:${model}`. One library per process. */
const running = new Map<string, Job>();
const outcomes = new Map<string, { state: 'failed' | 'cancelled'; error: string | null }>();
const key = (id: string, model: PoseModelName): string => `${id}:${model}`;

function summaryOf(stored: StoredPose): NonNullable<PoseStatus['summary']> {
  const series = toSeries(stored.candidates, stored.pick ?? undefined);
  return {
    frames: series.frames.length,
    framesWithPose: series.frames.filter((f) => f.status === 'pose').length,
    noPoseRanges: noPoseRanges(series),
    pick: stored.pick,
    createdAt: stored.createdAt,
  };
}

async function status(ctx: CallContext, recordingId: string, model: PoseModelName): Promise<PoseStatus> {
  return statusOf(await poseRecording(ctx.library, recordingId), model);
}

/** The status of a recording already read (no await between this and a start: see runPose). */
function statusOf(rec: PoseRecording, model: PoseModelName): PoseStatus {
  const recordingId = rec.id;
  const job = running.get(key(recordingId, model));
  const base = { recordingId, model, progress: null, summary: null, error: null };
  if (job) return { ...base, state: 'running', progress: job.progress };
  const stored = readPoseStore(rec.dir, model);
  if (stored) return { ...base, state: 'done', summary: summaryOf(stored) };
  const outcome = outcomes.get(key(recordingId, model));
  if (outcome) return { ...base, state: outcome.state, error: outcome.error };
  return { ...base, state: 'none' };
}

/** How the analysis queue runs a clip: held while capture records, the steady window first. */
type RunPlan = Pick<Parameters<typeof detectRecordingPoses>[1], 'hold' | 'firstFrom'>;

/** Synchronous from the check of `running` to its set, so two callers cannot start one clip twice. */
function start(ctx: CallContext, rec: PoseRecording, model: PoseModelName, plan: RunPlan = {}): Job {
  const recordingId = rec.id;
  const k = key(recordingId, model);
  const controller = new AbortController();
  let settle: (o: PoseOutcome) => void = () => undefined;
  const job: Job = { controller, progress: null, ended: new Promise((r) => (settle = r)) };
  running.set(k, job);
  outcomes.delete(k);
  const finish = (state: 'done' | 'failed' | 'cancelled', error: string | null): void => {
    running.delete(k);
    if (state !== 'done') outcomes.set(k, { state, error });
    ctx.emit('pose:finished', { recordingId, model, state, error });
    settle({ state, error });
  };
  // The original where it is frame for frame the proxy, else the proxy (input.ts says why).
  detectRecordingPoses(rec, {
    ...plan,
    model,
    signal: job.controller.signal,
    onProgress: (p) => {
      job.progress = { recordingId, model, ...p };
      ctx.emit('pose:progress', job.progress);
    },
  })
    .then(({ candidates }) => {
      // Keep the user's earlier choice of person if there was one (same frames, new detections).
      const previous = readPoseStore(rec.dir, model);
      writePoseStore(rec.dir, candidates, previous?.pick ?? null);
      finish('done', null);
    })
    .catch((e: unknown) => {
      if (e instanceof Error && e.name === 'AbortError') finish('cancelled', null);
      else finish('failed', describePoseError(e, rec.name));
    });
  return job;
}

/**
 * Pose detection for the analysis queue: joins a run already going for this clip and model (e.g.
 * started with `pose:start`), else starts one. `signal` stops the run; `onProgress` follows it.
 * Stored results are reused unless `force`.
 */
export async function runPose(
  ctx: CallContext,
  recordingId: string,
  model: PoseModelName,
  opts: {
    force: boolean;
    signal: AbortSignal;
    onProgress: (p: PoseProgressPayload) => void;
  } & RunPlan,
): Promise<PoseOutcome> {
  const rec = await poseRecording(ctx.library, recordingId);
  const current = statusOf(rec, model);
  if (current.state === 'done' && !opts.force) return { state: 'done', error: null };
  // A run already going (pose:start) is joined as it is: its plan was set when it started.
  const job =
    running.get(key(recordingId, model)) ??
    start(ctx, rec, model, {
      ...(opts.hold ? { hold: opts.hold } : {}),
      ...(opts.firstFrom ? { firstFrom: opts.firstFrom } : {}),
    });
  const abort = (): void => job.controller.abort();
  if (opts.signal.aborted) abort();
  opts.signal.addEventListener('abort', abort, { once: true });
  const timer = setInterval(() => job.progress && opts.onProgress(job.progress), 500);
  try {
    return await job.ended;
  } finally {
    clearInterval(timer);
    opts.signal.removeEventListener('abort', abort);
  }
}

/** Whether a run of any model is going on for the clip (the queue does not start a second one). */
export const poseRunning = (recordingId: string): boolean =>
  [...running.keys()].some((k) => k.startsWith(`${recordingId}:`));

export const poseHandlers: HandlersFor<typeof poseCalls> = {
  'pose:start': async ({ recordingId, model, force }, ctx) => {
    const rec = await poseRecording(ctx.library, recordingId);
    const current = statusOf(rec, model);
    if (current.state === 'running' || (current.state === 'done' && !force)) return current;
    start(ctx, rec, model);
    return statusOf(rec, model);
  },
  'pose:status': ({ recordingId, model }, ctx) => status(ctx, recordingId, model),
  'pose:cancel': ({ recordingId, model }) => {
    const job = running.get(key(recordingId, model));
    if (!job) return { cancelled: false };
    job.controller.abort();
    return { cancelled: true };
  },
  'pose:series': async ({ recordingId, model }, ctx) => {
    const rec = await poseRecording(ctx.library, recordingId);
    const stored = readPoseStore(rec.dir, model);
    if (!stored)
      throw new ServiceError(
        'not-found',
        `"${rec.name}" has no pose results yet: run pose detection first.`,
        'recordingId',
      );
    return toSeries(stored.candidates, stored.pick ?? undefined);
  },
  'pose:pick': async ({ recordingId, model, pick }, ctx) => {
    const rec = await poseRecording(ctx.library, recordingId);
    const stored = readPoseStore(rec.dir, model);
    if (!stored)
      throw new ServiceError(
        'not-found',
        `"${rec.name}" has no pose results yet: run pose detection first.`,
        'recordingId',
      );
    if (pick) checkPick(stored, pick);
    updatePick(rec.dir, model, pick);
    return statusOf(rec, model);
  },
};

/** Refuse a point that names no frame or no person, before anything is written. */
function checkPick(stored: StoredPose, pick: PersonPick): void {
  const n = stored.candidates.frames.length;
  if (pick.frame >= n)
    throw new ServiceError(
      'invalid-input',
      `Frame ${pick.frame} is past the last frame (${n - 1}).`,
      'pick.frame',
    );
  try {
    toSeries(stored.candidates, pick);
  } catch (e) {
    if (e instanceof RangeError)
      throw new ServiceError(
        'invalid-input',
        `No person was found on frame ${pick.frame}: choose a frame where the person is detected.`,
        'pick.frame',
      );
    throw e;
  }
}
