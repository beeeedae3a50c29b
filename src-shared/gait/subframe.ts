/**
 * Numerical helpers of the gait-event stage (events.ts): the sub-frame
 * refinement of contact times and peaks. Pure functions on plain arrays, split out so each file
 * keeps one job.
 */
import { median } from '../stats';

/**
 * Sub-frame contact from the unfiltered heights, by a two-segment least-squares fit around the
 * coarse contact frame: a flat stance plateau joined at the contact time to a straight descent
 * (IC) or lift (TO), h(i) = g + s·max(0, ±(i − tc)), with tc searched on a 0.05-frame grid and g, s
 * solved linearly for each tc. Using unfiltered data avoids the low-pass filter rounding the
 * contact "kink" (which delays IC and advances TO by tens of ms); fitting both segments over many
 * frames averages the landmark noise out. Only heights up to 10% of a leg length above the plateau
 * enter the fit, where the foot's path is close to straight.
 */
export function kinkFit(
  raw: Float64Array,
  k: number,
  j: number,
  dir: -1 | 1,
  legPx: number,
  fps: number,
): number | null {
  const n = raw.length;
  const near = dir < 0 ? k : j;
  const span = Math.max(6, Math.round(0.15 * fps));
  const plateau: number[] = [];
  for (let i = k; i <= j; i++) if (Number.isFinite(raw[i] as number)) plateau.push(raw[i] as number);
  if (plateau.length < 2) return null;
  const g0 = median(plateau);
  const top = g0 + 0.05 * legPx;
  // Clearly off the plateau: the points that define the descent (lift) line.
  const off = g0 + Math.max(3 * 1.4826 * median(plateau.map((v) => Math.abs(v - g0))), 0.01 * legPx);
  const idx: number[] = [];
  // Inside the stance (up to the other end of the plateau), then outward until the foot is high.
  const inner = dir < 0 ? Math.min(j, near + span) : Math.max(k, near - span);
  for (let i = Math.min(inner, near); i <= Math.max(inner, near); i++) {
    if (Number.isFinite(raw[i] as number)) idx.push(i);
  }
  let outward = 0;
  for (let i = near + dir; Math.abs(i - near) <= span && i >= 0 && i < n; i += dir) {
    const v = raw[i] as number;
    if (!Number.isFinite(v)) continue;
    // At low frame rates the foot crosses the band in a frame or two: a line needs two points.
    if (v > top && outward >= 2) break;
    idx.push(i);
    if (v > off) outward++;
    if (v > top && outward >= 2) break;
  }
  if (idx.length < 4) return null;
  let best: number | null = null;
  let bestSse = Infinity;
  const lo = near - span;
  const hi = near + span;
  for (let tc = lo; tc <= hi; tc += 0.05) {
    let m = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (const i of idx) {
      const x = Math.max(0, dir * (i - tc));
      const y = raw[i] as number;
      m++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      syy += y * y;
    }
    const den = m * sxx - sx * sx;
    if (!(den > 1e-12)) continue;
    const slope = (m * sxy - sx * sy) / den;
    if (!(slope > 0)) continue;
    const g = (sy - slope * sx) / m;
    const sse = syy - g * sy - slope * sxy;
    if (sse < bestSse) {
      bestSse = sse;
      best = tc;
    }
  }
  return best;
}

/**
 * Sub-frame position of the maximum of a[lo..hi]: the frame of the largest value, refined by the
 * cubic through it and its three nearest neighbours (a parabola through three points is biased
 * toward the flatter side of a skewed peak).
 */
export function peak(a: Float64Array, lo: number, hi: number): number | null {
  let best = -1;
  let bv = -Infinity;
  for (let i = Math.max(0, lo); i <= Math.min(a.length - 1, hi); i++) {
    const v = a[i] as number;
    if (Number.isFinite(v) && v > bv) {
      bv = v;
      best = i;
    }
  }
  if (best < 0 || best <= lo || best >= hi) return best < 0 ? null : best;
  const l = a[best - 1] as number;
  const r = a[best + 1] as number;
  const s = r > l ? best - 1 : best - 2;
  const y = [a[s], a[s + 1], a[s + 2], a[s + 3]] as number[];
  if (s < lo || s + 3 > hi || !y.every(Number.isFinite)) {
    const den = l - 2 * bv + r;
    return Number.isFinite(den) && den < 0
      ? best + Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / den))
      : best;
  }
  // Cubic through (0..3, y) in Newton form; its derivative's root nearest the best frame.
  const [y0, y1, y2, y3] = y as [number, number, number, number];
  const c3 = (y3 - 3 * y2 + 3 * y1 - y0) / 6;
  const c2 = (y2 - 2 * y1 + y0) / 2 - 3 * c3;
  const c1 = y1 - y0 - c2 - c3;
  // p(x) = y0 + c1 x + c2 x² + c3 x³  →  p'(x) = c1 + 2 c2 x + 3 c3 x²
  const x0 = best - s;
  const roots: number[] = [];
  if (Math.abs(c3) < 1e-12) {
    if (c2 !== 0) roots.push(-c1 / (2 * c2));
  } else {
    const disc = 4 * c2 * c2 - 12 * c3 * c1;
    if (disc >= 0) {
      const q = Math.sqrt(disc);
      roots.push((-2 * c2 + q) / (6 * c3), (-2 * c2 - q) / (6 * c3));
    }
  }
  const ok = roots.filter((x) => Math.abs(x - x0) <= 1 && 2 * c2 + 6 * c3 * x < 0);
  return ok.length ? s + (ok[0] as number) : best;
}
