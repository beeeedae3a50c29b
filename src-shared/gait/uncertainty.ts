/**
 * Uncertainty stage: how far each per-step value can be trusted, from what limits it, and whether
 * the camera can measure it at all. Method and figures: docs/uncertainty.md.
 *
 * Per step, two parts in the variable's unit, combined in quadrature [JCGM 100:2008, 5.1]:
 *  - event timing: a value read at an event moves by the angle's (or length's) rate of change times
 *    the timing error of that event. For initial contact and toe-off that error is measured on the
 *    labelled clips, split into a per-step random part and a per-foot systematic part
 *    (timing-bias.ts, held by test/gait/event-timing-split.test.ts); a step carries both. Midstance
 *    and late swing, instants read at the nearest frame, are known to half a frame interval, a
 *    rounding that varies from step to step. A time is a difference of two events.
 *  - landmark noise: the filter's residual where the value is read (RMS of raw − filtered over the
 *    five frames around it, per point), turned into the noise left in the filtered point: for
 *    white noise the filter passes a share B ≈ 2·fc/fs of its power and removes the rest, so
 *    σ_filtered = residual · √(B / (1 − B)) [Winter 2009, ch. 3: residual analysis]. It is then
 *    propagated to the angle through the segment lengths (an angle between two points d px apart
 *    moves by σ/d rad per σ px of perpendicular error, two points per segment). A local residual
 *    follows the pose model's jitter where it is (a half-hidden far leg jitters more), without
 *    reading its visibility score, which is not a calibrated probability.
 *  - occlusion (side view, the far leg's angles): the far leg is seen behind the near one, where
 *    the pose model's error is a bias of that leg rather than noise; it is taken as the markerless
 *    error against marker-based capture in treadmill running, upper figures: hip 6°, knee 7.8°,
 *    ankle 5.8° [Van Hooren 2023] (tibia with the knee, foot with the ankle).
 * The landmark noise and the random timing part vary from step to step and already show in the SD
 * over steps; a foot's timing bias does not average out (the detector reads that foot's every
 * contact early or late alike), nor does occlusion: both are carried as the systematic part of a
 * mean, the timing bias as a signed vector per foot and event (timing-bias.ts), so that a
 * difference of two means counts a bias they share with its sign.
 */
import type { AngleSet } from './angles';
import { armReading } from './arms';
import { hamstringPeak, hamstringUncertainty } from './hamstring/step';
import { oscillation } from './oscillation';
import type { Step } from './steps';
import {
  biasKey,
  EVENT_TIMING,
  perStepTiming,
  type BiasKey,
  type BiasVector,
  type TimedEvent,
} from './timing-bias';
import type { AnglePrimitive } from './tables/angles';
import type { VariableDefinition } from './tables/variables';
import type { Body, GaitEvent, GaitView, Joint, Side, Timeline } from './types';
import type { UpperBody } from './upper-body';

export interface UncertaintyContext {
  /** Cleaned (filtered) tracks; `v` is the pose model's visibility per frame. */
  readonly body: Body;
  readonly angles: AngleSet;
  readonly timeline: Timeline;
  readonly view: GaitView;
  /** The same tracks before the low-pass filter (gaps filled): the filter's residual. */
  readonly unfiltered: Body;
  /** The filter's cutoff, Hz; null when the tracks were not filtered. */
  readonly cutoffHz: number | null;
  /** Landmark noise from residual analysis, pixels: the point noise where nothing was filtered
   *  (null: not estimated, taken as 0). */
  readonly noiseRmsPx: number | null;
  readonly legLengthPx: number;
  /** Pixels per cm when calibrated; lengths are then in cm, otherwise in % of the leg length. */
  readonly pxPerCm: number | null;
  /** Side view: the leg nearer the camera (the other one is partly hidden). */
  readonly nearSide: Side | null;
  /** Arms and head (upper-body.ts), as the steps were read with. */
  readonly upper?: UpperBody;
}

export interface StepUncertainty {
  /** Standard uncertainty of the step's value, in the variable's unit. */
  readonly u: number;
  /** The part that does not average over steps (a foot's event timing bias, and occlusion). */
  readonly systematic: number;
  /** The timing bias part, signed per foot and event kind (timing-bias.ts): what a mean keeps. */
  readonly bias: BiasVector;
  /** Times only: the random timing part, signed per event (`kind:side:frame`). Left and right
   *  step time share every contact (one foot's contact ends its step and starts the other's), so
   *  their means are correlated through these (summary.ts, for L − R). */
  readonly events?: Readonly<Record<string, number>>;
  /** The occlusion part alone (a bias of the far leg: it adds no spread between steps). */
  readonly occlusion: number;
  /** Mean visibility (0..1) of the points the value is read from, at the frame it is read; null
   *  for times, which come from the events alone. */
  readonly visibility: number | null;
}

/** Far leg in a side view: the pose model's error as a bias, degrees, per angle [Van Hooren 2023]. */
const FAR_LEG_DEG: Partial<Record<string, number>> = {
  'hip-flexion': 6,
  'knee-flexion': 7.8,
  'tibia-inclination': 7.8,
  'ankle-dorsiflexion': 5.8,
  'foot-inclination': 5.8,
};

/**
 * Standard uncertainty of one event's frame, in frame intervals: the per-step random part and the
 * per-foot systematic part together (timing-bias.ts: 0.65 and 0.5, so 0.82). The SD of detected −
 * labelled frame over both feet of a clip (test/gait/accuracy.test.ts) must stay within it (sample
 * clip, MediaPipe full through the app's path: IC 0.74, TO 0.71 frame; heavy 0.63 and 0.61).
 */
export const EVENT_TIMING_FRAMES = {
  'initial-contact': perStepTiming('initial-contact'),
  'toe-off': perStepTiming('toe-off'),
} as const;

/** Frames each side of the read frame over which the filter's residual is taken. */
const RESIDUAL_HALF_WINDOW = 2;

type PointRef = { readonly side: Side; readonly joint: Joint } | { readonly centre: 'hip' | 'shoulder' };
type Segment = readonly [PointRef, PointRef];

function xy(body: Body, p: PointRef, i: number): [number, number] {
  if ('centre' in p) {
    const l = body.left[p.centre];
    const r = body.right[p.centre];
    return [((l.x[i] as number) + (r.x[i] as number)) / 2, ((l.y[i] as number) + (r.y[i] as number)) / 2];
  }
  const t = body[p.side][p.joint];
  return [t.x[i] as number, t.y[i] as number];
}

function vis(body: Body, p: PointRef, i: number): number {
  if ('centre' in p)
    return (
      (vis(body, { side: 'left', joint: p.centre }, i) + vis(body, { side: 'right', joint: p.centre }, i)) / 2
    );
  const v = body[p.side][p.joint].v[i] as number;
  return Number.isFinite(v) ? v : 0;
}

/** Noise left in a filtered point, pixels, around frame i. A centre averages two points. */
function sigma(ctx: UncertaintyContext, p: PointRef, i: number): number {
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
function segmentsOf(p: AnglePrimitive, side: Side, angles: AngleSet): Segment[] {
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
function angleNoise(ctx: UncertaintyContext, segs: readonly Segment[], i: number): number {
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

function meanVis(ctx: UncertaintyContext, segs: readonly Segment[], i: number): number {
  const pts = segs.flat();
  return pts.reduce((a, p) => a + vis(ctx.body, p, i), 0) / Math.max(1, pts.length);
}

/** Local frame interval around frame i, seconds. */
function frameInterval(tl: Timeline, i: number): number {
  const n = tl.t.length;
  const a = Math.max(0, Math.min(n - 2, i - 1));
  const b = Math.min(n - 1, Math.max(1, i + 1));
  const dt = ((tl.t[b] as number) - (tl.t[a] as number)) / (b - a);
  return dt > 0 ? dt : 1 / tl.fps;
}

/** Central-difference rate of change of a series at frame i, per second (0 where not finite). */
function rate(a: ArrayLike<number>, tl: Timeline, i: number): number {
  const lo = Math.max(0, i - 1);
  const hi = Math.min(a.length - 1, i + 1);
  const d = ((a[hi] as number) - (a[lo] as number)) / ((tl.t[hi] as number) - (tl.t[lo] as number));
  return Number.isFinite(d) ? d : 0;
}

function eventOf(step: Step, kind: string): GaitEvent | null {
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
function extremeAt(a: Float64Array, from: number, to: number, max: boolean): number {
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

function toUnit(px: number, ctx: UncertaintyContext): number {
  return ctx.pxPerCm ? px / ctx.pxPerCm : (100 * px) / ctx.legLengthPx;
}

/** Heel x minus pelvis-centre x, pixels, per frame (overstride and base of support). */
function heelFromPelvis(ctx: UncertaintyContext, side: Side, i: number): number {
  return (ctx.body[side].heel.x[i] as number) - xy(ctx.body, { centre: 'hip' }, i)[0];
}

/** An event's timing, seconds: the whole per step, and its foot's systematic part with its key. */
interface Timing {
  readonly du: number;
  readonly sys: number;
  readonly key: BiasKey | null;
}

function eventId(e: GaitEvent): string {
  return `${e.kind}:${e.side}:${e.at}`;
}

/** The bias vector of a value read at an event, changing at `rate` (unit/s) there. */
function biasOf(t: Timing, rate: number): BiasVector {
  return t.key && t.sys > 0 && rate !== 0 ? { [t.key]: rate * t.sys } : {};
}

/**
 * The uncertainty of one step's value of `def`, or null when the step has no value. Mirrors how
 * steps.ts reads each extractor (which event, which points).
 */
export function stepUncertainty(
  def: VariableDefinition,
  step: Step,
  ctx: UncertaintyContext,
): StepUncertainty | null {
  const x = def.extract;
  const value = step.values[def.id];
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const side = step.side;
  const tl = ctx.timeline;
  const half = (i: number): number => frameInterval(tl, i) / 2;
  // Timing of an event, s: for contacts and toe-offs the measured whole (du) and its per-foot
  // systematic part (sys, with the foot's bias key); half a frame of rounding otherwise.
  const timingOf = (e: GaitEvent): Timing => {
    if (e.kind === 'initial-contact' || e.kind === 'toe-off') {
      const dt = frameInterval(tl, e.at);
      const k: TimedEvent = e.kind;
      return { du: perStepTiming(k) * dt, sys: EVENT_TIMING[k].systematic * dt, key: biasKey(k, e.side) };
    }
    return { du: half(e.at), sys: 0, key: null };
  };
  const angleAt = (
    id: keyof AngleSet,
    i: number,
    atExtreme: boolean,
    timing: Timing = { du: half(i), sys: 0, key: null },
  ): StepUncertainty | null => {
    const a = ctx.angles[id];
    if (!a || i < 0) return null;
    const segs = segmentsOf(a.def.primitive, side, ctx.angles);
    // At a peak or trough the rate is zero: reading a frame early or late changes little.
    const r = atExtreme ? 0 : rate(a[side], tl, i);
    const noise = angleNoise(ctx, segs, i);
    const far = ctx.view === 'side' && a.def.perSide && ctx.nearSide !== null && side !== ctx.nearSide;
    const occlusion = far ? (FAR_LEG_DEG[id] ?? 0) : 0;
    const bias = biasOf(timing, r);
    return {
      u: Math.hypot(Math.abs(r) * timing.du, noise, occlusion),
      systematic: Math.hypot(r * timing.sys, occlusion),
      bias,
      occlusion,
      visibility: meanVis(ctx, segs, i),
    };
  };
  switch (x.kind) {
    case 'angle-at':
    case 'toward-stance-side': {
      const e = eventOf(step, x.event);
      return e ? angleAt(x.angle, e.at, false, timingOf(e)) : null;
    }
    case 'pelvic-drop':
      return step.ms ? angleAt('pelvic-obliquity', step.ms.at, false) : null;
    case 'stance-peak': {
      const a = ctx.angles[x.angle];
      if (!a || !step.to) return null;
      return angleAt(x.angle, extremeAt(a[side], step.ic.at, step.to.at, true), true);
    }
    case 'late-swing-min': {
      const a = ctx.angles[x.angle];
      if (!a) return null;
      const from = Math.max(0, step.ic.at - Math.round(0.3 * tl.fps));
      return angleAt(x.angle, extremeAt(a[side], from, step.ic.at, false), true);
    }
    case 'hamstring-late-swing': {
      // The peak frame as steps.ts finds it; the hip's and knee's uncertainty there, through the model.
      const hip = ctx.angles['hip-flexion'];
      const knee = ctx.angles['knee-flexion'];
      const p =
        step.ls && hip && knee
          ? hamstringPeak(x.muscle, hip[side], knee[side], step.ls.at, step.ic.at)
          : null;
      const uh = p ? angleAt('hip-flexion', p.at, true) : null;
      const uk = p ? angleAt('knee-flexion', p.at, true) : null;
      if (!p || !uh || !uk || !hip || !knee) return null;
      const h = hip[side][p.at] as number;
      return { ...hamstringUncertainty(x.muscle, h, knee[side][p.at] as number, uh, uk), bias: {} };
    }
    case 'overstride':
    case 'base-of-support': {
      const e = x.kind === 'overstride' ? step.ic : step.ms;
      if (!e) return null;
      const i = e.at;
      const heel: PointRef = { side, joint: 'heel' };
      const pelvis: PointRef = { centre: 'hip' };
      const r =
        (heelFromPelvis(ctx, side, Math.min(tl.t.length - 1, i + 1)) -
          heelFromPelvis(ctx, side, Math.max(0, i - 1))) /
        ((tl.t[Math.min(tl.t.length - 1, i + 1)] as number) - (tl.t[Math.max(0, i - 1)] as number));
      const t = timingOf(e);
      const rUnit = toUnit(Number.isFinite(r) ? r : 0, ctx);
      const noise = toUnit(Math.hypot(sigma(ctx, heel, i), sigma(ctx, pelvis, i)), ctx);
      return {
        u: Math.hypot(rUnit * t.du, noise),
        systematic: Math.abs(rUnit * t.sys),
        bias: biasOf(t, rUnit),
        occlusion: 0,
        visibility: (vis(ctx.body, heel, i) + vis(ctx.body, pelvis, i)) / 2,
      };
    }
    case 'vertical-oscillation': {
      if (ctx.upper && step.nextIc) {
        // The fit's own residuals (periodic-fit.ts): noise and what the stride does beyond its
        // harmonics. Read over a whole stride: no timing term.
        const r = oscillation(ctx.view, ctx.body, ctx.upper.t, ctx.upper, step.ic.t, step.nextIc.t);
        if (!r) return null;
        return { u: toUnit(r.uPx, ctx), systematic: 0, bias: {}, occlusion: 0, visibility: r.visibility };
      }
      // A range between two extremes: no timing term; two readings of the pelvis centre.
      const i = step.ic.at;
      const noise = toUnit(Math.SQRT2 * sigma(ctx, { centre: 'hip' }, i), ctx);
      return {
        u: noise,
        systematic: 0,
        bias: {},
        occlusion: 0,
        visibility: vis(ctx.body, { centre: 'hip' }, i),
      };
    }
    case 'timing': {
      // A time is a difference of two events (from a to b), each known to its measured timing
      // uncertainty; its bias vector is b's foot bias minus a's. Stride time runs from a foot's
      // contact to its next: the foot's bias cancels. Step time mixes the two feet's contacts,
      // contact and flight time a contact and a toe-off.
      type Pair = { u: number; bias: BiasVector; events: Record<string, number> };
      const pair = (a: GaitEvent | null, b: GaitEvent | null): Pair => {
        if (!a || !b) return { u: NaN, bias: {}, events: {} };
        const ta = timingOf(a);
        const tb = timingOf(b);
        const bias: Partial<Record<BiasKey, number>> = {};
        if (tb.key) bias[tb.key] = (bias[tb.key] ?? 0) + tb.sys;
        if (ta.key) bias[ta.key] = (bias[ta.key] ?? 0) - ta.sys;
        // The random part of each end: what is left of its timing once the foot's bias is taken.
        const rand = (t: Timing): number => Math.sqrt(Math.max(0, t.du ** 2 - t.sys ** 2));
        const events = { [eventId(b)]: rand(tb), [eventId(a)]: -rand(ta) };
        return { u: Math.hypot(ta.du, tb.du), bias, events };
      };
      let p: Pair;
      switch (x.what) {
        case 'step':
          p = pair(step.prevOtherIc, step.ic);
          break;
        case 'stride':
          p = pair(step.ic, step.nextIc);
          break;
        case 'contact':
          p = pair(step.ic, step.to);
          break;
        case 'flight':
          p = pair(step.to, step.nextOtherIc);
          break;
        case 'duty-factor': {
          // Contact over stride: a bias of the foot's contacts moves both ends of the stride alike,
          // so only the contact time's bias remains, over the stride.
          const contact = pair(step.ic, step.to);
          const stride = pair(step.ic, step.nextIc);
          const c = step.to ? step.to.t - step.ic.t : NaN;
          const s = step.nextIc ? step.nextIc.t - step.ic.t : NaN;
          const bias: Partial<Record<BiasKey, number>> = {};
          for (const [k, v] of Object.entries(contact.bias) as [BiasKey, number][]) bias[k] = v / s;
          p = { u: Math.hypot(contact.u / s, (c * stride.u) / (s * s)), bias, events: {} };
          break;
        }
      }
      if (!Number.isFinite(p.u)) return null;
      const systematic = Math.sqrt(Object.values(p.bias).reduce((a, c) => a + (c ?? 0) ** 2, 0));
      return { u: p.u, systematic, bias: p.bias, events: p.events, occlusion: 0, visibility: null };
    }
    case 'arm': {
      if (!ctx.upper || !step.nextIc) return null;
      const r = armReading(ctx.upper, side, x.what, step.ic.t, step.nextIc.t - step.ic.t);
      if (!r) return null;
      const u = x.what === 'crossover' ? toUnit(r.u, ctx) : r.u;
      return { u, systematic: 0, bias: {}, occlusion: 0, visibility: r.visibility };
    }
    case 'unavailable':
      return null;
  }
}
