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
 *
 * Files: uncertainty-context.ts (what the stage reads and gives), uncertainty-points.ts (landmark
 * noise, point readers), uncertainty-timing.ts (event timing and times), this one (per variable).
 */
import type { AngleSet } from './angles';
import { armReading } from './arms';
import { hamstringPeak, hamstringUncertainty } from './hamstring/step';
import { oscillation } from './oscillation';
import type { Step } from './steps';
import type { VariableDefinition } from './tables/variables';
import type { GaitEvent } from './types';
import type { StepUncertainty, UncertaintyContext } from './uncertainty-context';
import {
  angleNoise,
  eventOf,
  extremeAt,
  frameInterval,
  heelFromPelvis,
  meanVis,
  rate,
  segmentsOf,
  sigma,
  toUnit,
  vis,
  type PointRef,
} from './uncertainty-points';
import { biasOf, timeUncertainty, timingOf as timingOfEvent, type Timing } from './uncertainty-timing';

export type { StepUncertainty, UncertaintyContext } from './uncertainty-context';

/** Far leg in a side view: the pose model's error as a bias, degrees, per angle [Van Hooren 2023]. */
const FAR_LEG_DEG: Partial<Record<string, number>> = {
  'hip-flexion': 6,
  'knee-flexion': 7.8,
  'tibia-inclination': 7.8,
  'ankle-dorsiflexion': 5.8,
  'foot-inclination': 5.8,
};

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
  const timingOf = (e: GaitEvent): Timing => timingOfEvent(tl, e);
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
    case 'timing':
      return timeUncertainty(x.what, step, tl);
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
