/**
 * The body's rigid segments in marker tracking (track.ts; docs/markers.md, "Segments"). Markers
 * named on one segment (protocol.ts SEGMENTS) keep their distances: fixed in the side view, at most
 * the longest seen in the rear view. Three uses:
 * - **assignment**: blobs are handed to a leg's markers together, at the least total cost of their
 *   distance from the predictions plus how far each pair is from its segment's length
 *   (`assignWithSegments`), so a foot marker cannot take its neighbour's blob when the foot stops at
 *   contact, nor a knee the other knee's blob;
 * - **coasting**: a marker without a blob is placed where its segment puts it, from the partners seen
 *   on the frame (`constrainedPoint`), rather than carried on its last velocity: a hidden knee between
 *   a seen trochanter and malleolus lies where the thigh and shank lengths meet;
 * - **re-acquisition**: a marker is looked for again at that place.
 * Lengths start at the seed frame (the PT names the markers on a clear frame) and follow the frames
 * where both markers are detected and fit (a slow running mean: skin moves over bone).
 */
import { SEGMENTS } from './protocol';
import { inOrder } from './track-legs';
import type { Blob, MarkerName } from './types';

export interface SegmentPair {
  readonly a: number;
  readonly b: number;
  readonly kind: 'fixed' | 'atMost';
  /** A limb's segment (thigh, shank, foot), which swings; not the pelvis. */
  readonly limb: boolean;
  /** Image distance, px: the segment's (fixed) or the longest seen (atMost). */
  length: number;
}

/** Three markers of one rigid segment and the turn of their triangle on the seed frame (no mirror in 2D). */
export interface SegmentTriangle {
  readonly i: number;
  readonly a: number;
  readonly b: number;
  readonly sign: number;
}

export interface Segments {
  readonly pairs: readonly SegmentPair[];
  readonly triangles: readonly SegmentTriangle[];
}

interface XY {
  readonly x: number;
  readonly y: number;
}

/** A place from the segments; `determined` when two fixed lengths fix it (not a guess along a circle). */
export interface Placed extends XY {
  readonly determined: boolean;
}

const cross = (o: XY, a: XY, b: XY): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** The segment pairs and triangles among the named markers, with lengths from the seed positions. */
export function segmentsOf(names: readonly MarkerName[], at: readonly XY[]): Segments {
  const pairs: SegmentPair[] = [];
  const triangles: SegmentTriangle[] = [];
  for (const seg of SEGMENTS)
    for (const side of ['left', 'right'] as const) {
      const idx = seg.sites.map((s) => names.indexOf(`${side}${s}`)).filter((i) => i >= 0);
      for (let u = 0; u < idx.length; u++)
        for (let v = u + 1; v < idx.length; v++) {
          const a = idx[u]!;
          const b = idx[v]!;
          const length = Math.hypot(at[a]!.x - at[b]!.x, at[a]!.y - at[b]!.y);
          if (length > 0) pairs.push({ a, b, kind: seg.kind, limb: !seg.sites.includes('Asis'), length });
        }
      if (seg.kind === 'fixed' && idx.length === 3)
        for (const [i, a, b] of [
          [idx[0]!, idx[1]!, idx[2]!],
          [idx[1]!, idx[2]!, idx[0]!],
          [idx[2]!, idx[0]!, idx[1]!],
        ] as const)
          triangles.push({ i, a, b, sign: Math.sign(cross(at[i]!, at[a]!, at[b]!)) });
    }
  return { pairs, triangles };
}

/**
 * How far a pair may stray from its length before it costs as much as half a miss: 6% + 1.5 px for a
 * fixed length (skin over bone, sub-pixel centroids), 10% + 2 px over the longest seen.
 */
export function tolerance(p: SegmentPair): number {
  return p.kind === 'fixed' ? 0.06 * p.length + 1.5 : 0.1 * p.length + 2;
}

/** Cost of a pair at distance d: 0.5 (excess / tolerance)², not allowed beyond 3 tolerances. */
export function pairCost(p: SegmentPair, d: number): number {
  const excess = p.kind === 'fixed' ? Math.abs(d - p.length) : Math.max(0, d - p.length);
  const e = excess / tolerance(p);
  return e > 3 ? Infinity : 0.5 * e * e;
}

/** Candidate blobs kept per marker, and the best hypotheses kept per group of connected markers. */
const PER_MARKER = 6;
const PER_GROUP = 24;
const MAX_NODES = 20_000;

interface Hypothesis {
  readonly choice: readonly number[];
  readonly cost: number;
}

/**
 * One blob per marker at the least total cost: each marker's own cost (`cost[i][j]`, Infinity where
 * not allowed; `missCost` for none) plus the pair costs of its segments. Markers joined by segments
 * (a leg) are searched together, best first with a bound (the few best hypotheses of each group
 * kept); the groups are then combined so that no blob serves two markers. Without segments this is
 * the one-to-one assignment of assign.ts.
 */
export function assignWithSegments(
  cost: readonly (readonly number[])[],
  blobs: readonly Blob[],
  segments: Segments,
  missCost: number,
  chains: readonly (readonly number[])[] = [],
): number[] {
  const n = cost.length;
  const partners: { k: number; p: SegmentPair }[][] = cost.map(() => []);
  // Only fixed lengths judge blobs: a length bounded from above (rear view) lets through the folded
  // leg's markers that are the confusion there, and only narrows where the chain's order decides.
  for (const p of segments.pairs) {
    if (p.kind !== 'fixed') continue;
    partners[p.a]!.push({ k: p.b, p });
    partners[p.b]!.push({ k: p.a, p });
  }
  const cand = cost.map((row) =>
    row
      .map((c, j) => ({ c, j }))
      .filter(({ c }) => Number.isFinite(c))
      .sort((u, v) => u.c - v.c)
      .slice(0, PER_MARKER),
  );
  // Groups: a rear-view leg's chain as one group in its order along the leg (track-legs.ts: the
  // order of its blobs in the image height is a constraint of the hypotheses); the others connected
  // by segments, each in breadth-first order so a marker's partners come first.
  const group = new Array<number>(n).fill(-1);
  const groups: number[][] = [];
  const ordered: boolean[] = [];
  for (const chain of chains) {
    if (chain.some((i) => group[i]! >= 0 || partners[i]!.length > 0)) continue;
    for (const i of chain) group[i] = groups.length;
    groups.push([...chain]);
    ordered.push(true);
  }
  for (let s = 0; s < n; s++) {
    if (group[s]! >= 0) continue;
    const g: number[] = [s];
    group[s] = groups.length;
    for (let q = 0; q < g.length; q++)
      for (const { k } of partners[g[q]!]!)
        if (group[k]! < 0) {
          group[k] = groups.length;
          g.push(k);
        }
    groups.push(g);
    ordered.push(false);
  }
  const floor = cost.map((_, i) => Math.min(missCost, cand[i]![0]?.c ?? missCost));
  const hyps = groups.map((g, gk) =>
    groupHypotheses(g, cand, cost, blobs, partners, missCost, floor, ordered[gk]!),
  );
  // Combine the groups: depth first over their hypotheses (best first), bounded.
  const order = groups.map((_, k) => k);
  const rest = order.map((_, k) => order.slice(k).reduce((a, gk) => a + hyps[gk]![0]!.cost, 0));
  const used = new Set<number>();
  const pick = new Array<number>(groups.length).fill(0);
  let best: number[] | null = null;
  let bestCost = Infinity;
  let nodes = 0;
  const walk = (k: number, acc: number): void => {
    if (nodes++ > MAX_NODES || acc + (rest[k] ?? 0) >= bestCost) return;
    if (k === groups.length) {
      bestCost = acc;
      best = [...pick];
      return;
    }
    const gk = order[k]!;
    hyps[gk]!.forEach((h, hi) => {
      if (h.choice.some((j) => j >= 0 && used.has(j))) return;
      for (const j of h.choice) if (j >= 0) used.add(j);
      pick[gk] = hi;
      walk(k + 1, acc + h.cost);
      for (const j of h.choice) if (j >= 0) used.delete(j);
    });
  };
  walk(0, 0);
  const out = new Array<number>(n).fill(-1);
  const chosen: number[] = best ?? groups.map((_, gk) => hyps[gk]!.length - 1);
  groups.forEach((g, gk) => {
    const h = hyps[gk]![chosen[gk]!]!;
    g.forEach((i, m) => {
      out[i] = h.choice[m]!;
    });
  });
  return out;
}

function groupHypotheses(
  g: readonly number[],
  cand: readonly { c: number; j: number }[][],
  cost: readonly (readonly number[])[],
  blobs: readonly Blob[],
  partners: readonly { k: number; p: SegmentPair }[][],
  missCost: number,
  floor: readonly number[],
  ordered: boolean,
): Hypothesis[] {
  const pos = new Map(g.map((i, m) => [i, m]));
  const tail = g.map((_, m) => g.slice(m).reduce((a, i) => a + floor[i]!, 0));
  const out: Hypothesis[] = [];
  const ch = new Array<number>(g.length).fill(-1);
  let nodes = 0;
  const worst = (): number => (out.length < PER_GROUP ? Infinity : out[out.length - 1]!.cost);
  const walk = (m: number, acc: number): void => {
    if (nodes++ > MAX_NODES || acc + (tail[m] ?? 0) >= worst()) return;
    if (m === g.length) {
      const h = { choice: [...ch], cost: acc };
      const at = out.findIndex((o) => o.cost > acc);
      out.splice(at < 0 ? out.length : at, 0, h);
      if (out.length > PER_GROUP) out.pop();
      return;
    }
    const i = g[m]!;
    for (const { j } of cand[i]!) {
      if (ch.slice(0, m).includes(j)) continue;
      if (ordered && !inOrder(ch, m, j, blobs)) continue;
      let c = cost[i]![j]!;
      for (const { k, p } of partners[i]!) {
        const mk = pos.get(k)!;
        if (mk >= m || ch[mk]! < 0) continue;
        const o = blobs[ch[mk]!]!;
        c += pairCost(p, Math.hypot(blobs[j]!.x - o.x, blobs[j]!.y - o.y));
      }
      if (!Number.isFinite(c)) continue;
      ch[m] = j;
      walk(m + 1, acc + c);
    }
    ch[m] = -1;
    walk(m + 1, acc + missCost);
  };
  walk(0, 0);
  // Every marker missing is always possible, so groups can always be combined.
  const none = g.map(() => -1);
  if (!out.some((h) => h.choice.every((j) => j < 0))) out.push({ choice: none, cost: missCost * g.length });
  return out;
}

/**
 * Where marker i lies given its partners' positions on this frame (`at(k)`, null if not known): the
 * point nearest `start` (its prediction) at each partner's segment length, by Gauss-Newton on the
 * length residuals with a weak pull toward `start` (which picks, of the two points two lengths
 * allow, the one the marker came from); a rigid triangle is never mirrored. Null without partners.
 */
export function constrainedPoint(
  i: number,
  start: XY,
  segments: Segments,
  at: (k: number) => XY | null,
): Placed | null {
  const cons: { q: XY; p: SegmentPair }[] = [];
  for (const p of segments.pairs) {
    const k = p.a === i ? p.b : p.b === i ? p.a : -1;
    if (k < 0) continue;
    const q = at(k);
    if (q) cons.push({ q, p });
  }
  if (cons.length === 0) return null;
  let x = start.x;
  let y = start.y;
  // The pull picks the branch; then, where fixed lengths give the place, it all but vanishes so as
  // not to bias it (bounds alone never give a place: there the prediction keeps its weight).
  const fixed = cons.some((c) => c.p.kind === 'fixed');
  for (let it = 0; it < 30; it++) {
    const lambda = it < 15 || !fixed ? 0.01 : 1e-6;
    // Normal equations of the 2x2 least-squares step.
    let a11 = lambda;
    let a12 = 0;
    let a22 = lambda;
    let b1 = -lambda * (x - start.x);
    let b2 = -lambda * (y - start.y);
    for (const { q, p } of cons) {
      const dx = x - q.x;
      const dy = y - q.y;
      const d = Math.max(1e-6, Math.hypot(dx, dy));
      const r = d - p.length;
      if (p.kind === 'atMost' && r <= 0) continue;
      const jx = dx / d;
      const jy = dy / d;
      a11 += jx * jx;
      a12 += jx * jy;
      a22 += jy * jy;
      b1 -= jx * r;
      b2 -= jy * r;
    }
    const det = a11 * a22 - a12 * a12;
    if (Math.abs(det) < 1e-12) break;
    const sx = (a22 * b1 - a12 * b2) / det;
    const sy = (a11 * b2 - a12 * b1) / det;
    x += sx;
    y += sy;
    if (Math.hypot(sx, sy) < (fixed ? (it >= 15 ? 1e-4 : 0) : 1e-3)) break;
  }
  for (const t of segments.triangles) {
    if (t.i !== i) continue;
    const qa = at(t.a);
    const qb = at(t.b);
    if (!qa || !qb || Math.sign(cross({ x, y }, qa, qb)) === t.sign) continue;
    // Mirror across the line through the two partners.
    const ux = qb.x - qa.x;
    const uy = qb.y - qa.y;
    const uu = ux * ux + uy * uy || 1;
    const w = ((x - qa.x) * ux + (y - qa.y) * uy) / uu;
    const fx = qa.x + w * ux;
    const fy = qa.y + w * uy;
    x = 2 * fx - x;
    y = 2 * fy - y;
  }
  // Two fixed lengths meet in two points, the prediction picking one: the place is known. One
  // length (or bounds) leaves a circle, and the point on it is only the prediction's guess.
  return { x, y, determined: cons.filter((c) => c.p.kind === 'fixed').length >= 2 };
}

/**
 * Lengths follow the frames where both markers were detected and fit: a fixed length by a slow
 * running mean (weight 0.05), the longest seen by growing toward a longer view within a tolerance.
 */
export function learnLengths(segments: Segments, seen: (k: number) => XY | null): void {
  for (const p of segments.pairs) {
    const a = seen(p.a);
    const b = seen(p.b);
    if (!a || !b) continue;
    const d = Math.hypot(a.x - b.x, a.y - b.y);
    if (p.kind === 'fixed') {
      if (Math.abs(d - p.length) < tolerance(p)) p.length += 0.05 * (d - p.length);
    } else if (d > p.length && d < p.length + tolerance(p)) p.length = d;
  }
}
