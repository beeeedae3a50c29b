/**
 * Piecewise cubic Hermite curves through knots with given values and slopes: how the synthetic
 * runner draws its swing-phase joint-angle curves. A knot with slope 0 is an extremum of the curve
 * as long as its neighbouring segments are monotone, which keeps peak values (peak knee flexion in
 * swing, late-swing hip flexion) where they were designed.
 */
export interface Knot {
  /** Time, seconds. */
  readonly t: number;
  readonly v: number;
  /** Slope, value units per second. */
  readonly d: number;
}

/** Value of the Hermite curve at t (clamped to the first/last knot outside their range). */
export function hermite(knots: readonly Knot[], t: number): number {
  const first = knots[0];
  const last = knots[knots.length - 1];
  if (first === undefined || last === undefined) throw new Error('hermite: no knots');
  if (t <= first.t) return first.v;
  if (t >= last.t) return last.v;
  for (let i = 0; i + 1 < knots.length; i++) {
    const a = knots[i] as Knot;
    const b = knots[i + 1] as Knot;
    if (t > b.t) continue;
    const h = b.t - a.t;
    const s = (t - a.t) / h;
    const s2 = s * s;
    const s3 = s2 * s;
    return (
      (2 * s3 - 3 * s2 + 1) * a.v +
      (s3 - 2 * s2 + s) * h * a.d +
      (-2 * s3 + 3 * s2) * b.v +
      (s3 - s2) * h * b.d
    );
  }
  return last.v;
}

/** C1 smooth step from 0 (s <= 0) to 1 (s >= 1). */
export function smoothstep(s: number): number {
  if (s <= 0) return 0;
  if (s >= 1) return 1;
  return s * s * (3 - 2 * s);
}
