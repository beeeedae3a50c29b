/**
 * Vertical oscillation of one stride: how far the body rises and falls, peak to peak, over the
 * stride that starts at this foot's initial contact, with the runner's drift on the belt over that
 * stride removed, read from a least-squares fit of the stride (periodic-fit.ts, harmonics chosen by
 * AICc) rather than from the two most extreme samples.
 *
 * Which point (docs/gait-methods.md, "Vertical oscillation"): in a side view, the head (centre of
 * the face points). The trunk carries the head and the pelvis up and down together, but a pose
 * model places the hip points least precisely of all its points (COCO keypoint σ 0.107 against
 * 0.025–0.035 for the face [Lin 2014]), and on the sample clip its hip points moved with the legs:
 * the hip-centre-to-shoulder-centre distance changed by 4.6 cm within every stride (a trunk does not
 * change length), the two hip points' ranges differed by 3 cm, and the hip centre gave 13.0 cm
 * against 8.5 cm for the nose, eyes and ears alike. In a rear view, or without the face, the pelvis
 * centre (its hip points are seen square from behind).
 */
import { periodicRangeAuto, type PeriodicFit } from './periodic-fit';
import type { Body, GaitView } from './types';
import type { UpperBody } from './upper-body';

export interface OscillationReading {
  /** Pixels, peak to peak. */
  readonly rangePx: number;
  /** Standard uncertainty of the range, pixels. */
  readonly uPx: number;
  readonly source: 'head' | 'pelvis';
  readonly visibility: number;
  readonly fit: PeriodicFit;
}

/** Share of the stride's frames that must have the face for the head to be used. */
const HEAD_COVERAGE = 0.8;

function covered(y: Float64Array, t: Float64Array, t0: number, t1: number): number {
  let all = 0;
  let ok = 0;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i] as number;
    if (ti < t0 - 1e-9 || ti > t1 + 1e-9) continue;
    all++;
    if (Number.isFinite(y[i] as number)) ok++;
  }
  return all ? ok / all : 0;
}

function meanVisibility(v: Float64Array, t: Float64Array, t0: number, t1: number): number {
  let s = 0;
  let k = 0;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i] as number;
    if (ti < t0 - 1e-9 || ti > t1 + 1e-9) continue;
    s += v[i] as number;
    k++;
  }
  return k ? s / k : 0;
}

export function oscillation(
  view: GaitView,
  body: Body,
  t: Float64Array,
  upper: UpperBody | undefined,
  t0: number,
  t1: number,
): OscillationReading | null {
  const period = t1 - t0;
  if (!(period > 0)) return null;
  const head = view === 'side' && upper && covered(upper.head.y, upper.t, t0, t1) >= HEAD_COVERAGE;
  if (head && upper) {
    const fit = periodicRangeAuto(upper.t, upper.head.y, t0, period);
    if (fit)
      return {
        rangePx: fit.range,
        uPx: fit.uRange,
        source: 'head',
        visibility: meanVisibility(upper.head.v, upper.t, t0, t1),
        fit,
      };
  }
  const n = body.left.hip.y.length;
  const y = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = ((body.left.hip.y[i] as number) + (body.right.hip.y[i] as number)) / 2;
    v[i] = Math.min(body.left.hip.v[i] as number, body.right.hip.v[i] as number);
  }
  const fit = periodicRangeAuto(t, y, t0, period);
  if (!fit) return null;
  return {
    rangePx: fit.range,
    uPx: fit.uRange,
    source: 'pelvis',
    visibility: meanVisibility(v, t, t0, t1),
    fit,
  };
}
