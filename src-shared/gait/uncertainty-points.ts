/**
 * Landmark noise where a value is read: the filter's residual per point, propagated to an angle
 * through its segments' lengths, and the small readers the uncertainty stage shares (frame
 * interval, rate of change, extremes, units). Method: docs/uncertainty.md §2; the header of
 * uncertainty.ts gives the formulas and their sources.
 */
import type { AngleSet } from './angles';
import type { Step } from './steps';
import type { AnglePrimitive } from './tables/angles';
import type { Body, GaitEvent, Joint, Side, Timeline } from './types';
import type { UncertaintyContext } from './uncertainty-context';

/** Frames each side of the read frame over which the filter's residual is taken. */
const RESIDUAL_HALF_WINDOW = 2;

export type PointRef =
  { readonly side: Side; readonly joint: Joint } | { readonly centre: 'hip' | 'shoulder' };
export type Segment = readonly [PointRef, PointRef];

export function xy(body: Body, p: PointRef, i: number): [number, number] {
  if ('centre' in p) {
    const l = body.left[p.centre];
    const r = body.right[p.centre];
    return [((l.x[i] as number) + (r.x[i] as number)) / 2, ((l.y[i] as number) + (r.y[i] as number)) / 2];
  }
  const t = body[p.side][p.joint];
  return [t.x[i] as number, t.y[i] as number];
}

export function vis(body: Body, p: PointRef, i: number): number {
  if ('centre' in p)
    return (
      (vis(body, { side: 'left', joint: p.centre }, i) + vis(body, { side: 'right', joint: p.centre }, i)) / 2
    );
  const v = body[p.side][p.joint].v[i] as number;
  return Number.isFinite(v) ? v : 0;
}

/** Noise left in a filtered point, pixels, around frame i. A centre averages two points. */
export function sigma(ctx: UncertaintyContext, p: PointRef, i: number): number {
  if ('centre' in p) {
    const a = sigma(ctx, { side: 'left', joint: p.centre }, i);
    const b = sigma(ctx, { side: 'right', joint: p.centre }, i);
    return Math.sqrt(a * a + b * b) / 2;
  }
  if (ctx.cutoffHz === null) return ctx.noiseRmsPx ?? 0;
  const f = ctx.body[p.side][p.joint];
  const r = ctx.unfiltered[p.side][p.joint];
  let s2 = 0;
  let k = 0;
  for (let j = i - RESIDUAL_HALF_WINDOW; j <= i + RESIDUAL_HALF_WINDOW; j++) {
    const dx = (r.x[j] as number) - (f.x[j] as number);
    const dy = (r.y[j] as number) - (f.y[j] as number);
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) continue;
    // Per axis: the perpendicular error of a segment is one axis' worth.
    s2 += (dx * dx + dy * dy) / 2;
    k++;
  }
  if (k === 0) return ctx.noiseRmsPx ?? 0;
  const b = Math.min(0.9, (2 * ctx.cutoffHz) / ctx.timeline.fps);
  return Math.sqrt(s2 / k) * Math.sqrt(b / (1 - b));
}

/** Segments an angle is made of; its noise is the quadrature sum of theirs. */
export function segmentsOf(p: AnglePrimitive, side: Side, angles: AngleSet): Segment[] {
  const j = (joint: Joint): PointRef => ({ side, joint });
  switch (p.kind) {
    case 'flexion':
      return [
        [j(p.b), j(p.a)],
        [j(p.b), j(p.c)],
      ];
    case 'from-vertical-down':
    case 'from-horizontal':
      return [[j(p.from), j(p.to)]];
    case 'dorsiflexion':
      return [
        [j('ankle'), j('knee')],
        [j('heel'), j('toe')],
      ];
    case 'from-vertical-up-centre':
      return [[{ centre: 'hip' }, { centre: 'shoulder' }]];
    case 'hip-line':
      return [
        [
          { side: 'left', joint: 'hip' },
          { side: 'right', joint: 'hip' },
        ],
      ];
    case 'segment-difference': {
      const a = angles[p.a]?.def.primitive;
      const b = angles[p.b]?.def.primitive;
      return [...(a ? segmentsOf(a, side, angles) : []), ...(b ? segmentsOf(b, side, angles) : [])];
    }
  }
}

const DEG = 180 / Math.PI;

/** Angle noise, degrees, at frame i. */
export function angleNoise(ctx: UncertaintyContext, segs: readonly Segment[], i: number): number {
  let s2 = 0;
  for (const [a, b] of segs) {
    const [ax, ay] = xy(ctx.body, a, i);
    const [bx, by] = xy(ctx.body, b, i);
    const d = Math.hypot(bx - ax, by - ay);
    if (!(d > 0)) continue;
    const sa = sigma(ctx, a, i);
    const sb = sigma(ctx, b, i);
    s2 += ((sa * sa + sb * sb) / (d * d)) * DEG * DEG;
  }
  return Math.sqrt(s2);
}

export function meanVis(ctx: UncertaintyContext, segs: readonly Segment[], i: number): number {
  const pts = segs.flat();
  return pts.reduce((a, p) => a + vis(ctx.body, p, i), 0) / Math.max(1, pts.length);
}

/** Local frame interval around frame i, seconds. */
export function frameInterval(tl: Timeline, i: number): number {
  const n = tl.t.length;
  const a = Math.max(0, Math.min(n - 2, i - 1));
  const b = Math.min(n - 1, Math.max(1, i + 1));
  const dt = ((tl.t[b] as number) - (tl.t[a] as number)) / (b - a);
  return dt > 0 ? dt : 1 / tl.fps;
}

/** Central-difference rate of change of a series at frame i, per second (0 where not finite). */
export function rate(a: ArrayLike<number>, tl: Timeline, i: number): number {
  const lo = Math.max(0, i - 1);
  const hi = Math.min(a.length - 1, i + 1);
  const d = ((a[hi] as number) - (a[lo] as number)) / ((tl.t[hi] as number) - (tl.t[lo] as number));
  return Number.isFinite(d) ? d : 0;
}

export function eventOf(step: Step, kind: string): GaitEvent | null {
  return kind === 'initial-contact'
    ? step.ic
    : kind === 'toe-off'
      ? step.to
      : kind === 'midstance'
        ? step.ms
        : kind === 'late-swing'
          ? step.ls
          : null;
}

/** Frame of the extreme (max or min) of a series between two frames. */
export function extremeAt(a: Float64Array, from: number, to: number, max: boolean): number {
  let best = -1;
  let bv = max ? -Infinity : Infinity;
  for (let i = Math.max(0, from); i <= Math.min(a.length - 1, to); i++) {
    const v = a[i] as number;
    if (Number.isFinite(v) && (max ? v > bv : v < bv)) {
      bv = v;
      best = i;
    }
  }
  return best;
}

export function toUnit(px: number, ctx: UncertaintyContext): number {
  return ctx.pxPerCm ? px / ctx.pxPerCm : (100 * px) / ctx.legLengthPx;
}

/** Heel x minus pelvis-centre x, pixels, per frame (overstride and base of support). */
export function heelFromPelvis(ctx: UncertaintyContext, side: Side, i: number): number {
  return (ctx.body[side].heel.x[i] as number) - xy(ctx.body, { centre: 'hip' }, i)[0];
}
