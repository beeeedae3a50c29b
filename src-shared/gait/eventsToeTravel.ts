/**
 * Toe-off from the toe's travel as well as its height (events.ts, noisy landmarks, a foot with too
 * few stances for the ensemble template of eventsTemplate.ts: short clips).
 *
 * At low resolution (a 27 px shoe on a 480x352 clip) the pose model's toe point sits on the middle
 * of the shoe and rises with the heel as the foot rolls onto its toe, while the toe itself is still
 * on the ground: the height threshold then fires 2–4 frames early (measured on the labelled
 * overground clip, docs/gait-methods.md "Accuracy on labelled clips"). The toe's horizontal
 * position does not have that bias: a toe on the ground keeps to the stance's path (still
 * overground, the belt's speed on a treadmill) until it leaves, then moves forward at swing speed
 * (a foot's travel as a contact cue: Leitch et al. 2011 use the foot's velocity as well as its
 * height; Zeni et al. 2008 its horizontal position). So the toe-off is moved later, never earlier,
 * to the last frame before the toe leaves the stance path for good (ahead of it by more than
 * the path's noise there and in two of the next three frames), within 0.2 s of the height's toe-off.
 */
import { median } from '../stats';

/** Frames of a stance certainly on the ground: from its contact frame to its height toe-off. */
function stanceFrames(toeX: Float64Array, icF: number, toF: number): number[] {
  const idx: number[] = [];
  for (let i = Math.ceil(icF); i <= Math.floor(toF); i++) if (Number.isFinite(toeX[i] as number)) idx.push(i);
  return idx;
}

/** The same, less the contact frame (the landing toe may still be sliding into place). */
function settledFrames(toeX: Float64Array, icF: number, toF: number): number[] {
  return stanceFrames(toeX, icF, toF).filter((i) => i > Math.ceil(icF));
}

/**
 * The toe's speed along the ground in stance (px a frame; 0 overground, the belt's speed on a
 * treadmill): the median of the pairwise slopes within each stance, pooled over the foot's stances
 * (Theil–Sen: a mislabelled frame cannot tilt it; pooled: a short stance has too few frames).
 */
export function stanceSlope(
  toeX: Float64Array,
  stances: readonly { readonly icF: number; readonly toF: number }[],
): number {
  const slopes: number[] = [];
  for (const st of stances) {
    const idx = settledFrames(toeX, st.icF, st.toF);
    for (let p = 0; p < idx.length; p++)
      for (let q = p + 1; q < idx.length; q++) {
        const i = idx[p] as number;
        const j = idx[q] as number;
        slopes.push(((toeX[j] as number) - (toeX[i] as number)) / (j - i));
      }
  }
  return slopes.length ? median(slopes) : NaN;
}

/**
 * `toeX`: the toe's unfiltered forward position (oriented frame, +x forward); `icF`/`toF`: the
 * stance's contact and height-based toe-off (fractional frames); `slope`: stanceSlope of the foot.
 * Returns the toe-off to use.
 */
export function toeOffByTravel(
  toeX: Float64Array,
  icF: number,
  toF: number,
  slope: number,
  legPx: number,
  fps: number,
): number {
  const n = toeX.length;
  const idx = stanceFrames(toeX, icF, toF);
  if (idx.length < 2 || !Number.isFinite(slope)) return toF;
  const c = median(idx.map((i) => (toeX[i] as number) - slope * i));
  const ahead = (i: number): number => (toeX[i] as number) - (c + slope * i);
  const spread = idx.length >= 3 ? 1.4826 * median(idx.map((i) => Math.abs(ahead(i)))) : 0;
  // Ahead of the path by more than its noise, and by more than 4% of a leg (~4 cm): a toe that
  // slides or a model that shifts its point by a few pixels is not a foot in swing.
  const tol = Math.max(3 * spread, 0.04 * legPx);
  const off = (i: number): boolean => i < n && Number.isFinite(toeX[i] as number) && ahead(i) > tol;
  // Searched up to 0.2 s past the height's toe-off (it fired up to 4 frames early at 30 fps).
  const b = Math.floor(toF);
  const last = Math.min(n - 3, b + Math.max(2, Math.round(0.2 * fps)));
  for (let i = b + 1; i <= last; i++) {
    if (!Number.isFinite(toeX[i] as number)) return toF;
    // The toe left the path at frame i (ahead there and in two of the next three frames: one
    // frame's point put back on the shoe's middle is not a foot back on the ground): the last
    // frame on it is i − 1, the lift-off within the interval after it (half way).
    const later = [i + 1, i + 2, i + 3].filter(off).length;
    if (off(i) && later >= 2) return Math.max(toF, i - 0.5);
  }
  return toF;
}
