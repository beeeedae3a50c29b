import { availableParallelism, hostname, totalmem } from 'node:os';
import type { SessionAnalysisStatus } from '../../../src-shared/contract/analysis';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import type { AnalysisJob } from '../../data/analysis-jobs';
import { recordingForSync, recordingsForSync } from '../sync/landmarks';
import type { CallContext } from '../types';
import { createCaptureYield } from './capture-priority';
import { claimerName, createClaimLoop, createClaims, type SharedQueueTiming } from './lease';
import { runJob } from './run-job';
import { startRunning, type Running } from './running';
import { createQueueStatus, jobOf } from './status';
import { dropWindowResult } from './window';

export { SHARED_QUEUE } from './lease';

/**
 * The analysis queue (main process): a clip that arrives in the library is analysed in the
 * background, oldest first, as many at once as the machine allows (defaultConcurrency): pose detection, then alignment with the other view
 * of its condition, then the gait analysis. Jobs live in the library (data/analysis-jobs.ts), so a restart or a
 * crash resumes them without a click. Progress goes out as `analysis:changed`.
 *
 * The parts, one concern each: claims, leases and heartbeats (lease.ts); one job's steps, its
 * steady window first, whose numbers go out as `early` before the rest of the clip is done
 * (run-job.ts, window.ts, issue 16 item 3); the capture hold, at most captureSlots() runs going on
 * while a take records (capture-priority.ts, item 5); status and progress (status.ts). This file
 * puts them together behind the queue's interface.
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
  readonly shared?: SharedQueueTiming;
}

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

export function createAnalysisQueue(ctx: Ctx, options: AnalysisQueueOptions): AnalysisQueue {
  const { data } = ctx.library;
  const jobs = data.analysisJobs;
  const shared = options.shared;
  const now = (): string => new Date().toISOString();
  const defaultModel = options.model ?? 'full';
  /** Jobs running now, by recording id (one job per clip at a time). */
  const running = new Map<string, Running>();
  const concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  let closed = false;
  const isClosed = (): boolean => closed;
  let drained: Promise<void> = Promise.resolve();

  /** This workstation in the PT's words ("room 2"), for a cancel it asks of another. */
  const workstation = options.workstation ?? hostname();
  const claims = createClaims(jobs, claimerName(options.workstation), shared);
  const status = createQueueStatus(ctx, running, defaultModel, isClosed, shared !== undefined, {
    slots: concurrency,
    cores: availableParallelism(),
  });
  const capture = createCaptureYield({
    concurrency,
    runs: () => running.values(),
    onHeld: (r) => status.progress(r, true),
    onCapture: () => kick(),
  });
  const kick = createClaimLoop({
    claims,
    room: capture.room,
    busy: () => [...running.keys()],
    isClosed,
    start: (job) => track(job),
  });

  const track = (job: AnalysisJob): void => {
    const r = startRunning(job);
    running.set(job.recordingId, r);
    capture.apply();
    const done = runJob({ ctx, claims, status, isClosed }, r)
      .catch((err: unknown) => {
        if (closed) return;
        // An error no step turned into words: keep the reason, never leave the job 'running'.
        const message = err instanceof Error ? err.message : String(err);
        return claims
          .finish(job, { state: 'failed', error: `The analysis stopped on an unexpected error: ${message}` })
          .then(() => undefined);
      })
      .catch(() => undefined)
      .finally(() => {
        running.delete(job.recordingId);
        if (closed) return;
        capture.apply();
        status.tell(job.recordingId);
        setImmediate(kick);
      });
    const before = drained;
    drained = Promise.all([before, done]).then(() => undefined);
  };

  const enqueue = async (recordingId: string, model: PoseModelName, force: boolean): Promise<void> => {
    await jobs.enqueue(recordingId, model, force, now());
    status.tell(recordingId);
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
      const run = running.get(recordingId);
      // Waiting jobs are cancelled; one running on another workstation is asked to stop.
      background(async () => {
        if (!run) await jobs.requestCancel(recordingId, workstation, now());
        else await jobs.cancelQueued(recordingId, now());
      });
      run?.controller.abort();
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
        const state = (await status.clip(rec.id, sid, jobOf(sessionJobs, rec.id))).state;
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
      // Waiting: cancelled now. Running on another workstation (issue 17): the request is stored with
      // the job and that workstation stops it at its next heartbeat, then says 'cancelled' to all.
      const outcome = await jobs.requestCancel(recordingId, workstation, now());
      // A job waiting with its steady window's file (back in the queue after a crash): the file goes
      // with the job's numbers. One asked of another workstation goes when that one stops it.
      if (outcome === 'cancelled') await dropWindowResult(ctx, recordingId);
      if (outcome !== 'none') status.tell(recordingId);
      return outcome !== 'none';
    },
    status: (sessionId) => status.session(sessionId),
    close() {
      if (closed) return Promise.resolve();
      capture.close();
      clearInterval(poll);
      const handedBack: Promise<unknown>[] = [];
      for (const r of running.values()) {
        r.shutdown = true;
        // On a server, back in the queue now, so another workstation need not wait for the lease
        // to run out. The embedded library queues it again at its next start (requeueRunning).
        if (shared) handedBack.push(claims.finish(r.job, { state: 'queued' }).catch(() => undefined));
        r.controller.abort();
      }
      closed = true;
      return Promise.all(handedBack).then(() => undefined);
    },
    idle: () => drained,
  };
}
