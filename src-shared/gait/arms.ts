/**
 * Arm variables, one value per stride (the stride that starts at this side's initial contact: one
 * whole arm cycle), each read from a least-squares fit of the stride (periodic-fit.ts) so that the
 * pose model's jitter is averaged rather than picked at an extreme. Definitions, references and
 * why there is no SDD: docs/gait-methods.md ("Arms"); tables/arm-variables.ts.
 *
 *  - swing: peak-to-peak of the upper arm (shoulder → elbow) against the trunk line (shoulder
 *    centre → hip centre), side view: shoulder flexion–extension, so a forward trunk lean is not
 *    counted as arm swing. + = elbow ahead of the trunk.
 *  - elbow: 180° − the shoulder–elbow–wrist angle, mean over the stride, side view (the runner's
 *    carry angle; runners hold the forearm near perpendicular to the upper arm [Yegian 2019]).
 *  - crossover: the wrist's distance from the body's midline (the trunk line, hip centre → shoulder
 *    centre, at the wrist's height) at its most medial point of the stride, rear view; + = the
 *    wrist stays on its own side, < 0 = it crosses the midline (the sign of the base of support).
 */
import { periodicRange, type PeriodicFit } from './periodic-fit';
import type { Side } from './types';
import type { UpperBody } from './upper-body';

export type ArmMeasure = 'swing' | 'elbow' | 'crossover';

const DEG = 180 / Math.PI;

/** Harmonics of the stride frequency fitted: an arm swings once per stride, and its shape is
 *  smooth; three harmonics follow a swing that pauses at its ends. */
const ARM_HARMONICS = 3;

function at(tr: { x: Float64Array; y: Float64Array }, i: number): [number, number] {
  return [tr.x[i] as number, tr.y[i] as number];
}

/** The per-frame series of one arm measure: degrees (swing, elbow) or pixels (crossover). */
export function armSeries(upper: UpperBody, side: Side, what: ArmMeasure): Float64Array {
  const n = upper.t.length;
  const out = new Float64Array(n).fill(NaN);
  const arm = upper[side];
  for (let i = 0; i < n; i++) {
    const [sx, sy] = at(arm.shoulder, i);
    const [ex, ey] = at(arm.elbow, i);
    const [wx, wy] = at(arm.wrist, i);
    if (what === 'elbow') {
      const a = Math.atan2(sy - ey, sx - ex);
      const b = Math.atan2(wy - ey, wx - ex);
      let interior = Math.abs(a - b) * DEG;
      if (interior > 180) interior = 360 - interior;
      out[i] = 180 - interior;
      continue;
    }
    const [lx, ly] = at(upper.left.shoulder, i);
    const [rx, ry] = at(upper.right.shoulder, i);
    const [px, py] = at(upper.pelvis, i);
    const cx = (lx + rx) / 2;
    const cy = (ly + ry) / 2;
    if (what === 'swing') {
      // From "down the trunk" (shoulder centre → hip centre) to the upper arm, counter-clockwise in
      // the y-up frame: + = toward +x, which is forward in the oriented side view.
      const rX = px - cx;
      const rY = py - cy;
      const aX = ex - sx;
      const aY = ey - sy;
      out[i] = Math.atan2(rX * aY - rY * aX, rX * aX + rY * aY) * DEG;
    } else {
      // Midline x at the wrist's height, along the trunk line; x is toward the patient's right.
      const k = cy !== py ? (wy - py) / (cy - py) : 0;
      const mid = px + k * (cx - px);
      out[i] = side === 'left' ? mid - wx : wx - mid;
    }
  }
  return out;
}

export interface ArmReading {
  /** Degrees (swing, elbow) or pixels (crossover). */
  readonly value: number;
  /** Standard uncertainty of the value, same unit. */
  readonly u: number;
  /** Mean visibility of the arm's three points over the stride. */
  readonly visibility: number;
  readonly fit: PeriodicFit;
}

/** One stride's value of an arm measure, from t0 over `period` seconds; null without enough points. */
export function armReading(
  upper: UpperBody,
  side: Side,
  what: ArmMeasure,
  t0: number,
  period: number,
): ArmReading | null {
  const series = armSeries(upper, side, what);
  const fit = periodicRange(upper.t, series, t0, period, ARM_HARMONICS);
  if (!fit) return null;
  const arm = upper[side];
  let vs = 0;
  let k = 0;
  for (let i = 0; i < upper.t.length; i++) {
    const ti = upper.t[i] as number;
    if (ti < t0 - 1e-9 || ti > t0 + period + 1e-9) continue;
    vs += Math.min(arm.shoulder.v[i] as number, arm.elbow.v[i] as number, arm.wrist.v[i] as number);
    k++;
  }
  const p = 2 + 2 * fit.harmonics;
  const value = what === 'swing' ? fit.range : what === 'elbow' ? fit.mean : fit.min;
  // A mean of n samples; an extreme of a p-parameter fit (σ·√(p/n)); a range, two extremes.
  const u =
    what === 'elbow'
      ? fit.residualSd / Math.sqrt(fit.n)
      : what === 'crossover'
        ? fit.residualSd * Math.sqrt(p / fit.n)
        : fit.uRange;
  return { value, u, visibility: k ? vs / k : 0, fit };
}
