import type { MarkerTrackStatus } from '../../../src-shared/contract/markers';
import { trackMarkers, type DetectionOptions, type MarkerSeed } from '../../../src-shared/markers';
import { ServiceError } from '../errors';
import type { CallContext } from '../types';
import { clipFrames } from './frames';
import { markerRecording } from './recording';
import { getSeed, getTracks, saveTracks, seedHash, type StoredSeed } from './store';

/**
 * Marker tracking as a background job per recording, on the pose service's pattern
 * (services/pose/handlers.ts): `markers:track` returns at once, the run decodes the proxy with
 * ffmpeg and feeds the marker core frame by frame in main (never the renderer's thread), reports
 * `markers:progress` at most four times a second, and writes the tracks in one transaction only
 * when complete, so a cancelled or crashed run leaves the previous tracks (or none), never half.
 */
interface Job {
  readonly controller: AbortController;
  framesDone: number;
  readonly frameCount: number;
  readonly ended: Promise<void>;
}

/** Running jobs and the last failure/cancel, by recording. One library per process. */
const running = new Map<string, Job>();
const outcomes = new Map<string, { state: 'failed' | 'cancelled'; error: string | null }>();
const PROGRESS_EVERY_MS = 250;

/** The core's detection options for the PT's choice (brightness or a picked colour). */
export function detectionOptions(seed: Pick<StoredSeed, 'detection'>): DetectionOptions {
  const d = seed.detection;
  return { appearance: d.mode === 'colour' ? { kind: 'colour', rgb: d.rgb } : { kind: 'bright' } };
}

export const pixelFormat = (seed: Pick<StoredSeed, 'detection'>): 'gray' | 'rgba' =>
  seed.detection.mode === 'colour' ? 'rgba' : 'gray';

export async function trackStatus(ctx: CallContext, recordingId: string): Promise<MarkerTrackStatus> {
  const base = { recordingId, framesDone: null, frameCount: null, error: null };
  const job = running.get(recordingId);
  if (job) return { ...base, state: 'running', framesDone: job.framesDone, frameCount: job.frameCount };
  const outcome = outcomes.get(recordingId);
  if (outcome) return { ...base, ...outcome };
  const stored = await getTracks(ctx.library.data, recordingId);
  if (!stored) return { ...base, state: 'none' };
  const seed = await getSeed(ctx.library.data, recordingId);
  return { ...base, state: seed && seedHash(seed) === stored.hash ? 'done' : 'stale' };
}

/** Why a run failed, in the PT's words (a bug's message is not shown as is). */
function describe(e: unknown, clip: string): string {
  if (e instanceof ServiceError) return e.message;
  return `The markers of "${clip}" could not be tracked: ${e instanceof Error ? e.message : String(e)}`;
}

export async function startTracking(ctx: CallContext, recordingId: string): Promise<MarkerTrackStatus> {
  if (running.has(recordingId)) return trackStatus(ctx, recordingId);
  const rec = await markerRecording(ctx.library, recordingId);
  const seed = await getSeed(ctx.library.data, recordingId);
  if (!seed)
    throw new ServiceError(
      'invalid-input',
      'Name the markers on one frame first, then track them.',
      'recordingId',
    );
  // Another call may have started a run while these were read: one run per clip.
  if (running.has(recordingId)) return trackStatus(ctx, recordingId);
  const hash = seedHash(seed);
  const seeds: MarkerSeed[] = seed.markers.map((m) => ({ name: m.name, frame: seed.frame, x: m.x, y: m.y }));
  const controller = new AbortController();
  let settle: () => void = () => undefined;
  const job: Job = {
    controller,
    framesDone: 0,
    frameCount: rec.frameCount,
    ended: new Promise((r) => (settle = r)),
  };
  running.set(recordingId, job);
  outcomes.delete(recordingId);
  let last = 0;
  const finish = (state: 'done' | 'failed' | 'cancelled', error: string | null): void => {
    running.delete(recordingId);
    if (state !== 'done') outcomes.set(recordingId, { state, error });
    ctx.emit('markers:changed', { recordingId, state, error });
    settle();
  };
  ctx.emit('markers:changed', { recordingId, state: 'running', error: null });
  trackMarkers(
    clipFrames(rec, pixelFormat(seed), { signal: controller.signal }),
    seeds,
    { detection: detectionOptions(seed), frameCount: rec.frameCount },
    (p) => {
      job.framesDone = p.framesDone;
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS && p.framesDone < rec.frameCount) return;
      last = now;
      ctx.emit('markers:progress', { recordingId, framesDone: p.framesDone, frameCount: rec.frameCount });
    },
    controller.signal,
  )
    .then(async (tracks) => {
      // Names changed while it ran: these tracks belong to the old names; keep nothing.
      const now = await getSeed(ctx.library.data, recordingId);
      if (!now || seedHash(now) !== hash) return finish('cancelled', null);
      await saveTracks(ctx.library.data, recordingId, hash, tracks);
      finish('done', null);
    })
    .catch((e: unknown) => {
      const stopped =
        controller.signal.aborted ||
        (e instanceof ServiceError && e.code === 'cancelled') ||
        (e instanceof Error && e.name === 'AbortError');
      if (stopped) finish('cancelled', null);
      else finish('failed', describe(e, rec.name));
    });
  return trackStatus(ctx, recordingId);
}

export function cancelTracking(recordingId: string): boolean {
  const job = running.get(recordingId);
  if (!job) return false;
  job.controller.abort();
  return true;
}

/** Resolves when the recording's run (if any) has ended: tests and the CLI wait on it. */
export async function trackingEnded(recordingId: string): Promise<void> {
  await running.get(recordingId)?.ended;
}

/**
 * Stop every run (the library is closing): their ffmpeg processes are killed and nothing is written;
 * resolves once they have ended.
 */
export async function stopAllTracking(): Promise<void> {
  const jobs = [...running.values()];
  for (const j of jobs) j.controller.abort();
  await Promise.all(jobs.map((j) => j.ended));
}

/** Forget a finished run's failure (names saved again). */
export const clearOutcome = (recordingId: string): void => void outcomes.delete(recordingId);
