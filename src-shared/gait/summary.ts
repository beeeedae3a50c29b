/**
 * Summary stage: per variable and side, mean, SD (n − 1), n, min and max over the clean steps, the
 * uncertainty of the mean with its 95% interval (interval.ts; per-step parts from uncertainty.ts),
 * and the left/right symmetry: the difference L − R with its own interval and, for magnitudes with
 * a natural zero, the symmetry index 100·(L − R)/mean(L, R) [clinical-variables.md]. A summary
 * needs MIN_STEPS (7) clean steps per side to count as stable [Dingenen 2018: ~6.3 steps for a
 * stable mean]; with fewer it is still computed and `enoughSteps` says so.
 *
 * A side the camera cannot measure is marked `notMeasurable`, with the remedy, instead of being
 * read as a number (docs/uncertainty.md):
 *  - hidden: the points it is read from have a mean pose-model visibility below 0.5 (the
 *    threshold the cleaning stage and MediaPipe's drawing use) where it is read;
 *  - implausible spread: its SD over steps exceeds twice what a steady runner's own variation
 *    (the variable table's `stepSd`) and the measurement (per-step uncertainties) explain
 *    together (three times with only two steps).
 */
import { median } from '../stats';
import { differenceUncertainty, meanUncertainty } from './interval';
import { MIN_STEPS, type GaitVariable, type LengthUnit } from './schema';
import type { Step } from './steps';
import type { VariableDefinition } from './tables/variables';
import type { GaitView, Side } from './types';
import { biasDifferenceNorm, biasNorm, meanBias, type BiasVector } from './timing-bias';
import { stepUncertainty, type StepUncertainty, type UncertaintyContext } from './uncertainty';

type SideSummary = GaitVariable['left'];

/** Below this mean visibility of its points, a value is hidden from the camera. */
export const HIDDEN_VISIBILITY = 0.5;
/** An SD over steps more than this many times the expected one is implausible: from 3 steps a
 *  chance below 2% for a true spread (χ², n − 1 degrees of freedom); with 2 steps (1 degree of
 *  freedom) the factor is 3, for a chance of 0.3%. */
export const IMPLAUSIBLE_SPREAD = 2;
export const IMPLAUSIBLE_SPREAD_TWO_STEPS = 3;

export interface SummaryContext extends UncertaintyContext {
  readonly lengthUnit: LengthUnit;
}

export function describe(values: readonly number[]): {
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
} {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null, min: null, max: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

/** A number in the variable's unit, as a PT reads it (messages only; the report formats its own). */
function inUnit(x: number, unit: GaitVariable['unit']): string {
  switch (unit) {
    case 'deg':
      return `${x.toFixed(1)}°`;
    case 's':
      return `${Math.round(1000 * x)} ms`;
    case 'ratio':
      return `${(100 * x).toFixed(1)}%`;
    case 'cm':
      return `${x.toFixed(1)} cm`;
    case '%leg':
      return `${x.toFixed(1)}% of the leg length`;
  }
}

/** A steady runner's step-to-step SD of `def`, in its unit. */
function typicalSd(def: VariableDefinition, mean: number, ctx: SummaryContext): number {
  const s = def.stepSd;
  if ('deg' in s) return s.deg;
  if ('pctOfMean' in s) return (Math.abs(mean) * s.pctOfMean) / 100;
  return ctx.pxPerCm ? ((s.pctLeg / 100) * ctx.legLengthPx) / ctx.pxPerCm : s.pctLeg;
}

function notMeasurable(
  def: VariableDefinition,
  side: Side,
  ctx: SummaryContext,
  view: GaitView,
  steps: readonly { value: number; u: StepUncertainty | null }[],
  d: ReturnType<typeof describe>,
  unit: GaitVariable['unit'],
): SideSummary['notMeasurable'] {
  if (steps.length === 0 || d.mean === null) return null;
  const far = view === 'side' && ctx.nearSide !== null && side !== ctx.nearSide;
  const seen = steps.flatMap((s) => (s.u?.visibility === null || !s.u ? [] : [s.u.visibility]));
  const limb = def.limb ?? 'leg';
  const filmThatSide = `Film the ${side} side as well, with the ${side} ${limb} nearer the camera.`;
  if (seen.length) {
    const v = seen.reduce((a, b) => a + b, 0) / seen.length;
    if (v < HIDDEN_VISIBILITY)
      return far
        ? {
            reason: `Not measurable from this view: the ${side} ${limb} is the far ${limb}, hidden behind the ${limb === 'arm' ? 'trunk' : 'near one'} where this is read (pose-model visibility ${v.toFixed(2)}).`,
            remedy: filmThatSide,
          }
        : {
            reason: `Not measurable from this view: the pose model cannot see the ${side} ${limb} where this is read (visibility ${v.toFixed(2)}).`,
            remedy: `Film again with the whole ${limb} in view, in good light and close-fitting clothes.`,
          };
  }
  if (steps.length >= 2 && d.sd !== null) {
    // What varies from step to step: event timing and noise; occlusion is a bias, not a spread.
    const u2 = steps.reduce((a, s) => a + (s.u ? s.u.u ** 2 - s.u.occlusion ** 2 : 0), 0) / steps.length;
    const expected = Math.sqrt(typicalSd(def, d.mean, ctx) ** 2 + u2);
    const factor = steps.length === 2 ? IMPLAUSIBLE_SPREAD_TWO_STEPS : IMPLAUSIBLE_SPREAD;
    if (d.sd > factor * expected) {
      const why = `Not measurable from this view: the ${side} values vary by ± ${inUnit(d.sd, unit)} from step to step, more than ${factor === 2 ? 'twice' : 'three times'} what a steady runner and the measurement explain (about ± ${inUnit(expected, unit)})`;
      return far
        ? { reason: `${why}; the far ${limb} is tracked unreliably.`, remedy: filmThatSide }
        : {
            reason: `${why}; the gait events or landmarks of this ${limb} are unreliable.`,
            remedy: 'Check the gait events of this leg in Review, or film again.',
          };
    }
  }
  return null;
}

/** What a side's mean keeps of the steps' systematic parts, for the difference of two sides. */
interface SideBias {
  /** The mean of the clean steps' timing bias vectors (timing-bias.ts). */
  readonly timing: BiasVector;
  /** The mean occlusion part (a bias of that leg alone). */
  readonly occlusion: number;
  /** Times: the mean of the steps' random timing parts per event (uncertainty.ts `events`). */
  readonly events: Readonly<Record<string, number>>;
}

/** The mean over n steps of per-event vectors (an event a step lacks counts 0 for it). */
function meanEvents(vs: readonly (Readonly<Record<string, number>> | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of vs) for (const [k, c] of Object.entries(v ?? {})) out[k] = (out[k] ?? 0) + c / vs.length;
  return out;
}

function sideSummary(
  def: VariableDefinition,
  steps: readonly Step[],
  side: Side,
  ctx: SummaryContext,
  unit: GaitVariable['unit'],
): { summary: SideSummary; bias: SideBias } {
  const mine = steps.filter((s) => s.side === side);
  const read = mine
    .map((s) => ({ s, v: s.values[def.id] }))
    .filter((x): x is { s: Step; v: number } => typeof x.v === 'number' && Number.isFinite(x.v))
    .map(({ s, v }) => {
      // The frame where the value is read, so the UI can jump to it.
      const e =
        (def.event === 'toe-off'
          ? s.to
          : def.event === 'midstance'
            ? s.ms
            : def.event === 'late-swing'
              ? s.ls
              : s.ic) ?? s.ic;
      return {
        step: s.index,
        frame: e.at,
        t: e.t,
        value: v,
        clean: s.clean,
        u: stepUncertainty(def, s, ctx),
      };
    });
  const clean = read.filter((x) => x.clean);
  const d = describe(clean.map((x) => x.value));
  // The systematic part of the mean: the same foot bias moves every step with its sign, so the
  // steps' bias vectors are averaged before their norm; occlusion is that leg's own bias.
  const bias: SideBias = {
    timing: meanBias(clean.map((x) => x.u?.bias ?? {})),
    occlusion: clean.length ? clean.reduce((a, x) => a + (x.u?.occlusion ?? 0), 0) / clean.length : 0,
    events: meanEvents(clean.map((x) => x.u?.events)),
  };
  const systematic = Math.hypot(biasNorm(bias.timing), bias.occlusion);
  const uncertainty = d.mean === null ? null : meanUncertainty(d.mean, d.sd, clean.length, systematic);
  const summary: SideSummary = {
    side,
    ...d,
    n: clean.length,
    enoughSteps: clean.length >= MIN_STEPS,
    uncertainty: uncertainty
      ? { ...uncertainty, interval: [...uncertainty.interval] as [number, number] }
      : null,
    notMeasurable: notMeasurable(def, side, ctx, ctx.view, clean, d, unit),
    values: read.map(({ u, ...x }) => ({ ...x, u: u ? u.u : null })),
  };
  return { summary, bias };
}

export function summarise(
  defs: readonly VariableDefinition[],
  steps: readonly Step[],
  frameOf: (at: number) => number,
  ctx: SummaryContext,
): GaitVariable[] {
  return defs.map((def) => {
    const unit = def.unit === 'length' ? ctx.lengthUnit : def.unit;
    const { summary: left, bias: leftBias } = sideSummary(def, steps, 'left', ctx, unit);
    const { summary: right, bias: rightBias } = sideSummary(def, steps, 'right', ctx, unit);
    for (const s of [left, right]) s.values = s.values.map((v) => ({ ...v, frame: frameOf(v.frame) }));
    // The far leg without a single reading while the near leg has them: hidden, not "no data".
    for (const [s, o] of [
      [left, right],
      [right, left],
    ] as const) {
      const far = ctx.view === 'side' && ctx.nearSide !== null && s.side !== ctx.nearSide;
      if (far && s.n === 0 && o.n > 0 && def.view === 'side')
        s.notMeasurable = {
          reason: `Not measurable from this view: the ${s.side} ${def.limb ?? 'leg'} is the far ${def.limb ?? 'leg'}, hidden behind the ${def.limb === 'arm' ? 'trunk' : 'near one'} in every step.`,
          remedy: `Film the ${s.side} side as well, with the ${s.side} ${def.limb ?? 'leg'} nearer the camera.`,
        };
    }
    let symmetry: GaitVariable['symmetry'] = null;
    if (left.mean !== null && right.mean !== null) {
      const difference = left.mean - right.mean;
      const mid = (left.mean + right.mean) / 2;
      // The systematic part of L − R: a foot bias both sides share (step time mixes both feet's
      // contacts) counts with its sign in each; occlusion is each leg's own.
      const systematic = Math.hypot(
        biasDifferenceNorm(leftBias.timing, rightBias.timing),
        leftBias.occlusion,
        rightBias.occlusion,
      );
      // Random part: the two SDs over steps, less twice the covariance of the two means through the
      // events they share (left and right step time: each contact ends one foot's step and starts
      // the other's, with opposite signs, so the covariance is negative and L − R varies more).
      let cov = 0;
      for (const [k, c] of Object.entries(leftBias.events)) cov += c * (rightBias.events[k] ?? 0);
      const u =
        left.uncertainty && right.uncertainty
          ? differenceUncertainty(
              difference,
              { ...left.uncertainty, n: left.n },
              { ...right.uncertainty, n: right.n },
              systematic,
              Math.sqrt(Math.max(0, left.uncertainty.random ** 2 + right.uncertainty.random ** 2 - 2 * cov)),
            )
          : null;
      symmetry = {
        difference,
        indexPct: def.symmetryIndex && mid !== 0 ? (100 * difference) / mid : null,
        uncertainty: u ? { ...u, interval: [...u.interval] as [number, number] } : null,
      };
    }
    return {
      id: def.id,
      label: def.label,
      view: def.view,
      event: def.event,
      unit,
      definition: def.definition,
      reference: def.reference ? { text: def.reference.text, source: def.reference.source } : null,
      sdd: def.sdd ? { value: def.sdd.value, source: def.sdd.source } : null,
      left,
      right,
      symmetry,
    };
  });
}

/**
 * Cadence, steps/min: two steps per stride, the stride time being the slope of each foot's initial
 * contact times against their stride number, one slope fitted to both feet (each foot its own
 * offset), by least squares weighted by the contacts' confidence (in a side view the far foot is
 * often half hidden). A steady runner's contacts lie on that line; fitting it uses every contact's
 * time at once, so one contact a few frames off moves the cadence by its error over the whole span
 * (e.g. 4 frames over 16 strides: 0.8%), where a mean of single stride times takes it twice, once in
 * each stride it bounds (it did: 172.4 instead of 168.7 steps/min on the sample clip read from its
 * proxy, with 4 of 34 contacts 2-4 frames late). Stride numbers are counted from the gaps between a
 * foot's contacts in units of the median gap, so a missed contact leaves a gap of two strides, not a
 * long stride; contacts more than a quarter stride off the line (a wrong contact) are dropped and
 * the line fitted again. `n` is the number of strides the fitted contacts span.
 */
export function cadence(steps: readonly Step[]): { value: number | null; n: number } {
  const bySide = new Map<string, Map<number, number>>();
  for (const s of steps)
    for (const e of [s.ic, s.nextIc])
      if (e && e.confidence > 0) {
        const m = bySide.get(s.side) ?? new Map<number, number>();
        m.set(e.t, Math.max(m.get(e.t) ?? 0, e.confidence));
        bySide.set(s.side, m);
      }
  const feet = [...bySide.values()].map((m) => [...m.entries()].sort((a, b) => a[0] - b[0]));
  const gaps = feet.flatMap((f) => f.slice(1).map(([t], i) => t - f[i]![0]));
  if (gaps.length === 0) return { value: null, n: 0 };
  const t0 = median(gaps);
  // Stride numbers from consecutive gaps (a drift of tempo over the clip cannot mis-count them).
  let pts = feet.map((f) => {
    const out: { k: number; t: number; w: number }[] = [];
    for (const [t, w] of f) {
      const prev = out[out.length - 1];
      const k = prev ? prev.k + Math.max(1, Math.round((t - prev.t) / t0)) : 0;
      out.push({ k, t, w });
    }
    return out;
  });
  let slope = t0;
  for (let round = 0; round < 2; round++) {
    let num = 0;
    let den = 0;
    for (const f of pts) {
      const wsum = f.reduce((a, p) => a + p.w, 0);
      if (f.length < 2 || !(wsum > 0)) continue;
      const kb = f.reduce((a, p) => a + p.w * p.k, 0) / wsum;
      const tb = f.reduce((a, p) => a + p.w * p.t, 0) / wsum;
      for (const p of f) {
        num += p.w * (p.k - kb) * (p.t - tb);
        den += p.w * (p.k - kb) ** 2;
      }
    }
    if (!(den > 0)) return { value: null, n: 0 };
    slope = num / den;
    if (round === 1) break;
    // Drop contacts more than a quarter stride off their foot's line, then fit again.
    pts = pts.map((f) => {
      const wsum = f.reduce((a, p) => a + p.w, 0);
      const off = f.reduce((a, p) => a + p.w * (p.t - slope * p.k), 0) / wsum;
      return f.filter((p) => Math.abs(p.t - off - slope * p.k) <= 0.25 * slope);
    });
  }
  const n = pts.reduce((a, f) => a + (f.length > 1 ? f[f.length - 1]!.k - f[0]!.k : 0), 0);
  return slope > 0 ? { value: 120 / slope, n } : { value: null, n: 0 };
}
