import { readFileSync } from 'node:fs';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import type { CropRect } from '../../../src-shared/pose/runner-crop';
import { decodeTimestamps } from '../../../src-shared/media/timestamps';
import { clipProgress, NO_PARTS_BEFORE, type PartsBefore } from '../../../src-shared/pose/part-progress';
import { withRecordingTimes, type PoseRecording } from './recording';
import type { RunHold } from './engine-session';
import { detectPoses } from './run';
import { poseTimeLeft, type PoseProgress, type RunFollower } from './time-left';
import type { CandidateFrame, PoseCandidates } from './series';

/**
 * Which file pose detection reads for a library recording, and the run itself: the one path the
 * pose service, the analysis queue and `stridelab analyze` share, and the one the accuracy test's
 * landmarks are regenerated through (test/gait/app-path.ts).
 *
 * The original when Chromium can decode it at the proxy's size, else the proxy. Why: the proxy is a
 * lossy re-encode (x264 CRF 20, PSNR 42.8 dB on the sample clip), and MediaPipe's landmarks move
 * with pixel changes that small. Measured on the sample clip, full model (docs/gait-methods.md,
 * "Which pixels pose reads"): a lossless proxy gives landmarks identical to the original's (0.00 px
 * on every point of every frame, so frame order, timing and scaling are not the cause), while the
 * CRF 20 proxy moves the nose by 1.6 px (median), the feet by 4–8 px (median) and puts a foot on the
 * other leg on some frames (up to 290 px); the gait engine's cadence then reads 172.4 instead of
 * 168.7 steps/min. A lossless proxy would be 50× the original (95 MB for 12 s at 720p), so pose reads
 * the camera's own pixels instead, and the proxy stays the review's small all-intra copy.
 *
 * The original is used only when frame i of its decode is frame i of the proxy: same upright size
 * (landmarks are in proxy pixels, docs: contract ClipProbe.proxyWidth) and, after the run, the same
 * number of frames at the same times as the import's timestamp table (within a quarter frame).
 * Anything else (a codec Chromium lacks, an edit list read differently, a 4K clip scaled for the
 * proxy) falls back to the proxy, as before.
 */

/** Codecs Chromium's WebCodecs decodes without platform extras (HEVC needs hardware support). */
const DECODABLE = new Set(['h264', 'vp8', 'vp9', 'av1']);

export type PoseInput = 'original' | 'proxy';

export interface RecordingPoseRun {
  readonly candidates: PoseCandidates;
  readonly input: PoseInput;
  /** Why the proxy was read, when it was. */
  readonly fallback: string | null;
}

/** Whether the original can stand in for the proxy before any run: its codec and size. */
export function originalEligible(rec: PoseRecording): string | null {
  if (!rec.original) return 'no original file';
  if (!DECODABLE.has(rec.original.codec)) return `codec ${rec.original.codec}`;
  if (rec.original.displayWidth !== rec.proxyWidth || rec.original.displayHeight !== rec.proxyHeight)
    return 'proxy scaled';
  return null;
}

/** Frame i of the run is frame i of the timestamp table: same count, times within a quarter frame. */
export function sameFrames(runTimes: readonly number[], table: readonly number[]): boolean {
  if (runTimes.length !== table.length || table.length === 0) return false;
  const t0 = runTimes[0]!;
  const span = table[table.length - 1]! - table[0]!;
  const interval = table.length > 1 ? span / (table.length - 1) : 1;
  return runTimes.every((t, i) => Math.abs(t - t0 - table[i]!) <= interval / 4);
}

export interface RecordingRunOptions {
  readonly model: PoseModelName;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: PoseProgress) => void;
  /** Tests and the bench: read this input whatever the choice would be. */
  readonly force?: PoseInput;
  /** Holds the run between frames while set (engine-session.ts RunHold). */
  readonly hold?: RunHold;
  /**
   * The steady window first (issue 16 item 3): detect from `startS` to the end of the clip, telling
   * `onFrames` every frame so far, then the frames before `startS`; the result is the whole clip.
   */
  readonly firstFrom?: {
    readonly startS: number;
    readonly onFrames: (frames: readonly CandidateFrame[], source: PoseCandidates['source']) => void;
  };
}

/** The run, its progress with the process's one time left (time-left.ts) from start to end. */
export async function detectRecordingPoses(
  rec: PoseRecording,
  opts: RecordingRunOptions,
): Promise<RecordingPoseRun> {
  const follower = poseTimeLeft.follow(rec.id, opts.model, opts.hold);
  try {
    return await detectOne(rec, opts, follower);
  } finally {
    follower.end();
  }
}

async function detectOne(
  rec: PoseRecording,
  opts: RecordingRunOptions,
  follower: RunFollower,
): Promise<RecordingPoseRun> {
  const part = (
    clipPath: string,
    range: { startS?: number; endS?: number; region?: CropRect | null },
    before: PartsBefore,
  ) =>
    detectPoses({
      clipPath,
      clipName: rec.name,
      model: opts.model,
      signal: opts.signal,
      ...range,
      ...(opts.hold ? { hold: opts.hold } : {}),
      ...(range.startS !== undefined && opts.firstFrom ? { onFrames: opts.firstFrom.onFrames } : {}),
      // Progress over the whole clip: every pass of the parts already read counts, done.
      onProgress: (p) => {
        const told = follower.report({ ...p, ...clipProgress(before, p) });
        opts.onProgress?.(told);
      },
    });
  const run = async (clipPath: string): Promise<{ candidates: PoseCandidates }> => {
    const first = opts.firstFrom;
    if (!first) return part(clipPath, {}, NO_PARTS_BEFORE);
    const later = await part(clipPath, { startS: first.startS }, NO_PARTS_BEFORE);
    // The frames before the window start on the region the window's part kept (the larger part: the
    // window and all after it), not on the whole frame: a small runner cost them up to three passes
    // again. Where he is still missed there, their passes go on from it (docs/pose-engine.md, "A
    // runner too small for the first pass").
    const before = { endS: first.startS, region: later.crop };
    // Each pass of the window's part read its frames: all of them are done when the earlier part starts.
    const { second, third } = later.runnerFrames;
    const windowFrames = later.candidates.frames.length;
    const done = {
      framesDone: windowFrames * [0, second, third].filter((n) => n !== null).length,
      clipFrames: windowFrames,
    };
    const earlier = (await part(clipPath, before, done)).candidates;
    return { candidates: joinParts(earlier, later.candidates) };
  };
  let fallback = opts.force === 'proxy' ? 'asked for' : originalEligible(rec);
  if (opts.force === 'original' && fallback !== null)
    throw new Error(`pose on the original refused: ${fallback}`);
  if (fallback === null && rec.original) {
    try {
      const { candidates } = await run(rec.original.path);
      let table: number[] = [];
      try {
        table = decodeTimestamps(readFileSync(rec.timestampsPath));
      } catch {
        table = [];
      }
      if (
        sameFrames(
          candidates.frames.map((f) => f.t),
          table,
        )
      )
        return { candidates: withRecordingTimes(candidates, rec), input: 'original', fallback: null };
      fallback = 'frames differ from the proxy';
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      fallback = `original not decodable (${e instanceof Error ? e.message : String(e)})`;
    }
    if (opts.force === 'original') throw new Error(`pose on the original refused: ${fallback}`);
  }
  const { candidates } = await run(rec.proxyPath);
  return { candidates: withRecordingTimes(candidates, rec), input: 'proxy', fallback };
}

/**
 * The clip from its two parts: the frames before the window's start, then those from it on. The
 * later part starts at the frame shown at its start time, which the earlier part (frames before
 * that time) may hold too: a frame is taken once, from the earlier part. The container's frame
 * count is the sum; the caller checks the joined frames against the timestamp table as for one run.
 */
export function joinParts(earlier: PoseCandidates, later: PoseCandidates): PoseCandidates {
  const last = earlier.frames.length ? earlier.frames[earlier.frames.length - 1]!.t : -Infinity;
  const frames = [...earlier.frames, ...later.frames.filter((f) => f.t > last + 1e-6)];
  return { ...later, source: { ...later.source, frameCount: frames.length }, frames };
}
