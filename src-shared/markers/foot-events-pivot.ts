/**
 * The forefoot point of a foot from its heel and fifth-metatarsal markers (side view; docs/markers.md
 * "Marker events"). Toe-off is the moment the last part of the shoe leaves the belt; no marker sits
 * there. The markers fix the foot's position and rotation in the image (two points of one rigid
 * body: the heel counter and the 5th MT head, the foot triangle of track-segments.ts), so any point
 * fixed in the foot can be followed from them: P(t) = H(t) + a·e(t) + b·n(t), e the unit vector heel
 * → 5th MT, n perpendicular to it toward the sole.
 *
 * Which point? In stance the foot rolls over its heel, lies flat, then rolls over its forefoot
 * (the rockers of the stance phase, Perry 1992): the point it rolls over at push-off keeps its
 * image height from foot flat until toe-off, longer than any other point of the sole (the heel keeps
 * it from contact to heel-off; a point ahead of it or under it would sink into the belt as the heel
 * rises and so leaves its own level). So the forefoot point is the one, of a grid ahead of the foot's
 * middle and around the marker line, that stays on its stance level on the most frames, read over
 * all the clip's stances of that foot. Points straight above or under the pivot move almost only
 * horizontally while the foot rolls (their height changes with 1 − cos of the roll), so the choice
 * along that vertical is loose, and matters as little to the lift's timing.
 */
import { seenState, stanceLevelOf, usablePoint as usable, type PointSeries } from './foot-events-ground';
import type { MarkerTrack } from './types';

/** The forefoot point in the foot's frame: pixels along heel → 5th MT, and toward the sole. */
export interface Pivot {
  readonly alongPx: number;
  readonly belowPx: number;
  /** Heel to 5th MT marker, pixels (median): the scale of the grid. */
  readonly footPx: number;
  /** Frames (of those where both markers were usable) on which it kept its stance level. */
  readonly groundedFrames: number;
}

/** Grid of the search, in foot lengths (heel → 5th MT): ahead of the foot's middle, around the marker line. */
const ALONG = { from: 0.6, to: 2.0 } as const;
const BELOW = { from: -0.3, to: 1.0 } as const;

export function forefootPivot(
  heel: MarkerTrack,
  fifth: MarkerTrack,
  band: number,
): { pivot: Pivot; series: PointSeries } | null {
  const n = Math.min(heel.points.length, fifth.points.length);
  // The foot's frame per frame, where both markers give a position.
  const hx = new Float64Array(n).fill(NaN);
  const hy = new Float64Array(n).fill(NaN);
  const ex = new Float64Array(n).fill(NaN);
  const ey = new Float64Array(n).fill(NaN);
  const len: number[] = [];
  let facing = 0;
  for (let i = 0; i < n; i++) {
    const h = heel.points[i];
    const m = fifth.points[i];
    if (!usable(h) || !usable(m)) continue;
    const dx = m.x - h.x;
    const dy = m.y - h.y;
    const l = Math.hypot(dx, dy);
    if (!(l > 0)) continue;
    hx[i] = h.x;
    hy[i] = h.y;
    ex[i] = dx / l;
    ey[i] = dy / l;
    len.push(l);
    facing += dx;
  }
  if (len.length < 10) return null;
  len.sort((a, b) => a - b);
  const footPx = len[len.length >> 1]!;
  // n toward the sole: (−e_y, e_x) points down (image +y) for a foot facing image-right.
  const s = facing >= 0 ? 1 : -1;
  const yAt = (i: number, a: number, b: number): number => hy[i]! + a * ey[i]! + b * s * ex[i]!;
  // Frames where both markers were seen: the search reads measured feet only.
  const frames: number[] = [];
  for (let i = 0; i < n; i++)
    if (Number.isFinite(hx[i]!) && seenState(heel.points[i]) && seenState(fifth.points[i])) frames.push(i);
  if (frames.length < 10) return null;
  const step = Math.max(0.5, 0.025 * footPx);
  let best: Pivot | null = null;
  const ys = new Float64Array(frames.length);
  for (let b = BELOW.from * footPx; b <= BELOW.to * footPx + 1e-9; b += step) {
    for (let a = ALONG.from * footPx; a <= ALONG.to * footPx + 1e-9; a += step) {
      frames.forEach((i, k) => (ys[k] = yAt(i, a, b)));
      const lv = stanceLevelOf(ys);
      if (!lv) continue;
      let grounded = 0;
      for (const v of ys) if (Math.abs(v - lv.level) <= band) grounded++;
      // Ties (the loose vertical through the pivot) go to the point nearest the marker line.
      if (
        !best ||
        grounded > best.groundedFrames ||
        (grounded === best.groundedFrames && Math.abs(b) < Math.abs(best.belowPx))
      )
        best = { alongPx: a, belowPx: b, footPx, groundedFrames: grounded };
    }
  }
  if (!best) return null;
  // The point's height on every frame with both markers (seen only where both were seen).
  const y = new Float64Array(n).fill(NaN);
  const seen = new Uint8Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(hx[i]!)) continue;
    y[i] = yAt(i, best.alongPx, best.belowPx);
    seen[i] = seenState(heel.points[i]) && seenState(fifth.points[i]) ? 1 : 0;
    confidence[i] = Math.min(heel.points[i]!.confidence, fifth.points[i]!.confidence);
  }
  return { pivot: best, series: { y, seen, confidence } };
}
