/**
 * Event timing in the uncertainty stage: what an event's timing error does to a value read at it,
 * and the uncertainty of a time (a difference of two events). Figures: timing-bias.ts (measured on
 * the labelled clips); method: docs/uncertainty.md §8.
 */
import type { Step } from './steps';
import {
  biasKey,
  EVENT_TIMING,
  perStepTiming,
  type BiasKey,
  type BiasVector,
  type TimedEvent,
} from './timing-bias';
import type { VariableDefinition } from './tables/variables';
import type { GaitEvent, Timeline } from './types';
import type { StepUncertainty } from './uncertainty-context';
import { frameInterval } from './uncertainty-points';

/** An event's timing, seconds: the whole per step, and its foot's systematic part with its key. */
export interface Timing {
  readonly du: number;
  readonly sys: number;
  readonly key: BiasKey | null;
}

function eventId(e: GaitEvent): string {
  return `${e.kind}:${e.side}:${e.at}`;
}

/** The bias vector of a value read at an event, changing at `rate` (unit/s) there. */
export function biasOf(t: Timing, rate: number): BiasVector {
  return t.key && t.sys > 0 && rate !== 0 ? { [t.key]: rate * t.sys } : {};
}

/**
 * An event's timing uncertainty in frame intervals: the whole a step carries and its foot's
 * systematic part. Contacts and toe-offs: the measured parts (timing-bias.ts); where the clip's own
 * template places its foot's events less surely than the labelled clips did (its bootstrap spread,
 * `templateSd`, above the measured systematic part), that spread is the systematic part: it moves
 * the foot's every such event together (eventsTemplateSpread.ts, docs/uncertainty.md §8). Midstance
 * and late swing: half a frame of rounding (read at the nearest frame), nothing per foot. One rule
 * for the landmark variables (`timingOf`) and the marker variables (review/marker-uncertainty.ts).
 */
export function eventTimingFrames(e: Pick<GaitEvent, 'kind' | 'templateSd'>): {
  readonly perStep: number;
  readonly systematic: number;
} {
  if (e.kind === 'initial-contact' || e.kind === 'toe-off') {
    const k: TimedEvent = e.kind;
    const sys = Math.max(EVENT_TIMING[k].systematic, e.templateSd ?? 0);
    return { perStep: perStepTiming(k, sys), systematic: sys };
  }
  return { perStep: 0.5, systematic: 0 };
}

/** Timing of an event, s (`eventTimingFrames` × the frame interval there), with its foot's bias key. */
export function timingOf(tl: Timeline, e: GaitEvent): Timing {
  const dt = frameInterval(tl, e.at);
  const f = eventTimingFrames(e);
  const key = e.kind === 'initial-contact' || e.kind === 'toe-off' ? biasKey(e.kind, e.side) : null;
  return { du: f.perStep * dt, sys: f.systematic * dt, key };
}

type TimingWhat = Extract<VariableDefinition['extract'], { kind: 'timing' }>['what'];

/** The uncertainty of one step's time (step, stride, contact, flight, duty factor). */
export function timeUncertainty(what: TimingWhat, step: Step, tl: Timeline): StepUncertainty | null {
  // A time is a difference of two events (from a to b), each known to its measured timing
  // uncertainty; its bias vector is b's foot bias minus a's. Stride time runs from a foot's
  // contact to its next: the foot's bias cancels. Step time mixes the two feet's contacts,
  // contact and flight time a contact and a toe-off.
  type Pair = { u: number; bias: BiasVector; events: Record<string, number> };
  const pair = (a: GaitEvent | null, b: GaitEvent | null): Pair => {
    if (!a || !b) return { u: NaN, bias: {}, events: {} };
    const ta = timingOf(tl, a);
    const tb = timingOf(tl, b);
    const bias: Partial<Record<BiasKey, number>> = {};
    if (tb.key) bias[tb.key] = (bias[tb.key] ?? 0) + tb.sys;
    if (ta.key) bias[ta.key] = (bias[ta.key] ?? 0) - ta.sys;
    // The random part of each end: what is left of its timing once the foot's bias is taken.
    const rand = (t: Timing): number => Math.sqrt(Math.max(0, t.du ** 2 - t.sys ** 2));
    const events = { [eventId(b)]: rand(tb), [eventId(a)]: -rand(ta) };
    return { u: Math.hypot(ta.du, tb.du), bias, events };
  };
  let p: Pair;
  switch (what) {
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
