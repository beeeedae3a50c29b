/**
 * Which way was the camera pointing? A guard against a rear clip passed as the side view (or the
 * reverse), read from the landmark geometry alone:
 *  - side view: the hips overlap in the picture (hip-to-hip width small against the leg length)
 *    and the ankles swing far forward and back relative to the pelvis;
 *  - rear view: the hips are a pelvis-width apart and the ankles stay under the hips sideways
 *    (their fore-aft swing is along the camera axis, invisible in 2D).
 * Both ratios are scale-free (divided by the leg length in pixels), medians/percentiles over the
 * posed frames, so a few bad frames do not decide. Thresholds from the synthetic runner and the
 * real clips in test/fixtures/landmarks (docs/report.md lists the measured ratios).
 */
import { Landmark, type LandmarkSeries } from '../pose/landmarks';

export interface ViewEvidence {
  readonly view: 'side' | 'rear' | 'unknown';
  /** Median hip-to-hip horizontal distance / leg length. */
  readonly hipWidth: number;
  /** 5th–95th percentile range of the ankle's horizontal offset from the pelvis / leg length. */
  readonly ankleSwing: number;
  readonly frames: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

export function detectView(series: LandmarkSeries): ViewEvidence {
  const widths: number[] = [];
  const swings: number[] = [];
  const legs: number[] = [];
  for (const f of series.frames) {
    if (f.status !== 'pose' || !f.image) continue;
    const p = (i: number) => f.image![i]!;
    const lh = p(Landmark.leftHip);
    const rh = p(Landmark.rightHip);
    const la = p(Landmark.leftAnkle);
    const ra = p(Landmark.rightAnkle);
    if (Math.min(lh[3], rh[3], la[3], ra[3]) < 0.3) continue;
    const cx = (lh[0] + rh[0]) / 2;
    const cy = (lh[1] + rh[1]) / 2;
    legs.push(Math.abs((la[1] + ra[1]) / 2 - cy));
    widths.push(Math.abs(lh[0] - rh[0]));
    swings.push(la[0] - cx, ra[0] - cx);
  }
  const frames = widths.length;
  if (frames < 10) return { view: 'unknown', hipWidth: NaN, ankleSwing: NaN, frames };
  const leg = quantile(
    [...legs].sort((a, b) => a - b),
    0.5,
  );
  const hipWidth =
    quantile(
      [...widths].sort((a, b) => a - b),
      0.5,
    ) / leg;
  const s = [...swings].sort((a, b) => a - b);
  const ankleSwing = (quantile(s, 0.95) - quantile(s, 0.05)) / leg;
  // Side: swing dominates; rear: hip width dominates. In between (an oblique camera): unknown.
  const view =
    ankleSwing > 4 * hipWidth && ankleSwing > 0.5
      ? 'side'
      : hipWidth > 0.12 && ankleSwing < 2.5 * hipWidth
        ? 'rear'
        : 'unknown';
  return { view, hipWidth, ankleSwing, frames };
}
