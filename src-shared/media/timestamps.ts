/**
 * The per-frame timestamp table of a clip (`timestamps.f64` next to it in the library, see
 * docs/library-layout.md): one little-endian Float64 per decoded frame, in presentation order,
 * seconds since the clip's first frame (so entry 0 is 0). Entry i is when source frame i was
 * captured; proxy frame i is the same picture shown at i / proxyFps. Real time (cadence, contact
 * times) comes from this table, never from the proxy's constant rate.
 */
import { frameIndex, type FrameIndex, type Seconds } from '../units';

export const TIMESTAMPS_BYTES_PER_FRAME = 8;

export function encodeTimestamps(times: readonly number[]): Uint8Array {
  const buf = new ArrayBuffer(times.length * TIMESTAMPS_BYTES_PER_FRAME);
  const view = new DataView(buf);
  times.forEach((t, i) => view.setFloat64(i * TIMESTAMPS_BYTES_PER_FRAME, t, true));
  return new Uint8Array(buf);
}

export function decodeTimestamps(bytes: Uint8Array): Seconds[] {
  if (bytes.byteLength % TIMESTAMPS_BYTES_PER_FRAME !== 0) {
    throw new Error(`A timestamp table holds 8 bytes per frame; got ${bytes.byteLength} bytes.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Seconds[] = [];
  for (let i = 0; i < bytes.byteLength; i += TIMESTAMPS_BYTES_PER_FRAME)
    out.push(view.getFloat64(i, true) as Seconds);
  return out;
}

/**
 * When a clip counts as variable-frame-rate (docs/library-layout.md, "Frames and time"): defined
 * here once, for the import's timestamp table and for the bare-file probe of the CLI's pose run.
 *
 * - A **dropped frame** leaves an interval of about two regular ones: an interval over 1.5 times
 *   the median (halfway between one frame and two) holds round(interval / median) − 1 missing frames.
 * - **Jitter** is how far the other intervals stray from their mean (the regular interval: a
 *   container clock's rounding averages out in it, where a median sits on one of the rounded values),
 *   as a fraction of it. Over a quarter is variable. A constant-rate file strays by one tick of its
 *   clock at most: 0.8 ms on QuickTime's 600 Hz and Matroska's 1 kHz clocks, 20 % of a frame at
 *   240 fps, so a tenth would call a constant-rate slow-motion clip variable. A phone's capture
 *   jitter of ±8 ms at 30 fps strays up to 48 %; a jitter of ±1/8 frame (±4 ms at 30 fps) stays
 *   under a quarter, far inside the ±1 frame that the analysis times events to at best.
 */
export const VFR_JITTER = 0.25;
/** An interval this many median intervals long holds at least one dropped frame. */
const DROPPED_GAP = 1.5;

export interface FrameTiming {
  /** Frames per second over the whole clip: (n − 1) / (last − first). */
  readonly averageFps: number;
  /** Median interval between frames, seconds. */
  readonly medianInterval: number;
  /** Frames missing from the gaps (intervals over 1.5 median intervals). */
  readonly droppedFrames: number;
  /** Largest departure of an interval (gaps aside) from their mean, as a fraction of that mean. */
  readonly jitter: number;
  /** Dropped frames, or jitter over a quarter of a frame (a rate switch shows as either). */
  readonly variable: boolean;
}

export function frameTiming(times: ArrayLike<number>): FrameTiming {
  const n = times.length;
  if (n < 2) return { averageFps: 0, medianInterval: 0, droppedFrames: 0, jitter: 0, variable: false };
  const intervals: number[] = [];
  for (let i = 1; i < n; i++) intervals.push(times[i]! - times[i - 1]!);
  const sorted = [...intervals].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  let droppedFrames = 0;
  const regular: number[] = [];
  for (const d of intervals) {
    if (median > 0 && d > DROPPED_GAP * median) droppedFrames += Math.round(d / median) - 1;
    else regular.push(d);
  }
  const mean = regular.reduce((a, b) => a + b, 0) / regular.length;
  // A loop, not Math.max(...): a long 240 fps clip has more intervals than a call takes arguments.
  let stray = 0;
  for (const d of regular) stray = Math.max(stray, Math.abs(d - mean));
  const jitter = mean > 0 ? stray / mean : 0;
  const span = times[n - 1]! - times[0]!;
  return {
    averageFps: span > 0 ? (n - 1) / span : 0,
    medianInterval: median,
    droppedFrames,
    jitter,
    variable: droppedFrames > 0 || jitter > VFR_JITTER,
  };
}

/**
 * Half a microsecond: container timestamps are rationals (e.g. 1001/24000 s) rounded to doubles, and a
 * request for "the time of frame i" must land on frame i, never on i−1 by a rounding error (at
 * 24000/1001 fps, i / fps falls a hair below the stored i · 1001 / 24000 for 897 of the first 2000
 * frames).
 */
export const TIMESTAMP_EPS = 5e-7;

/**
 * The frame on screen at time t, defined once for the review's players and anything else that maps a
 * time to a frame: the last frame whose timestamp is ≤ t (within `TIMESTAMP_EPS`). Frame i is shown
 * from its own timestamp until the next frame's (Mediabunny's sample semantics,
 * `VideoSampleSink.getSample(t)`), so a dropped frame is a longer gap during which the previous frame
 * stays shown. Before the first frame the first is shown (a player never shows nothing), after the
 * last the last. Binary search: O(log n), called on every animation frame for every player.
 */
export function frameAt(times: readonly number[], t: number): FrameIndex {
  if (times.length === 0 || !(t >= times[0]! - TIMESTAMP_EPS)) return frameIndex(0);
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t + TIMESTAMP_EPS) lo = mid;
    else hi = mid - 1;
  }
  return frameIndex(lo);
}
