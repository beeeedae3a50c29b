import { availableParallelism, totalmem } from 'node:os';
import type {
  AnalysisState,
  ClipAnalysisStatus,
  SessionAnalysisStatus,
} from '../../../src-shared/contract/analysis';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { runPose } from '../pose/handlers';
import { sessionRecordings, syncRecording } from '../sync/landmarks';
import type { CallContext } from '../types';
import { alignCondition, checkGait, hasLandmarks } from './steps';
import {
  cancelQueuedJob,
  claimNextJob,
  enqueueJob,
  finishJob,
  requeueInterrupted,
  sessionJobs,
  type AnalysisJob,
  recordingFrameCount,
} from './store';

/**
 * The analysis queue (main process): a clip that arrives in the library is analysed in the
 * background, oldest first, as many at once as the machine allows (defaultConcurrency): pose detection, then alignment with the other view
 * of its condition, then the gait analysis. Jobs live in the library (store.ts), so a restart or a
 * crash resumes them without a click. Progress goes out as `analysis:changed`.
 *
 */
type Ctx = Pick<CallContext, 'library' | 'emit' | 'version' | 'transport'>;

export interface AnalysisQueueOptions {
  /** Queue a clip as soon as it arrives (the app's default; tests of other features switch it off). */
  readonly analyseOnArrival: boolean;
  readonly model?: PoseModelName;
  /** Clips analysed at once; default from the machine's cores and memory (defaultConcurrency). */
  readonly concurrency?: number;
}

export interface AnalysisQueue {
  /** A clip was imported or saved from a take. */
  clipArrived(recordingId: string): void;
  /** A clip's view, condition or trim changed: what depends on them runs again (pose is kept). */
  clipChanged(recordingId: string): void;
  /** A clip went to the trash: its running analysis stops. */
  clipRemoved(recordingId: string): void;
  /** Analyse / Retry, for one clip or every clip of a session not analysed yet. */
  start(target: { sessionId?: string; recordingId?: string; model?: PoseModelName; force: boolean }): string;
  cancel(recordingId: string): boolean;
  status(sessionId: string): SessionAnalysisStatus;
  /** Stop: the running job goes back to the queue (resumed at the next start), nothing more starts. */
  close(): void;
  /** Resolves when no job is running (after close: when the running one has let go). */
  idle(): Promise<void>;
}

/**
 * Clips analysed at once: one per core, as long as each pose run (a Chromium with the model and the
 * decoder, about 0.9 GB at its peak on 720p: docs/pose-engine.md) fits in half the memory. Two
 * processes on this 2-core machine ran two clips in 43 s against 70 s one after the other (issue 16),
 * since one run leaves part of a core idle while it decodes and hands frames over.
 */
export function defaultConcurrency(): number {
  const perRunBytes = 0.9 * 1024 ** 3;
  return Math.max(1, Math.min(availableParallelism(), Math.floor((totalmem() * 0.5) / perRunBytes)));
}

/** Job share of the pose step; sync and gait take the last few percent. */
const POSE_SHARE = 0.95;
/** A clip that has stopped the process this many times is not started again by itself. */
const MAX_ATTEMPTS = 3;
/** Progress events at most this often per clip. */
const PROGRESS_INTERVAL_MS = 500;
/**
 * Frames per second a model manages on a 2-core PC at 720p (docs/pose-engine.md bench figures), for
 * the time left of clips still waiting; replaced by the measured rate once a clip has run.
 */
const RATE_GUESS: Record<PoseModelName, number> = { lite: 15, full: 11, heavy: 4 };

interface Running {
  readonly job: AnalysisJob;
  readonly controller: AbortController;
  stage: 'pose' | 'sync' | 'gait';
  fraction: number;
  secondsLeft: number | null;
  lastEmit: number;
  /** Set when the stop is a shutdown, not the PT's cancel: the job is resumed at the next start. */
  shutdown: boolean;
}

export function createAnalysisQueue(ctx: Ctx, options: AnalysisQueueOptions): AnalysisQueue {
  const db = ctx.library.db;
  const defaultModel = options.model ?? 'full';
  /** Jobs running now, by recording id (one job per clip at a time). */
  const running = new Map<string, Running>();
  const concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  let closed = false;
  let drained: Promise<void> = Promise.resolve();
  const measuredRate = new Map<PoseModelName, number>();

  const frameCount = (recordingId: string): number => recordingFrameCount(db, recordingId);

  const clipStatus = (
    recordingId: string,
    sessionId: string,
    job: AnalysisJob | null,
  ): ClipAnalysisStatus => {
    const base = {
      recordingId,
      sessionId,
      model: job?.model ?? defaultModel,
      fraction: null,
      secondsLeft: null,
      error: null,
      note: null,
      attempts: job?.attempts ?? 0,
      updatedAt: job?.updatedAt ?? null,
    };
    const run = running.get(recordingId);
    if (run && (!job || run.job.model === job.model)) {
      return {
        ...base,
        model: run.job.model,
        state: run.stage,
        fraction: run.fraction,
        secondsLeft: run.secondsLeft,
      };
    }
    if (!job) {
      // Landmarks from before the queue (the CLI, another tool): analysed as far as the PT can tell.
      const state: AnalysisState = hasLandmarks(ctx, syncRecording(db, recordingId, 'recordingId'))
        ? 'done'
        : 'none';
      return { ...base, state };
    }
    const state: AnalysisState = job.state === 'running' ? 'queued' : job.state;
    const secondsLeft =
      state === 'queued'
        ? frameCount(recordingId) / (measuredRate.get(job.model) ?? RATE_GUESS[job.model])
        : null;
    return { ...base, state, secondsLeft, error: job.error, note: job.note };
  };

  /** The job that speaks for a clip: the one queued or running, else the newest. */
  const jobOf = (jobs: readonly AnalysisJob[], recordingId: string): AnalysisJob | null => {
    const mine = jobs.filter((j) => j.recordingId === recordingId);
    return (
      mine.find((j) => j.state === 'queued' || j.state === 'running') ??
      mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ??
      null
    );
  };

  const emitClip = (recordingId: string): void => {
    if (closed) return;
    const rec = syncRecording(db, recordingId, 'recordingId');
    ctx.emit(
      'analysis:changed',
      clipStatus(recordingId, rec.sessionId, jobOf(sessionJobs(db, rec.sessionId), recordingId)),
    );
  };

  const progress = (r: Running, force = false): void => {
    const now = Date.now();
    if (!force && now - r.lastEmit < PROGRESS_INTERVAL_MS) return;
    r.lastEmit = now;
    emitClip(r.job.recordingId);
  };

  async function runJob(job: AnalysisJob): Promise<void> {
    const r: Running = {
      job,
      controller: new AbortController(),
      stage: 'pose',
      fraction: 0,
      secondsLeft: frameCount(job.recordingId) / (measuredRate.get(job.model) ?? RATE_GUESS[job.model]),
      lastEmit: 0,
      shutdown: false,
    };
    running.set(job.recordingId, r);
    progress(r, true);
    if (job.attempts > MAX_ATTEMPTS) {
      finishJob(db, job.recordingId, job.model, {
        state: 'failed',
        error: `The analysis of this clip was interrupted ${job.attempts - 1} times (the program stopped while it ran). Retry to try once more, or re-import the clip.`,
      });
      return;
    }
    const pose = await runPose(ctx as CallContext, job.recordingId, job.model, {
      force: job.force,
      signal: r.controller.signal,
      onProgress: (p) => {
        r.fraction = POSE_SHARE * (p.totalFrames > 0 ? p.framesDone / p.totalFrames : 0);
        r.secondsLeft = p.secondsLeft;
        if (p.fps > 0) measuredRate.set(job.model, p.fps);
        progress(r);
      },
    });
    if (closed) return;
    if (pose.state === 'cancelled') {
      finishJob(db, job.recordingId, job.model, { state: r.shutdown ? 'queued' : 'cancelled' });
      return;
    }
    if (pose.state === 'failed') {
      finishJob(db, job.recordingId, job.model, {
        state: 'failed',
        error: pose.error ?? 'Pose detection failed.',
      });
      return;
    }
    r.stage = 'sync';
    r.fraction = POSE_SHARE;
    r.secondsLeft = 1;
    progress(r, true);
    const syncNote = await alignCondition(ctx, job.recordingId);
    r.stage = 'gait';
    r.fraction = 0.98;
    progress(r, true);
    const gaitNote = await checkGait(ctx, job.recordingId);
    finishJob(db, job.recordingId, job.model, {
      state: 'done',
      note: [gaitNote, syncNote].filter(Boolean).join(' ') || null,
    });
  }

  /** Start queued jobs while there is room, each starting the next when it ends, until none is left. */
  const kick = (): void => {
    while (!closed && running.size < concurrency) {
      const job = claimNextJob(db, [...running.keys()]);
      if (!job) return;
      track(job);
    }
  };
  const track = (job: AnalysisJob): void => {
    const done = runJob(job)
      .catch((err: unknown) => {
        if (closed) return;
        // An error no step turned into words: keep the reason, never leave the job 'running'.
        const message = err instanceof Error ? err.message : String(err);
        finishJob(db, job.recordingId, job.model, {
          state: 'failed',
          error: `The analysis stopped on an unexpected error: ${message}`,
        });
      })
      .finally(() => {
        running.delete(job.recordingId);
        if (closed) return;
        emitClip(job.recordingId);
        setImmediate(kick);
      });
    const before = drained;
    drained = Promise.all([before, done]).then(() => undefined);
  };

  const enqueue = (recordingId: string, model: PoseModelName, force: boolean): void => {
    enqueueJob(db, recordingId, model, force);
    emitClip(recordingId);
  };

  // Jobs a dead process left running are resumed first, without a click.
  requeueInterrupted(db);
  setImmediate(kick);

  return {
    clipArrived(recordingId) {
      if (!options.analyseOnArrival) return;
      enqueue(recordingId, defaultModel, false);
      kick();
    },
    clipChanged(recordingId) {
      const jobs = sessionJobs(db, syncRecording(db, recordingId, 'recordingId').sessionId);
      const job = jobOf(jobs, recordingId);
      if (!job || job.state === 'queued' || job.state === 'running') return;
      if (job.state !== 'done') return;
      enqueue(recordingId, job.model, false);
      kick();
    },
    clipRemoved(recordingId) {
      cancelQueuedJob(db, recordingId);
      running.get(recordingId)?.controller.abort();
    },
    start({ sessionId, recordingId, model, force }) {
      const m = model ?? defaultModel;
      if (recordingId) {
        const rec = syncRecording(db, recordingId, 'recordingId');
        if (!running.has(recordingId) || force) enqueue(recordingId, m, force);
        kick();
        return rec.sessionId;
      }
      const sid = sessionId!;
      const jobs = sessionJobs(db, sid);
      for (const rec of sessionRecordings(db, sid)) {
        const state = clipStatus(rec.id, sid, jobOf(jobs, rec.id)).state;
        // "Analyse the session": what is not analysed, or failed, or analysed with another model.
        const other = model !== undefined && !jobs.some((j) => j.recordingId === rec.id && j.model === m);
        if (force || other || state === 'none' || state === 'failed' || state === 'cancelled')
          enqueue(rec.id, m, force);
      }
      kick();
      return sid;
    },
    cancel(recordingId) {
      const run = running.get(recordingId);
      if (run) {
        run.controller.abort();
        return true;
      }
      const cancelled = cancelQueuedJob(db, recordingId);
      if (cancelled) emitClip(recordingId);
      return cancelled;
    },
    status(sessionId) {
      const jobs = sessionJobs(db, sessionId);
      const clips = sessionRecordings(db, sessionId).map((rec) =>
        clipStatus(rec.id, sessionId, jobOf(jobs, rec.id)),
      );
      const busy = clips.filter((c) => ['queued', 'pose', 'sync', 'gait'].includes(c.state));
      const left = busy.map((c) => c.secondsLeft);
      return {
        sessionId,
        clips,
        settled: busy.length === 0,
        secondsLeft:
          busy.length === 0 ? 0 : left.every((s) => s !== null) ? left.reduce((a, b) => a! + b!, 0) : null,
      };
    },
    close() {
      if (closed) return;
      for (const r of running.values()) {
        r.shutdown = true;
        // Back in the queue now, while the library is open: the next start resumes it.
        finishJob(db, r.job.recordingId, r.job.model, { state: 'queued' });
        r.controller.abort();
      }
      closed = true;
    },
    idle: () => drained,
  };
}
