/**
 * The per-frame timestamp table of a clip (`timestamps.f64` next to it in the library, see
 * docs/library-layout.md): one little-endian Float64 per decoded frame, in presentation order,
 * seconds since the clip's first frame (so entry 0 is 0). Entry i is when source frame i was
 * captured; proxy frame i is the same picture shown at i / proxyFps. Real time (cadence, contact
 * times) comes from this table, never from the proxy's constant rate.
 */
import type { FrameIndex, Seconds } from '../units';

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

export interface FrameTiming {
  /** Frames per second over the whole clip: (n − 1) / (last − first). */
  readonly averageFps: number;
  /** Median interval between frames, seconds. */
  readonly medianInterval: number;
  /**
   * True when some interval differs from the median by more than a quarter of it: a phone that
   * switched rate, or dropped frames (a dropped frame doubles one interval).
   */
  readonly variable: boolean;
}

export function frameTiming(times: readonly number[]): FrameTiming {
  const n = times.length;
  if (n < 2) return { averageFps: 0, medianInterval: 0, variable: false };
  const intervals: number[] = [];
  for (let i = 1; i < n; i++) intervals.push(times[i]! - times[i - 1]!);
  const sorted = [...intervals].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const span = times[n - 1]! - times[0]!;
  return {
    averageFps: span > 0 ? (n - 1) / span : 0,
    medianInterval: median,
    variable: intervals.some((d) => Math.abs(d - median) > median / 4),
  };
}

/** The frame on screen at time t: the last frame whose timestamp is ≤ t (binary search). */
export function frameAt(times: readonly number[], t: number): FrameIndex {
  let lo = 0;
  let hi = times.length - 1;
  if (hi < 0 || t < times[0]!) return 0 as FrameIndex;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo as FrameIndex;
}
