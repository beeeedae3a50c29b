/**
 * How well a marker angle is measured (issue 15; docs/uncertainty.md, as for the gait variables):
 * the per-step standard uncertainty of a value (tracking and event timing), the systematic part of
 * a mean (tracking and the foot's event timing bias, by the landmark variables' rule), and the
 * spread rule that says a side is not measurable when its values vary over steps beyond what a
 * runner and the measurement explain. Pure.
 */
import type { GaitVariable } from '../gait/schema';
import type { Side } from '../gait/types';
import { IMPLAUSIBLE_SPREAD, IMPLAUSIBLE_SPREAD_TWO_STEPS } from '../gait/summary';
import { eventTimingFrames } from '../gait/uncertainty-timing';
import { meanUncertainty, type MeanUncertainty } from '../gait/interval';
import type { MarkerEvent, MarkerName, MarkerTrack } from '../markers';

/** Why a side's value is not shown as a number, and what to do (as the gait variables' sides). */
export type MarkerNotMeasurable = NonNullable<GaitVariable['left']['notMeasurable']>;

export interface MarkerStepValue {
  /** The step's initial-contact frame (clip frame). */
  readonly frame: number;
  readonly value: number;
  /** Standard uncertainty of this value, degrees: the tracking and the event's timing (`stepU`). */
  readonly u: number;
  /** Signed change of this value, degrees, for a one-SD timing bias of its foot's event (`stepU`);
   *  0 or absent where it is read at no contact or toe-off. */
  readonly bias?: number;
  /** False where the step's markers were not where the body puts them (`segmentsHold`): left out. */
  readonly held?: boolean;
}

export interface MarkerSideSummary {
  readonly values: readonly MarkerStepValue[];
  readonly mean: number | null;
  readonly sd: number | null;
  readonly n: number;
  /** 95% interval of the mean (docs/uncertainty.md); null below two steps. */
  readonly interval: readonly [number, number] | null;
  /** That interval's parts (random, systematic, k), as the gait variables carry them, so a marker
   *  side can stand in for a landmark side (marker-hybrid.ts); null below two steps. */
  readonly uncertainty: MeanUncertainty | null;
  /** The tracking's type-B part, degrees (the systematic part less the events' timing bias), so a
   *  subset of the steps can be summarised again (marker-hybrid.ts). */
  readonly tracking: number;
  /**
   * Set where the markers were off on more than a quarter of the steps, or the spread over steps is
   * beyond what a runner and the measurement explain.
   */
  readonly notMeasurable: MarkerNotMeasurable | null;
}

/** What to do where a marker side is not measurable, in the PT's words. */
const REMEDY =
  'Check the markers in Review (Markers mode) and drag a wrong one onto its sticker, or film again with the markers clearly in view.';

/**
 * The type-B part of a marker angle's uncertainty: the tracker's 1 px (the tolerance) at
 * each end of a segment of `lengthPx`, as an angle: atan(√2 / L). A 70 px ASIS–PSIS line gives 1.2°.
 */
export function markerAngleSystematicDeg(lengthPx: number): number {
  return lengthPx > 0 ? (Math.atan(Math.SQRT2 / lengthPx) * 180) / Math.PI : 0;
}

/**
 * A steady runner's step-to-step SD of a marker angle at an event, degrees: the gait variables'
 * figure for the sagittal angles (tables/variables.ts `stepSd`, docs/uncertainty.md §3), the upper
 * figure so that only a spread well beyond a runner's own is called implausible.
 */
export const MARKER_STEP_SD_DEG = 3;

/**
 * A marker angle read at an event [GUM 5.1, in quadrature]: its per-step standard uncertainty, the
 * tracking (`trackingDeg`, 1 px at each end of the segment) and the event's timing, and its bias,
 * the part of that timing its foot keeps over steps. Both are the angle's rate of change there
 * (central difference, degrees a frame) × the event's timing in frames, by the landmark variables'
 * rule (`eventTimingFrames`, docs/uncertainty.md §8): for contacts and toe-offs 0.82 frame per step
 * of which 0.5 per foot, or the clip's own template spread where it is larger; half a frame at
 * midstance, none per foot; none at all for a peak or a range (`at` null). Contacts and toe-offs
 * read from the heel markers (source `markers`, docs/markers.md "Marker events") have no template
 * and so no spread: they keep the measured figures.
 */
export function stepU(
  series: Float64Array,
  at: Pick<MarkerEvent, 'kind' | 'frameF' | 'templateSd'> | null,
  trackingDeg: number,
): { readonly u: number; readonly bias: number } {
  if (at === null) return { u: trackingDeg, bias: 0 };
  const i = Math.round(at.frameF);
  const a = series[i - 1];
  const b = series[i + 1];
  const rate =
    a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) ? (b - a) / 2 : 0;
  const t = eventTimingFrames(at);
  return { u: Math.hypot(trackingDeg, rate * t.perStep), bias: rate * t.systematic };
}

/** The engine's contact a step starts at (its timing for the uncertainty), or the step's own frame. */
export function contactOf(events: readonly MarkerEvent[], side: Side, contactFrame: number): MarkerEvent {
  return (
    events.find(
      (e) => e.kind === 'initial-contact' && e.side === side && Math.round(e.frameF) === contactFrame,
    ) ?? { kind: 'initial-contact', side, frameF: contactFrame }
  );
}

/**
 * The spread rule of the gait variables (src-shared/gait/summary.ts, docs/uncertainty.md §3): an SD
 * over steps more than twice (two steps: three times) √(s_run² + median u²) is not a runner's own
 * variation but a measurement gone wrong, here most often a marker lost or taken for a patch of
 * clothing on some steps; the side then says so, with what to do, instead of a number.
 */
export function spreadCheck(
  side: Side,
  values: readonly { readonly u: number }[],
  sd: number | null,
): MarkerNotMeasurable | null {
  if (values.length < 2 || sd === null) return null;
  // The median step's u², not the mean: a marker lost on some steps makes the angle's rate there,
  // and so their timing term, as wrong as their values, and would excuse the spread it causes.
  const sq = values.map((v) => v.u ** 2).sort((a, b) => a - b);
  const mid = sq.length >> 1;
  const u2 = sq.length % 2 ? sq[mid]! : (sq[mid - 1]! + sq[mid]!) / 2;
  const expected = Math.sqrt(MARKER_STEP_SD_DEG ** 2 + u2);
  const factor = values.length === 2 ? IMPLAUSIBLE_SPREAD_TWO_STEPS : IMPLAUSIBLE_SPREAD;
  if (sd <= factor * expected) return null;
  return {
    reason: `Not measurable from this view: the values of the ${side} steps vary by ± ${sd.toFixed(1)}° from step to step, more than ${factor === 2 ? 'twice' : 'three times'} what a steady runner and the measurement explain (about ± ${expected.toFixed(1)}°); the markers were probably lost or taken for something else on some steps.`,
    remedy: REMEDY,
  };
}

/**
 * Mean ± SD over a side's steps, the 95% interval of the mean (docs/uncertainty.md) and the spread
 * rule. The systematic part: the tracking's (`tracking`) and the foot's event timing bias, which
 * moves every step with its sign, so its mean over the steps counts (as summary.ts does for the
 * landmark variables with `meanBias`: a side's values are all read at that foot's events).
 */
export function summarise(side: Side, all: MarkerStepValue[], tracking: number): MarkerSideSummary {
  const values = all.filter((v) => v.held !== false);
  const n = values.length;
  const off = offCheck(side, all.length, all.length - n);
  if (!n)
    return {
      values: all,
      mean: null,
      sd: null,
      n,
      interval: null,
      uncertainty: null,
      tracking,
      notMeasurable: off,
    };
  const mean = values.reduce((a, v) => a + v.value, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v.value - mean) ** 2, 0) / (n - 1)) : null;
  const timing = values.reduce((a, v) => a + (v.bias ?? 0), 0) / n;
  const u = meanUncertainty(mean, sd, n, Math.hypot(tracking, timing));
  return {
    values: all,
    mean,
    sd,
    n,
    interval: u ? u.interval : null,
    uncertainty: u,
    tracking,
    notMeasurable: off ?? spreadCheck(side, values, sd),
  };
}

/**
 * Steps whose markers were off are left out; more than a quarter of them and the tracking of this
 * side is not to be trusted for the rest either.
 */
function offCheck(side: Side, total: number, off: number): MarkerNotMeasurable | null {
  if (total === 0 || off <= total / 4) return null;
  return {
    reason: `Not measurable from this view: on ${off} of the ${total} ${side} steps the markers were not where the body puts them (lost, or two of them nearer or further apart than on the rest of the clip): the tracker lost them or took something else for them.`,
    remedy: REMEDY,
  };
}

/** Two markers of one segment, and their usual distance (px) over the clip. */
export interface Segment {
  readonly a: MarkerTrack;
  readonly b: MarkerTrack;
  readonly lengthPx: number;
}

/**
 * A segment and its length: the median over `frames` where given (the frames a variable is read at:
 * one posture, so one projection), else over the clip. A rear-view shank swinging towards the camera
 * is foreshortened by a quarter; once the tracker reported its swing frames, the clip's median fell
 * below 85% of the stance length and every contact of a side failed the check below.
 */
export const segment = (a: MarkerTrack, b: MarkerTrack, frames?: readonly number[]): Segment => ({
  a,
  b,
  lengthPx: medianLength(a, b, frames),
});

/**
 * Whether the markers of a step are where the body puts them on `frame`: none lost, and each
 * segment (two markers on one rigid part: the pelvis, the thigh, the shank, the shoe) within 15% +
 * 2 px of its median length over the clip. A marker taken for another marker or a patch of clothing
 * stretches or shrinks its segments far beyond that; a segment turning out of the camera's plane by
 * 30° shortens it by 13%.
 */
export function segmentsHold(segments: readonly Segment[], frame: number): boolean {
  return segments.every(({ a, b, lengthPx }) => {
    const p = a.points[frame];
    const q = b.points[frame];
    if (!p || !q || p.state === 'lost' || q.state === 'lost') return false;
    return Math.abs(Math.hypot(p.x - q.x, p.y - q.y) - lengthPx) <= 0.15 * lengthPx + 2;
  });
}

export const trackOf = (tracks: readonly MarkerTrack[], name: MarkerName): MarkerTrack | undefined =>
  tracks.find((t) => t.name === name);

/**
 * Median length (px) between two tracks over the frames both are usable: of `frames` where at least
 * three of them are, else of the clip.
 */
export function medianLength(a: MarkerTrack, b: MarkerTrack, frames?: readonly number[]): number {
  if (frames) {
    const some = medianOver(a, b, frames);
    if (some.n >= 3) return some.median;
  }
  const n = Math.min(a.points.length, b.points.length);
  return medianOver(
    a,
    b,
    Array.from({ length: n }, (_, i) => i),
  ).median;
}

function medianOver(
  a: MarkerTrack,
  b: MarkerTrack,
  frames: readonly number[],
): { median: number; n: number } {
  const d: number[] = [];
  for (const i of frames) {
    const p = a.points[i];
    const q = b.points[i];
    if (p && q && p.state !== 'lost' && q.state !== 'lost') d.push(Math.hypot(p.x - q.x, p.y - q.y));
  }
  d.sort((x, y) => x - y);
  return { median: d[Math.floor(d.length / 2)] ?? 0, n: d.length };
}
