/**
 * The review's clip table: a clip's presentation timestamps, one per decoded frame, in presentation
 * order, with when its last frame ends. Which frame is shown at time t is `frameAt` of
 * src-shared/media/timestamps.ts (house style 8, time defined once: the same rule for the timestamp
 * table the import stores and for the review's players): frame i is on screen from its own timestamp
 * until the next frame's (the last one for its own duration), so a variable frame rate and dropped
 * frames need no special case, and frame indices stay those of frames that exist (the same indices
 * as the landmark series). This file adds what a player needs around that rule: the table built and
 * checked, each frame's duration, whether a time is inside the clip, stepping by frames.
 *
 * Times are seconds of the clip's own clock, first frame at its own timestamp (often 0, not always).
 */
import { frameAt, TIMESTAMP_EPS } from '../media/timestamps';
import { median } from '../stats';
import { frameIndex, seconds, type FrameIndex, type Seconds } from '../units';

export interface FrameTable {
  /** Presentation timestamps, strictly increasing, one per frame. */
  readonly times: readonly Seconds[];
  /** When the last frame stops being shown (its timestamp plus its duration). */
  readonly end: Seconds;
}

/**
 * Build a table from timestamps (any order, as decoders can emit B-frames out of order). The last
 * frame lasts `lastDuration`, or the median gap between frames when not given: the median is what a
 * nominal rate would give, and is not thrown off by a few dropped frames.
 */
export function frameTable(timestamps: readonly number[], lastDuration?: number): FrameTable {
  if (timestamps.length === 0) throw new Error('A clip needs at least one frame.');
  const sorted = [...timestamps].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i]!;
    if (!Number.isFinite(t)) throw new Error(`Frame ${i} has no valid timestamp (${t}).`);
    if (i > 0 && t - sorted[i - 1]! <= TIMESTAMP_EPS)
      throw new Error(`Frames ${i - 1} and ${i} share the timestamp ${t} s.`);
  }
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
  const duration = lastDuration ?? (gaps.length ? median(gaps) : 1 / 30);
  if (!(duration > 0)) throw new Error(`The last frame's duration must be positive (got ${duration}).`);
  return { times: sorted.map(seconds), end: seconds(sorted[sorted.length - 1]! + duration) };
}

/** A constant-rate table: n frames at `fps` (e.g. 24000/1001), starting at `start`. */
export function constantRateTable(n: number, fps: number, start = 0): FrameTable {
  const times = Array.from({ length: n }, (_, i) => start + i / fps);
  return frameTable(times, 1 / fps);
}

export const frameCount = (table: FrameTable): number => table.times.length;
export const lastFrame = (table: FrameTable): FrameIndex => frameIndex(table.times.length - 1);
export const firstTime = (table: FrameTable): Seconds => table.times[0]!;

/** Timestamp of frame i (clamped to the clip). */
export function timeOfFrame(table: FrameTable, i: number): Seconds {
  return table.times[clampIndex(table, i)]!;
}

/** How long frame i stays on screen. */
export function frameDuration(table: FrameTable, i: number): Seconds {
  const k = clampIndex(table, i);
  const next = k + 1 < table.times.length ? table.times[k + 1]! : table.end;
  return seconds(next - table.times[k]!);
}

export function clampIndex(table: FrameTable, i: number): FrameIndex {
  const n = table.times.length;
  return frameIndex(Math.min(n - 1, Math.max(0, Math.round(i))));
}

/** Whether clip time t falls inside the clip (between its first timestamp and its end). */
export function covers(table: FrameTable, t: number): boolean {
  return t >= table.times[0]! - TIMESTAMP_EPS && t < table.end - TIMESTAMP_EPS;
}

/** The frame `delta` frames from the one shown at t (clamped), and its timestamp. */
export function stepFrom(table: FrameTable, t: number, delta: number): { frame: FrameIndex; time: Seconds } {
  const frame = clampIndex(table, frameAt(table.times, t) + delta);
  return { frame, time: timeOfFrame(table, frame) };
}
