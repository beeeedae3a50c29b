/**
 * Splitting a merged blob into its markers (docs/markers.md, "Rear legs", "Merged blobs"). Where two
 * markers touch in the image their thresholded pixels form one component and its centroid is the
 * pair's, not either marker's: on the synthetic rear view the heel counter passes over the lower-shank
 * markers in swing and the heel-counter pair itself touches at the top of the swing. Here the pixels
 * around the blob are fitted with K discs of one radius, each smeared along its own motion during the
 * exposure (a box shutter, as the renderer and a real global shutter draw it), whose union is bright:
 *
 *   model(p) = bg + A · max_k cover_k(p),   cover_k(p) = mean over the exposure of
 *              clamp(r + 1/2 − |p − c_k(t)|, 0, 1)   (the area of pixel p inside the disc, to first order)
 *
 * The union (max), not the sum, because the nearer marker covers the farther one where they overlap;
 * its uncovered rim still places the farther one. Least squares over the centres and the shared radius
 * by a compass (pattern) search [Hooke & Jeeves 1961, J ACM 8:212] from the members' predictions, with
 * A fitted in closed form at every trial (the model is linear in it) and bg the median of the window's
 * rim. Sub-pixel: the anti-aliased rim carries the centre, as in an intensity-weighted centroid.
 */
import { levels } from './detect';
import type { DetectionOptions, MarkerImage } from './types';

export interface DiscGuess {
  readonly x: number;
  readonly y: number;
  /** The marker's travel during the exposure (its speed × its blur), px; 0 for a still marker. */
  readonly dx: number;
  readonly dy: number;
}

export interface DiscFit {
  readonly centres: { x: number; y: number }[];
  readonly radius: number;
  /** Disc level above the background (A). */
  readonly amplitude: number;
  /** Root mean square residual over the fitted pixels, grey levels. */
  readonly rms: number;
}

/** Instants over the exposure at which a smeared disc is sampled (the renderer uses ≤ 0.25 px steps). */
const SUBSTEPS = 5;

/**
 * Fits `guesses.length` discs of one radius (starting at `radius`) to the image around the guesses.
 * Returns null where the window holds no pixels or no bright disc (A ≤ 0).
 */
export function fitDiscs(
  image: MarkerImage,
  options: DetectionOptions,
  guesses: readonly DiscGuess[],
  radius: number,
): DiscFit | null {
  const k = guesses.length;
  if (k === 0) return null;
  const reach = (g: DiscGuess): number => radius + 0.5 * Math.hypot(g.dx, g.dy) + 4;
  const x0 = Math.max(0, Math.floor(Math.min(...guesses.map((g) => g.x - reach(g)))));
  const y0 = Math.max(0, Math.floor(Math.min(...guesses.map((g) => g.y - reach(g)))));
  const x1 = Math.min(image.width, Math.ceil(Math.max(...guesses.map((g) => g.x + reach(g)))));
  const y1 = Math.min(image.height, Math.ceil(Math.max(...guesses.map((g) => g.y + reach(g)))));
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 2 || h <= 2) return null;
  const level = levels(image, { x: x0, y: y0, w, h }, options);
  const rim: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) rim.push(level[y * w + x]!);
  rim.sort((a, b) => a - b);
  const bg = rim[rim.length >> 1]!;
  // The pixels fitted: those within reach of a guess (a neighbour's disc further off stays out).
  const px: number[] = [];
  const py: number[] = [];
  const val: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const cx = x0 + x + 0.5;
      const cy = y0 + y + 0.5;
      if (!guesses.some((g) => Math.hypot(cx - g.x, cy - g.y) <= reach(g))) continue;
      px.push(cx);
      py.push(cy);
      val.push(level[y * w + x]! - bg);
    }
  const n = px.length;
  if (n === 0) return null;
  const cover = new Float64Array(n);
  const own = new Float64Array(n);
  // Parameters: x_k, y_k for each disc, then the radius.
  const p = [...guesses.flatMap((g) => [g.x, g.y]), radius];
  const sse = (q: readonly number[]): { e: number; a: number } => {
    const r = q[2 * k]!;
    cover.fill(0);
    for (let d = 0; d < k; d++) {
      const g = guesses[d]!;
      own.fill(0);
      // A still disc is one sample (the same five times over cost the fold search most of its time).
      const steps = g.dx === 0 && g.dy === 0 ? 1 : SUBSTEPS;
      for (let j = 0; j < steps; j++) {
        const t = steps === 1 ? 0 : j / (steps - 1) - 0.5;
        const cx = q[2 * d]! + t * g.dx;
        const cy = q[2 * d + 1]! + t * g.dy;
        for (let i = 0; i < n; i++) {
          // The square root, not Math.hypot: this loop is most of the fit's time.
          const dx = px[i]! - cx;
          const dy = py[i]! - cy;
          own[i] = own[i]! + Math.max(0, Math.min(1, r + 0.5 - Math.sqrt(dx * dx + dy * dy)));
        }
      }
      // Union over the discs: the nearer one covers the farther where they overlap.
      for (let i = 0; i < n; i++) cover[i] = Math.max(cover[i]!, own[i]! / steps);
    }
    let cc = 0;
    let cv = 0;
    for (let i = 0; i < n; i++) {
      cc += cover[i]! * cover[i]!;
      cv += cover[i]! * val[i]!;
    }
    const a = cc > 0 ? cv / cc : 0;
    let e = 0;
    for (let i = 0; i < n; i++) e += (val[i]! - a * cover[i]!) ** 2;
    return { e, a };
  };
  let best = sse(p);
  // Compass search: try ± step on each parameter, keep any improvement, halve the step when none.
  for (let step = 1; step >= 0.01;) {
    let improved = false;
    for (let m = 0; m < p.length; m++)
      for (const sgn of [1, -1]) {
        const q = [...p];
        q[m] = q[m]! + sgn * step;
        if (m === 2 * k && (q[m]! < 0.6 * radius || q[m]! > 1.6 * radius)) continue;
        const t = sse(q);
        if (t.e < best.e) {
          best = t;
          p[m] = q[m]!;
          improved = true;
        }
      }
    if (!improved) step /= 2;
  }
  if (best.a <= 0) return null;
  return {
    centres: guesses.map((_, d) => ({ x: p[2 * d]!, y: p[2 * d + 1]! })),
    radius: p[2 * k]!,
    amplitude: best.a,
    rms: Math.sqrt(best.e / n),
  };
}
