/**
 * The steady-running window a condition is analysed on first (issue 16 item 3), so the clinic sees
 * numbers while the runner is still on the next condition; the rest of the clip follows. Pure.
 *
 * Where the window lies, and why no pose pass is spent finding it: a treadmill take starts while
 * the belt speeds up and ends as it slows (the clinic's rhythm: flat, then incline, a couple of minutes
 * each; docs/analysis-queue.md), so the middle of the take — or of the PT's trim, which already cuts what the PT does not
 * want — is the running farthest from both. A quick low-resolution or sparse-frame pose pass to look
 * for steadiness would still decode every frame of the clip (H.264 cannot skip to a frame without
 * decoding from its key frame), and decoding is a large part of a pose run's cost
 * (docs/pose-engine.md, "Pipeline ratio"): it would cost a good part of the time it saves. Instead
 * the window is checked after the fact, on its own gait events: the pose run starts at the window
 * and goes on to the end of the clip, and the numbers are published at the first checkpoint where the
 * window holds MIN_STRIDES_PER_SIDE regular strides per side (the window grows by EXTEND_S at a time
 * until it does). The frames before the window are analysed last.
 */
import type { Seconds } from '../units';
import { seconds } from '../units';

/** Strides per side the early numbers need (issue 16: "at least 10 clean strides per side"). */
export const MIN_STRIDES_PER_SIDE = 10;

/**
 * Slowest stride still taken as running: 150 steps/min, i.e. 0.8 s per stride (a stride is two
 * steps). Treadmill running cadence is 150–190 steps/min in recreational runners (Heiderscheit et
 * al. 2011, Med Sci Sports Exerc 43(2):296-302, preferred cadence 151–190); slower is walking
 * or jogging, which the gait engine's quality check flags anyway.
 */
export const SLOWEST_STRIDE_S = 0.8;

/**
 * First window: MIN_STRIDES_PER_SIDE strides at the slowest running pace, plus a quarter for the
 * strides the edges cost (the first and last contact of the window open no full stride, and the
 * zero-lag filter's edges are less sure).
 */
export const WINDOW_S = MIN_STRIDES_PER_SIDE * SLOWEST_STRIDE_S * 1.25;

/** How much the window grows when it holds too few strides: five strides at the slowest pace. */
export const EXTEND_S = 5 * SLOWEST_STRIDE_S;

/**
 * A stride is regular when its duration is within this fraction of the side's median stride: a
 * missed contact doubles a stride, a spurious one halves it; both are far outside ±25 %, while
 * stride-to-stride variability in running is a few percent (coefficient of variation 2–4 %,
 * Nakayama et al. 2010, Gait Posture 31(3):331-335).
 */
export const REGULAR_TOLERANCE = 0.25;

export interface TimeSpan {
  readonly startS: Seconds;
  readonly endS: Seconds;
}

/**
 * The window to analyse first, in the clip's time: WINDOW_S centred in `span` (the clip, or its
 * trim). Null when the span is shorter than two windows: the whole clip then takes at most twice
 * the window's time, and a second pass would save little.
 */
export function chooseSteadyWindow(span: TimeSpan): TimeSpan | null {
  const length = span.endS - span.startS;
  if (!(length >= 2 * WINDOW_S)) return null;
  const mid = (span.startS + span.endS) / 2;
  return { startS: seconds(mid - WINDOW_S / 2), endS: seconds(mid + WINDOW_S / 2) };
}

/**
 * The checkpoints at which the window is analysed: its end, then every EXTEND_S up to the end of
 * `span`; the last one is the span's end (the rest of the clip after the window).
 */
export function checkpoints(window: TimeSpan, span: TimeSpan): Seconds[] {
  const out: Seconds[] = [];
  for (let t: number = window.endS; t < span.endS; t += EXTEND_S) out.push(seconds(t));
  out.push(span.endS);
  return out;
}

export interface ContactEvent {
  readonly kind: string;
  readonly side: 'left' | 'right';
  readonly t: number;
}

export interface StrideCount {
  readonly left: number;
  readonly right: number;
}

/**
 * Regular strides per side: intervals between consecutive initial contacts of one foot within
 * REGULAR_TOLERANCE of that foot's median interval. Counted from the gait engine's events only, so
 * the test is the same whatever variables the clip gives.
 */
export function regularStrides(events: readonly ContactEvent[]): StrideCount {
  const count = (side: 'left' | 'right'): number => {
    const t = events
      .filter((e) => e.kind === 'initial-contact' && e.side === side)
      .map((e) => e.t)
      .sort((a, b) => a - b);
    const intervals = t.slice(1).map((x, i) => x - t[i]!);
    if (intervals.length === 0) return 0;
    const sorted = [...intervals].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    return intervals.filter((d) => Math.abs(d - median) <= REGULAR_TOLERANCE * median).length;
  };
  return { left: count('left'), right: count('right') };
}

/** Whether a window's strides are enough for the early numbers. */
export const enoughStrides = (s: StrideCount): boolean =>
  s.left >= MIN_STRIDES_PER_SIDE && s.right >= MIN_STRIDES_PER_SIDE;
