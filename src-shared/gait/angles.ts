/**
 * Joint-angle stage: evaluates the angle table (tables/angles.ts) on the cleaned, oriented tracks,
 * frame by frame. 2D angles of projected segments [Souza 2016]; definitions in clinical-variables.md.
 * NaN where a point is missing.
 */
import { ANGLES, type AngleDefinition, type AngleId } from './tables/angles';
import type { Body, GaitView, Joint, Side, Track } from './types';

export interface AngleSeries {
  readonly def: AngleDefinition;
  /** Per-side series (perSide angles) or the same body series under both keys. */
  readonly left: Float64Array;
  readonly right: Float64Array;
}
export type AngleSet = Partial<Record<AngleId, AngleSeries>>;

const DEG = 180 / Math.PI;

function centre(a: Track, b: Track, i: number): [number, number] {
  return [((a.x[i] as number) + (b.x[i] as number)) / 2, ((a.y[i] as number) + (b.y[i] as number)) / 2];
}

/**
 * 180° − the angle at b between b→a and b→c (knee flexion from hip, knee, ankle): 0 with the three
 * in line, unsigned. Exported so that checks against points placed by hand (test/gait/hand-joints.ts,
 * the accuracy benchmark) use the engine's own definition.
 */
export function flexionDeg(
  a: readonly [number, number],
  b: readonly [number, number],
  c: readonly [number, number],
): number {
  const u = Math.atan2(a[1] - b[1], a[0] - b[0]);
  const w = Math.atan2(c[1] - b[1], c[0] - b[0]);
  let inner = Math.abs(u - w) * DEG;
  if (inner > 180) inner = 360 - inner;
  return 180 - inner;
}

function evalSide(
  def: AngleDefinition,
  body: Body,
  side: Side,
  view: GaitView,
  i: number,
  done: AngleSet,
): number {
  const j = (name: Joint): [number, number] => [
    body[side][name].x[i] as number,
    body[side][name].y[i] as number,
  ];
  const p = def.primitive;
  switch (p.kind) {
    case 'flexion':
      return flexionDeg(j(p.a), j(p.b), j(p.c));
    case 'from-vertical-down': {
      const [fx, fy] = j(p.from);
      const [tx, ty] = j(p.to);
      // Rear view, medial: toward image-right for the left leg, image-left for the right leg.
      const sign = p.medial && view === 'rear' ? (side === 'left' ? 1 : -1) : 1;
      return Math.atan2(sign * (tx - fx), fy - ty) * DEG;
    }
    case 'from-horizontal': {
      const [fx, fy] = j(p.from);
      const [tx, ty] = j(p.to);
      return Math.atan2(ty - fy, tx - fx) * DEG;
    }
    case 'dorsiflexion': {
      const [kx, ky] = j('knee');
      const [ax, ay] = j('ankle');
      const [hx, hy] = j('heel');
      const [tx, ty] = j('toe');
      const sx = kx - ax;
      const sy = ky - ay;
      const fx = tx - hx;
      const fy = ty - hy;
      const cos = (sx * fx + sy * fy) / (Math.hypot(sx, sy) * Math.hypot(fx, fy));
      return 90 - Math.acos(Math.max(-1, Math.min(1, cos))) * DEG;
    }
    case 'segment-difference': {
      const a = done[p.a];
      const b = done[p.b];
      if (!a || !b) return NaN;
      return (a[side][i] as number) - (b[side][i] as number);
    }
    case 'from-vertical-up-centre': {
      const [hx, hy] = centre(body.left.hip, body.right.hip, i);
      const [sx, sy] = centre(body.left.shoulder, body.right.shoulder, i);
      return Math.atan2(sx - hx, sy - hy) * DEG;
    }
    case 'hip-line': {
      const l = body.left.hip;
      const r = body.right.hip;
      // + = left hip higher. Rear view: left hip is at smaller x.
      return (
        Math.atan2((l.y[i] as number) - (r.y[i] as number), (r.x[i] as number) - (l.x[i] as number)) * DEG
      );
    }
  }
}

export function computeAngles(body: Body, view: GaitView): AngleSet {
  const n = body.left.hip.x.length;
  const out: AngleSet = {};
  for (const def of ANGLES) {
    if (def.view !== view) continue;
    const left = new Float64Array(n);
    const right = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      left[i] = evalSide(def, body, 'left', view, i, out);
      right[i] = def.perSide ? evalSide(def, body, 'right', view, i, out) : (left[i] as number);
    }
    out[def.id] = { def, left, right };
  }
  return out;
}
