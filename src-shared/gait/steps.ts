/**
 * Per-step stage: groups events into steps (one per initial contact) and reads every variable of
 * the variable table (tables/variables.ts) at its event. Lengths are converted to cm when the clip
 * is calibrated, otherwise to % of a leg length (hip to ankle).
 */
import { median } from '../stats';
import type { AngleSet } from './angles';
import type { CalibrationResult } from './calibrate';
import type { LengthUnit } from './schema';
import { armReading } from './arms';
import { hamstringPeak } from './hamstring/step';
import { oscillation } from './oscillation';
import { VARIABLES, type Extractor, type VariableDefinition } from './tables/variables';
import { other, type Body, type GaitEvent, type GaitView, type Side } from './types';
import type { UpperBody } from './upper-body';

export interface Step {
  readonly side: Side;
  readonly index: number;
  readonly ic: GaitEvent;
  readonly to: GaitEvent | null;
  readonly ms: GaitEvent | null;
  readonly ls: GaitEvent | null;
  readonly prevOtherIc: GaitEvent | null;
  readonly nextOtherIc: GaitEvent | null;
  readonly nextIc: GaitEvent | null;
  readonly values: Record<string, number | null>;
  /** All its events found with confidence ≥ 0.5, a plausible stride, and no event of an impossible
   *  hand-made sequence (event-sequence.ts). */
  readonly clean: boolean;
  readonly footStrike: 'rearfoot' | 'midfoot' | 'forefoot' | null;
}

/** Foot-strike angle thresholds [Altman & Davis 2012]: RFS > 8°, FFS < −1.6°, MFS between. */
export const FOOT_STRIKE_DEG = { rearfootAbove: 8, forefootBelow: -1.6 } as const;

export const MIN_CONFIDENCE = 0.5;

function firstBetween(
  events: readonly GaitEvent[],
  kind: string,
  side: Side,
  t0: number,
  t1: number,
): GaitEvent | null {
  return events.find((e) => e.kind === kind && e.side === side && e.t > t0 && e.t < t1) ?? null;
}
function lastBetween(
  events: readonly GaitEvent[],
  kind: string,
  side: Side,
  t0: number,
  t1: number,
): GaitEvent | null {
  let found: GaitEvent | null = null;
  for (const e of events) if (e.kind === kind && e.side === side && e.t > t0 && e.t < t1) found = e;
  return found;
}

export interface StepContext {
  readonly body: Body;
  readonly angles: AngleSet;
  readonly view: GaitView;
  readonly calibration: CalibrationResult;
  readonly lengthUnit: LengthUnit;
  /** Arms and head (upper-body.ts); without it there are no arm values and the oscillation is the
   *  pelvis range. */
  readonly upper?: UpperBody;
}

function toLength(px: number, ctx: StepContext): number {
  return ctx.calibration.pxPerCm ? px / ctx.calibration.pxPerCm : (100 * px) / ctx.calibration.legLengthPx;
}

function pelvis(body: Body, i: number): [number, number] {
  return [
    ((body.left.hip.x[i] as number) + (body.right.hip.x[i] as number)) / 2,
    ((body.left.hip.y[i] as number) + (body.right.hip.y[i] as number)) / 2,
  ];
}

function extract(
  x: Extractor,
  step: Omit<Step, 'values' | 'clean' | 'footStrike'>,
  ctx: StepContext,
  events: readonly GaitEvent[],
): number | null {
  const { side, ic, to, ms, ls } = step;
  const ev = (kind: string): GaitEvent | null =>
    kind === 'initial-contact'
      ? ic
      : kind === 'toe-off'
        ? to
        : kind === 'midstance'
          ? ms
          : kind === 'late-swing'
            ? ls
            : null;
  const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
  switch (x.kind) {
    case 'angle-at': {
      const e = ev(x.event);
      const a = ctx.angles[x.angle]?.[side];
      if (!e || !a) return null;
      const v = a[e.at] as number;
      return fin(x.negate ? -v : v);
    }
    case 'stance-peak': {
      const a = ctx.angles[x.angle]?.[side];
      if (!a || !to) return null;
      let m = -Infinity;
      for (let i = ic.at; i <= to.at; i++)
        if (Number.isFinite(a[i] as number)) m = Math.max(m, a[i] as number);
      return fin(m);
    }
    case 'late-swing-min': {
      const a = ctx.angles[x.angle]?.[side];
      if (!a) return null;
      const prevTo = lastBetween(events, 'toe-off', side, ic.t - 1.5, ic.t);
      const from = prevTo ? prevTo.at : Math.max(0, ic.at - 30);
      let peakAt = -1;
      let pv = -Infinity;
      for (let i = from; i <= ic.at; i++) {
        if ((a[i] as number) > pv) {
          pv = a[i] as number;
          peakAt = i;
        }
      }
      if (peakAt < 0) return null;
      let m = Infinity;
      for (let i = peakAt; i <= ic.at; i++)
        if (Number.isFinite(a[i] as number)) m = Math.min(m, a[i] as number);
      return fin(m);
    }
    case 'hamstring-late-swing': {
      const hip = ctx.angles['hip-flexion']?.[side];
      const knee = ctx.angles['knee-flexion']?.[side];
      if (!ls || !hip || !knee) return null;
      return hamstringPeak(x.muscle, hip, knee, ls.at, ic.at)?.ratio ?? null;
    }
    case 'toward-stance-side': {
      const e = ev(x.event);
      const a = ctx.angles[x.angle]?.[side];
      if (!e || !a) return null;
      // The series is + toward the patient's right.
      return fin((side === 'right' ? 1 : -1) * (a[e.at] as number));
    }
    case 'pelvic-drop': {
      const a = ctx.angles['pelvic-obliquity']?.[side];
      if (!ms || !a) return null;
      // Obliquity is + with the left hip higher: in left stance that is the right (swing) side lower.
      return fin((side === 'left' ? 1 : -1) * (a[ms.at] as number));
    }
    case 'overstride': {
      const heel = ctx.body[side].heel.x[ic.at] as number;
      return fin(toLength(heel - pelvis(ctx.body, ic.at)[0], ctx));
    }
    case 'base-of-support': {
      if (!ms) return null;
      const heel = ctx.body[side].heel.x[ms.at] as number;
      const mid = pelvis(ctx.body, ms.at)[0];
      return fin(toLength(side === 'left' ? mid - heel : heel - mid, ctx));
    }
    case 'timing': {
      switch (x.what) {
        case 'step':
          return step.prevOtherIc ? ic.t - step.prevOtherIc.t : null;
        case 'stride':
          return step.nextIc ? step.nextIc.t - ic.t : null;
        case 'contact':
          return to ? to.t - ic.t : null;
        case 'flight':
          return to && step.nextOtherIc ? step.nextOtherIc.t - to.t : null;
        case 'duty-factor':
          return to && step.nextIc ? (to.t - ic.t) / (step.nextIc.t - ic.t) : null;
      }
      return null;
    }
    case 'vertical-oscillation': {
      if (!step.nextIc) return null;
      if (ctx.upper) {
        // Fitted over the stride, drift removed, from the head in a side view (oscillation.ts).
        const r = oscillation(ctx.view, ctx.body, ctx.upper.t, ctx.upper, ic.t, step.nextIc.t);
        return r ? toLength(r.rangePx, ctx) : null;
      }
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = ic.at; i <= step.nextIc.at; i++) {
        const y = pelvis(ctx.body, i)[1];
        if (!Number.isFinite(y)) continue;
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
      return hi > lo ? toLength(hi - lo, ctx) : null;
    }
    case 'arm': {
      if (!ctx.upper || !step.nextIc) return null;
      const r = armReading(ctx.upper, side, x.what, ic.t, step.nextIc.t - ic.t);
      if (!r) return null;
      return fin(x.what === 'crossover' ? toLength(r.value, ctx) : r.value);
    }
    case 'unavailable':
      return null;
  }
}

export function variablesFor(view: GaitView): VariableDefinition[] {
  return VARIABLES.filter((v) => (v.view === view || v.view === 'any') && v.extract.kind !== 'unavailable');
}

/** `suspect`: events of an impossible hand-made sequence (event-sequence.ts); their steps are not clean. */
export function buildSteps(
  events: readonly GaitEvent[],
  ctx: StepContext,
  suspect: ReadonlySet<GaitEvent> = new Set(),
): Step[] {
  const steps: Step[] = [];
  const vars = variablesFor(ctx.view);
  for (const side of ['left', 'right'] as const) {
    const ics = events.filter((e) => e.kind === 'initial-contact' && e.side === side);
    const strides = ics.slice(1).map((e, i) => e.t - (ics[i] as GaitEvent).t);
    const typical = median(strides);
    ics.forEach((ic, index) => {
      const next = ics[index + 1] ?? null;
      const prev = ics[index - 1] ?? null;
      const nextIc = next && (!Number.isFinite(typical) || next.t - ic.t < 1.5 * typical) ? next : null;
      const until = next ? next.t : ic.t + (Number.isFinite(typical) ? typical : 2);
      const to = firstBetween(events, 'toe-off', side, ic.t, until);
      const ms = to ? firstBetween(events, 'midstance', side, ic.t - 1e-9, to.t) : null;
      const ls = lastBetween(events, 'late-swing', side, prev ? prev.t : ic.t - 1.5, ic.t + 1e-9);
      const prevOtherIc = lastBetween(
        events,
        'initial-contact',
        other(side),
        prev ? prev.t : ic.t - 1.5,
        ic.t,
      );
      const nextOtherIc = firstBetween(events, 'initial-contact', other(side), ic.t, until + 1e-9);
      const base = {
        side,
        index,
        ic,
        to,
        ms,
        ls,
        prevOtherIc,
        nextOtherIc,
        nextIc,
      };
      const values: Record<string, number | null> = {};
      for (const v of vars) values[v.id] = extract(v.extract, base, ctx, events);
      const confident = [ic, to].every((e) => e !== null && e.confidence >= MIN_CONFIDENCE);
      const plausible =
        !Number.isFinite(typical) || !nextIc || Math.abs(nextIc.t - ic.t - typical) < 0.25 * typical;
      const fi = ctx.view === 'side' ? values['foot-inclination-ic'] : null;
      const footStrike =
        fi === null || fi === undefined
          ? null
          : fi > FOOT_STRIKE_DEG.rearfootAbove
            ? 'rearfoot'
            : fi < FOOT_STRIKE_DEG.forefootBelow
              ? 'forefoot'
              : 'midfoot';
      const possible = ![ic, to].some((e) => e !== null && suspect.has(e));
      steps.push({ ...base, values, clean: confident && plausible && possible, footStrike });
    });
  }
  return steps;
}
