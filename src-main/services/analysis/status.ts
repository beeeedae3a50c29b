import { finishTimes, groupSecondsLeft } from '../../../src-shared/analysis/time-left';
import type {
  AnalysisState,
  ClipAnalysisStatus,
  SessionAnalysisStatus,
} from '../../../src-shared/contract/analysis';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import type { AnalysisJob } from '../../data/analysis-jobs';
import { poseTimeLeft } from '../pose/time-left';
import { recordingForSync } from '../sync/landmarks';
import type { CallContext } from '../types';
import { workstationOfClaimer } from './lease';
import type { Running } from './running';
import { hasLandmarks } from './steps';

/**
 * Where each clip's analysis stands, as `analysis:status` answers and `analysis:changed` tells: from
 * the job's row, or from the run itself while this process runs it (stage, fraction, time left, the
 * early numbers, held for capture). Progress goes out at most every PROGRESS_INTERVAL_MS per clip.
 * Time left is the process's one pose estimate (services/pose/time-left.ts over
 * src-shared/analysis/time-left.ts, docs/analysis-queue.md "Time left"): every run of a model sampled
 * together, so runs sharing the CPU count; `pose:progress` and the CLI say the same.
 */
type Ctx = Pick<CallContext, 'library' | 'emit' | 'version' | 'transport'>;

/** Progress events at most this often per clip. */
const PROGRESS_INTERVAL_MS = 500;
/** How often the clips waiting behind a run are told their time left again. */
const WAITING_INTERVAL_MS = 2000;
/**
 * Frames per second a model manages on a core of a 2-core PC at 720p (docs/pose-engine.md bench
 * figures), for the time left of clips still waiting; replaced by the queue's rate once it is stable.
 */
const RATE_GUESS: Record<PoseModelName, number> = { lite: 15, full: 11, heavy: 4 };

/**
 * What one look at a session reads: its jobs and its clips' frame counts, read once and passed down,
 * so the clips waiting behind a run, told their time every 2 s, cost two queries a tick together
 * rather than a few each (every clip's status read the session's jobs and each clip ahead of it again).
 */
export interface SessionListing {
  readonly jobs: readonly AnalysisJob[];
  /** The session's clips not in the trash, oldest first, with their frame counts. */
  readonly frames: ReadonlyMap<string, number>;
}

export interface QueueStatus {
  /** A clip's status; its session is read (listSession) where none is given and it is waiting. */
  clip(
    recordingId: string,
    sessionId: string,
    job: AnalysisJob | null,
    listing?: SessionListing,
  ): Promise<ClipAnalysisStatus>;
  session(sessionId: string): Promise<SessionAnalysisStatus>;
  /** Tell the UI where the clip stands now (news, not work: failures are dropped). */
  tell(recordingId: string): void;
  /** A running clip's progress, throttled unless `force`. */
  progress(r: Running, force?: boolean): void;
}

/** The job that speaks for a clip: the one queued or running, else the newest. */
export function jobOf(jobs: readonly AnalysisJob[], recordingId: string): AnalysisJob | null {
  const mine = jobs.filter((j) => j.recordingId === recordingId);
  return (
    mine.find((j) => j.state === 'queued' || j.state === 'running') ??
    mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ??
    null
  );
}

export function createQueueStatus(
  ctx: Ctx,
  running: ReadonlyMap<string, Running>,
  defaultModel: PoseModelName,
  isClosed: () => boolean,
  /** Several workstations share the queue (clinic server): a running job not here is another's. On
   *  one PC it is one a dead process left, about to be resumed (requeueRunning). */
  shared: boolean,
  /** Clips the queue runs at once, on how many cores. */
  machine: { readonly slots: number; readonly cores: number },
): QueueStatus {
  const { data } = ctx.library;
  const runsOf = (model: PoseModelName) =>
    [...running.values()]
      .filter((r) => r.job.model === model && r.stage === 'pose')
      .map((r) => ({
        id: r.job.recordingId,
        framesDone: r.framesDone,
        totalFrames: r.totalFrames,
      }));

  const listSession = async (sessionId: string): Promise<SessionListing> => {
    const [jobs, recordings] = await Promise.all([
      data.analysisJobs.listForSession(sessionId),
      data.recordings.listForSessionByAge(sessionId),
    ]);
    return { jobs, frames: new Map(recordings.map((r) => [r.id, r.frameCount])) };
  };
  /** A clip's frames: from the listing, or read (a run of another session that has not counted its own). */
  const framesOf = async (recordingId: string, listing: SessionListing): Promise<number> =>
    listing.frames.get(recordingId) ?? (await data.recordings.get(recordingId))?.frameCount ?? 0;
  /**
   * A waiting clip: its turn after the runs going (the first slot to free up) and the session's
   * clips queued before it (the queue takes the oldest first), then its frames. A run that has not
   * counted its frames yet counts the clip's. Without the clips ahead, the second of two clips
   * started together was first told its own time alone, then twice that once the first one ran.
   */
  const secondsFor = async (
    recordingId: string,
    model: PoseModelName,
    listing: SessionListing,
  ): Promise<number> => {
    const perCore = poseTimeLeft.rate(model) ?? RATE_GUESS[model];
    const going = await Promise.all(
      runsOf(model).map(async (r) => ({
        id: r.id,
        framesLeft: r.totalFrames > 0 ? r.totalFrames - r.framesDone : await framesOf(r.id, listing),
      })),
    );
    const queued = listing.jobs.filter(
      (j) => j.state === 'queued' && j.model === model && !running.has(j.recordingId),
    );
    const upTo = queued.findIndex((j) => j.recordingId === recordingId);
    const ahead = upTo < 0 ? [] : queued.slice(0, upTo);
    const waiting = await Promise.all(
      [...ahead.map((j) => j.recordingId), recordingId].map(async (id) => ({
        id,
        framesLeft: await framesOf(id, listing),
      })),
    );
    return finishTimes(going, waiting, { ...machine, perCore }).get(recordingId) ?? 0;
  };

  const clip = async (
    recordingId: string,
    sessionId: string,
    job: AnalysisJob | null,
    listing?: SessionListing,
  ): Promise<ClipAnalysisStatus> => {
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
    const cancelling = job?.cancelRequested ? { by: job.cancelRequested.by } : null;
    const run = running.get(recordingId);
    if (run && (!job || run.job.model === job.model)) {
      return {
        ...base,
        model: run.job.model,
        state: run.stage,
        fraction: run.fraction,
        // Alignment and gait take about a second; the pose run's time left is the queue's, none
        // while its rate is not stable yet ("estimating").
        secondsLeft: run.stage === 'pose' ? poseTimeLeft.secondsLeft(recordingId, run.job.model) : 1,
        step: run.stage === 'pose' ? run.step : null,
        early: run.early,
        heldForCapture: run.hold.held,
        cancelling,
      };
    }
    if (!job) {
      // Landmarks from before the queue (the CLI, another tool): analysed as far as the PT can tell.
      const state: AnalysisState = hasLandmarks(ctx, await recordingForSync(data, recordingId, 'recordingId'))
        ? 'done'
        : 'none';
      return { ...base, state };
    }
    const state: AnalysisState = job.state === 'running' ? 'queued' : job.state;
    const secondsLeft =
      state === 'queued'
        ? await secondsFor(recordingId, job.model, listing ?? (await listSession(sessionId)))
        : null;
    // A job waiting again after a restart, or running on another workstation: its stored first numbers.
    const early = state === 'queued' ? (job.early ?? null) : null;
    // Running, and not here: another workstation holds it (a dead one's claim lapses with its lease,
    // and the job is taken over: docs/clinic-server.md).
    const elsewhere =
      shared && job.state === 'running' && job.claimedBy ? { by: workstationOfClaimer(job.claimedBy) } : null;
    const outcome = state === 'done' ? job.outcome : null;
    return {
      ...base,
      state,
      secondsLeft,
      error: job.error,
      note: job.note,
      outcome,
      early,
      cancelling,
      elsewhere,
    };
  };

  const emit = async (recordingId: string, sessionId: string, listing: SessionListing): Promise<void> => {
    const status = await clip(recordingId, sessionId, jobOf(listing.jobs, recordingId), listing);
    if (!isClosed()) ctx.emit('analysis:changed', status);
  };
  const emitClip = async (recordingId: string): Promise<void> => {
    if (isClosed()) return;
    const rec = await recordingForSync(data, recordingId, 'recordingId');
    await emit(recordingId, rec.sessionId, await listSession(rec.sessionId));
  };
  /** Progress is news, not work: a clip gone to the trash meanwhile, or a closed library, says nothing. */
  const tell = (recordingId: string): void => void emitClip(recordingId).catch(() => undefined);
  // A clip waiting behind the runs finishes after them: its time left moves with their progress, so
  // it is told again now and then (it stood at one figure for minutes while the clip ahead ran).
  // The session is read once for all of them (a clip in the trash is not in its listing).
  let waitingTold = 0;
  const tellWaiting = async (sessionId: string): Promise<void> => {
    if (isClosed()) return;
    const listing = await listSession(sessionId);
    const waiting = new Set(listing.jobs.filter((j) => j.state === 'queued').map((j) => j.recordingId));
    await Promise.all([...waiting].map((id) => emit(id, sessionId, listing)));
  };

  return {
    clip,
    async session(sessionId) {
      const listing = await listSession(sessionId);
      const clips = await Promise.all(
        [...listing.frames.keys()].map((id) => clip(id, sessionId, jobOf(listing.jobs, id), listing)),
      );
      const busy = clips.filter((c) => ['queued', 'pose', 'sync', 'gait'].includes(c.state));
      return {
        sessionId,
        clips,
        settled: busy.length === 0,
        secondsLeft: groupSecondsLeft(busy.map((c) => c.secondsLeft)),
      };
    },
    tell,
    progress(r, force = false) {
      const now = Date.now();
      if (!force && now - r.lastEmit < PROGRESS_INTERVAL_MS) return;
      r.lastEmit = now;
      tell(r.job.recordingId);
      if (now - waitingTold < WAITING_INTERVAL_MS) return;
      waitingTold = now;
      void tellWaiting(r.job.sessionId).catch(() => undefined);
    },
  };
}
