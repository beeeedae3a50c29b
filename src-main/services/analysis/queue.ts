import { randomBytes } from 'node:crypto';
import { availableParallelism, hostname, totalmem } from 'node:os';
import type {
  AnalysisState,
  ClipAnalysisStatus,
  EarlyNumbers,
  SessionAnalysisStatus,
} from '../../../src-shared/contract/analysis';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { createRunHold } from '../pose/engine-session';
import { runPose } from '../pose/handlers';
import type { AnalysisJob, JobOutcome } from '../../data/analysis-jobs';
import { recordingForSync, recordingsForSync } from '../sync/landmarks';
import type { CallContext } from '../types';
import { captureSlots, watchCapture } from './capture-priority';
import { alignCondition, checkGait, hasLandmarks } from './steps';
import { planWindow } from './window';

/**
 * The analysis queue (main process): a clip that arrives in the library is analysed in the
 * background, oldest first, as many at once as the machine allows (defaultConcurrency): pose detection, then alignment with the other view
 * of its condition, then the gait analysis. Jobs live in the library (data/analysis-jobs.ts), so a restart or a
 * crash resumes them without a click. Progress goes out as `analysis:changed`.
 *
 * Order within a clip: its steady window first, whose numbers go out as `early` before the rest of
 * the clip is done (window.ts, issue 16 item 3). Priority: while a take records, at most
 * captureSlots() runs go on and the others are held where they are (capture-priority.ts, item 5).
 *
 */
type Ctx = Pick<CallContext, 'library' | 'emit' | 'version' | 'transport'>;

export interface AnalysisQueueOptions {
  /** Queue a clip as soon as it arrives (the app's default; tests of other features switch it off). */
  readonly analyseOnArrival: boolean;
  readonly model?: PoseModelName;
  /** Clips analysed at once; default from the machine's cores and memory (defaultConcurrency). */
  readonly concurrency?: number;
  /** This workstation's name, in the claims it makes (default: the computer's name). */
  readonly workstation?: string;
  /**
   * Several workstations on one server (issue 17 item 4): claims hold a lease, renewed every
   * `heartbeatMs` while the job runs; a job whose lease ran out is taken over; the queue looks for
   * work every `pollMs`, since other workstations queue jobs too. Absent on the embedded library,
   * where this process is the only one.
   */
  readonly shared?: { readonly leaseMs: number; readonly heartbeatMs: number; readonly pollMs: number };
}

/**
 * On a server: a minute's lease renewed every 15 s, so a workstation's job is taken over about a
 * minute after it died, while three missed renewals in a row (a stalled machine) are tolerated.
 */
export const SHARED_QUEUE = { leaseMs: 60_000, heartbeatMs: 15_000, pollMs: 5_000 } as const;

export interface AnalysisQueue {
  /** A clip was imported or saved from a take. */
  clipArrived(recordingId: string): void;
  /** A clip's view, condition or trim changed: what depends on them runs again (pose is kept). */
  clipChanged(recordingId: string): void;
  /** A clip went to the trash: its running analysis stops. */
  clipRemoved(recordingId: string): void;
  /** Analyse / Retry, for one clip or every clip of a session not analysed yet. */
  start(target: {
    sessionId?: string;
    recordingId?: string;
    model?: PoseModelName;
    force: boolean;
  }): Promise<string>;
  cancel(recordingId: string): Promise<boolean>;
  status(sessionId: string): Promise<SessionAnalysisStatus>;
  /**
   * Stop: the running job goes back to the queue (resumed at the next start), nothing more starts.
   * Resolves once a shared queue has handed its jobs back; close the library after that.
   */
  close(): Promise<void>;
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
  /** Holds the pose run while a take records (capture-priority.ts). */
  readonly hold: ReturnType<typeof createRunHold>;
  /** The steady window's numbers, until the whole clip's are there (window.ts). */
  early: EarlyNumbers | null;
  /** When it started (performance.now()): the runs started first go on while capture records. */
  readonly startedAt: number;
  /** Set when another workstation took the job over (this one's lease ran out): write nothing. */
  lost: boolean;
}

export function createAnalysisQueue(ctx: Ctx, options: AnalysisQueueOptions): AnalysisQueue {
  const { data } = ctx.library;
  const jobs = data.analysisJobs;
  const shared = options.shared;
  /** This process as a claimer: a restarted workstation is another one (its old claims lapse). */
  const worker = `${options.workstation ?? hostname()} #${process.pid}.${randomBytes(3).toString('hex')}`;
  const now = (): string => new Date().toISOString();
  const finish = (job: AnalysisJob, outcome: JobOutcome): Promise<boolean> =>
    jobs.finish(job.recordingId, job.model, outcome, now(), worker);
  const defaultModel = options.model ?? 'full';
  /** Jobs running now, by recording id (one job per clip at a time). */
  const running = new Map<string, Running>();
  const concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  let closed = false;
  let drained: Promise<void> = Promise.resolve();
  const measuredRate = new Map<PoseModelName, number>();

  const frameCount = async (recordingId: string): Promise<number> =>
    (await data.recordings.get(recordingId))?.frameCount ?? 0;

  const clipStatus = async (
    recordingId: string,
    sessionId: string,
    job: AnalysisJob | null,
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
    const run = running.get(recordingId);
    if (run && (!job || run.job.model === job.model)) {
      return {
        ...base,
        model: run.job.model,
        state: run.stage,
        fraction: run.fraction,
        secondsLeft: run.secondsLeft,
        early: run.early,
        heldForCapture: run.hold.held,
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
        ? (await frameCount(recordingId)) / (measuredRate.get(job.model) ?? RATE_GUESS[job.model])
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

  const emitClip = async (recordingId: string): Promise<void> => {
    if (closed) return;
    const rec = await recordingForSync(data, recordingId, 'recordingId');
    const status = await clipStatus(
      recordingId,
      rec.sessionId,
      jobOf(await jobs.listForSession(rec.sessionId), recordingId),
    );
    if (!closed) ctx.emit('analysis:changed', status);
  };
  /** Progress is news, not work: a clip gone to the trash meanwhile, or a closed library, says nothing. */
  const tellClip = (recordingId: string): void => void emitClip(recordingId).catch(() => undefined);

  const progress = (r: Running, force = false): void => {
    const now = Date.now();
    if (!force && now - r.lastEmit < PROGRESS_INTERVAL_MS) return;
    r.lastEmit = now;
    tellClip(r.job.recordingId);
  };

  async function runJob(job: AnalysisJob): Promise<void> {
    const r: Running = {
      job,
      controller: new AbortController(),
      stage: 'pose',
      fraction: 0,
      secondsLeft: null,
      lastEmit: 0,
      shutdown: false,
      hold: createRunHold(),
      early: null,
      startedAt: performance.now(),
      lost: false,
    };
    running.set(job.recordingId, r);
    yieldToCapture();
    r.secondsLeft =
      (await frameCount(job.recordingId)) / (measuredRate.get(job.model) ?? RATE_GUESS[job.model]);
    progress(r, true);
    if (job.attempts > MAX_ATTEMPTS) {
      await finish(job, {
        state: 'failed',
        error: `The analysis of this clip was interrupted ${job.attempts - 1} times (the program stopped while it ran). Retry to try once more, or re-import the clip.`,
      });
      return;
    }
    // While it runs, the job's lease is renewed; a renewal refused means another workstation took
    // the job over (this one stalled past its lease): stop, and leave the job to it.
    const heartbeat = shared
      ? setInterval(() => {
          jobs.renewLease(job.recordingId, job.model, worker, shared.leaseMs).then(
            (held) => {
              if (held || closed) return;
              r.lost = true;
              r.controller.abort();
            },
            () => undefined, // the server out of reach: the next renewal tries again
          );
        }, shared.heartbeatMs)
      : undefined;
    try {
      await analyse(job, r);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function analyse(job: AnalysisJob, r: Running): Promise<void> {
    // The steady window first; none (a short clip, no timestamp table): the clip whole, as before.
    const plan = await planWindow(ctx, job.recordingId, job.model, (early) => {
      r.early = early;
      progress(r, true);
    }).catch(() => null);
    const pose = await runPose(ctx as CallContext, job.recordingId, job.model, {
      force: job.force,
      signal: r.controller.signal,
      hold: r.hold,
      ...(plan ? { firstFrom: plan.firstFrom } : {}),
      onProgress: (p) => {
        r.fraction = POSE_SHARE * (p.totalFrames > 0 ? p.framesDone / p.totalFrames : 0);
        r.secondsLeft = p.secondsLeft;
        if (p.fps > 0) measuredRate.set(job.model, p.fps);
        progress(r);
      },
    });
    if (closed || r.lost) return;
    if (pose.state === 'cancelled') {
      await finish(job, { state: r.shutdown ? 'queued' : 'cancelled' });
      return;
    }
    if (pose.state === 'failed') {
      await finish(job, {
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
    if (r.lost) return;
    await finish(job, {
      state: 'done',
      note: [gaitNote, syncNote].filter(Boolean).join(' ') || null,
    });
  }

  /**
   * Start queued jobs while there is room, each starting the next when it ends, until none is left.
   * One pass at a time: a kick asked for during a pass makes the pass look once more.
   */
  let kicking = false;
  let kickAgain = false;
  /** Runs at once: all the queue may run, or captureSlots() while a take records. */
  const room = (): number => (capture.capturing() ? Math.min(concurrency, captureSlots()) : concurrency);
  /**
   * While a take records, the runs started first go on (room()) and the others are held between two
   * frames; when the take ends every run goes on where it stopped (capture-priority.ts).
   */
  const yieldToCapture = (): void => {
    const slots = room();
    [...running.values()]
      .sort((a, b) => a.startedAt - b.startedAt)
      .forEach((r, i) => {
        if (r.hold.held === i >= slots) return;
        r.hold.set(i >= slots);
        progress(r, true);
      });
  };
  const capture = watchCapture(() => {
    yieldToCapture();
    kick();
  });
  const kick = (): void => {
    if (kicking) {
      kickAgain = true;
      return;
    }
    kicking = true;
    void (async () => {
      do {
        kickAgain = false;
        while (!closed && running.size < room()) {
          const job = await jobs.claimNext(
            { worker, leaseMs: shared?.leaseMs ?? 0, busy: [...running.keys()] },
            now(),
          );
          if (!job) break;
          if (closed) {
            // Claimed as the queue closed: hand it straight back.
            await finish(job, { state: 'queued' });
            break;
          }
          track(job);
        }
      } while (kickAgain && !closed);
    })()
      .catch(() => undefined) // the library closed or the server is out of reach: the next kick retries
      .finally(() => {
        kicking = false;
      });
  };
  const track = (job: AnalysisJob): void => {
    const done = runJob(job)
      .catch((err: unknown) => {
        if (closed) return;
        // An error no step turned into words: keep the reason, never leave the job 'running'.
        const message = err instanceof Error ? err.message : String(err);
        return finish(job, {
          state: 'failed',
          error: `The analysis stopped on an unexpected error: ${message}`,
        }).then(() => undefined);
      })
      .catch(() => undefined)
      .finally(() => {
        running.delete(job.recordingId);
        if (closed) return;
        yieldToCapture();
        tellClip(job.recordingId);
        setImmediate(kick);
      });
    const before = drained;
    drained = Promise.all([before, done]).then(() => undefined);
  };

  const enqueue = async (recordingId: string, model: PoseModelName, force: boolean): Promise<void> => {
    await jobs.enqueue(recordingId, model, force, now());
    tellClip(recordingId);
  };
  /** A change the PT did not wait for (a clip arrived): its failure is the clip's status, not theirs. */
  const background = (work: () => Promise<void>): void => void work().catch(() => undefined);

  // Jobs a dead process left running are resumed first, without a click. On a server, other
  // workstations' running jobs are theirs: a dead one's lease runs out and its job is taken over.
  const ready = shared ? Promise.resolve() : jobs.requeueRunning(now()).then(() => undefined);
  void ready.catch(() => undefined).then(() => setImmediate(kick));
  const poll = shared ? setInterval(kick, shared.pollMs) : undefined;
  poll?.unref();

  return {
    clipArrived(recordingId) {
      if (!options.analyseOnArrival) return;
      background(async () => {
        await enqueue(recordingId, defaultModel, false);
        kick();
      });
    },
    clipChanged(recordingId) {
      background(async () => {
        const rec = await recordingForSync(data, recordingId, 'recordingId');
        const job = jobOf(await jobs.listForSession(rec.sessionId), recordingId);
        if (!job || job.state === 'queued' || job.state === 'running') return;
        if (job.state !== 'done') return;
        await enqueue(recordingId, job.model, false);
        kick();
      });
    },
    clipRemoved(recordingId) {
      background(async () => {
        await jobs.cancelQueued(recordingId, now());
      });
      running.get(recordingId)?.controller.abort();
    },
    async start({ sessionId, recordingId, model, force }) {
      const m = model ?? defaultModel;
      if (recordingId) {
        const rec = await recordingForSync(data, recordingId, 'recordingId');
        if (!running.has(recordingId) || force) await enqueue(recordingId, m, force);
        kick();
        return rec.sessionId;
      }
      const sid = sessionId!;
      const sessionJobs = await jobs.listForSession(sid);
      for (const rec of await recordingsForSync(data, sid)) {
        const state = (await clipStatus(rec.id, sid, jobOf(sessionJobs, rec.id))).state;
        // "Analyse the session": what is not analysed, or failed, or analysed with another model.
        const other =
          model !== undefined && !sessionJobs.some((j) => j.recordingId === rec.id && j.model === m);
        if (force || other || state === 'none' || state === 'failed' || state === 'cancelled')
          await enqueue(rec.id, m, force);
      }
      kick();
      return sid;
    },
    async cancel(recordingId) {
      const run = running.get(recordingId);
      if (run) {
        run.controller.abort();
        return true;
      }
      const cancelled = await jobs.cancelQueued(recordingId, now());
      if (cancelled) tellClip(recordingId);
      return cancelled;
    },
    async status(sessionId) {
      const sessionJobs = await jobs.listForSession(sessionId);
      const clips = await Promise.all(
        (await recordingsForSync(data, sessionId)).map((rec) =>
          clipStatus(rec.id, sessionId, jobOf(sessionJobs, rec.id)),
        ),
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
      if (closed) return Promise.resolve();
      capture.close();
      clearInterval(poll);
      const handedBack: Promise<unknown>[] = [];
      for (const r of running.values()) {
        r.shutdown = true;
        // On a server, back in the queue now, so another workstation need not wait for the lease
        // to run out. The embedded library queues it again at its next start (requeueRunning).
        if (shared) handedBack.push(finish(r.job, { state: 'queued' }).catch(() => undefined));
        r.controller.abort();
      }
      closed = true;
      return Promise.all(handedBack).then(() => undefined);
    },
    idle: () => drained,
  };
}
