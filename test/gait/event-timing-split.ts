/**
 * Event timing error on the labelled clips, split into a per-foot systematic part and a per-step
 * random part (docs/uncertainty.md §8). For each clip, event kind and foot, the detected minus the
 * labelled frame over the sure labels (scoreClip's pairs): its mean over the foot's events is that
 * foot's bias, its SD the step-to-step scatter. Pooled over clips and feet as a one-way
 * random-effects model (method of moments): random² = the pooled within-foot variance; systematic²
 * = the mean of (bias² − random²/n), i.e. the spread of the feet's biases around zero beyond what
 * the random part alone puts into a mean of n events. Read twice: at the whole frame (where an
 * angle is read) and at the sub-frame position (what the times are computed from).
 */
import { analyzeGait } from '../../src-shared/gait';
import { scoreClip } from '../../src-shared/gait/testing/labels';
import type { LabelledClip } from './labelled-clips';

export type TimedKind = 'initial-contact' | 'toe-off';

export interface FootTiming {
  readonly clip: string;
  readonly tunedOn: boolean;
  readonly held: boolean;
  readonly kind: TimedKind;
  readonly side: 'left' | 'right';
  readonly n: number;
  /** Mean and SD of detected − labelled, frames: whole frames, and sub-frame (frameF). */
  readonly mean: number;
  readonly sd: number;
  readonly meanSub: number;
  readonly sdSub: number;
}

export interface TimingSplit {
  readonly kind: TimedKind;
  readonly feet: number;
  readonly events: number;
  /** Frames (SD): per step, and per foot. */
  readonly random: number;
  readonly systematic: number;
}

const avg = (a: readonly number[]): number => a.reduce((p, q) => p + q, 0) / a.length;
const sdOf = (a: readonly number[]): number => {
  const m = avg(a);
  return a.length > 1 ? Math.sqrt(a.reduce((p, q) => p + (q - m) ** 2, 0) / (a.length - 1)) : NaN;
};

export function footTimings(clip: LabelledClip): FootTiming[] {
  const result = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: clip.heightCm } });
  const score = scoreClip(result, clip.labels);
  const out: FootTiming[] = [];
  for (const kind of ['initial-contact', 'toe-off'] as const)
    for (const side of ['left', 'right'] as const) {
      const m = score.matches.filter((x) => x.kind === kind && x.side === side && x.sure);
      if (m.length === 0) continue;
      const sub = m.map((x) => {
        const e = result.events.find((d) => d.kind === kind && d.side === side && d.frame === x.detected);
        // The labels hold whole frames: the contact instant lies in the interval before the
        // labelled first frame on the belt, the lift-off in the one after the last (scoreClip's
        // contact-time convention), so the sub-frame instant is compared with label ∓ ½ frame.
        const at = kind === 'initial-contact' ? x.label - 0.5 : x.label + 0.5;
        return (e ? e.frameF : x.detected) - at;
      });
      const whole = m.map((x) => x.error);
      out.push({
        clip: clip.id,
        tunedOn: clip.tunedOn,
        held: clip.held,
        kind,
        side,
        n: m.length,
        mean: avg(whole),
        sd: sdOf(whole),
        meanSub: avg(sub),
        sdSub: sdOf(sub),
      });
    }
  return out;
}

/** Pools feet with at least `minEvents` events; `sub` picks the sub-frame reading. */
export function splitTiming(
  feet: readonly FootTiming[],
  kind: TimedKind,
  sub: boolean,
  minEvents = 5,
): TimingSplit {
  const use = feet.filter((f) => f.kind === kind && f.n >= minEvents);
  const dof = use.reduce((a, f) => a + f.n - 1, 0);
  const random2 = use.reduce((a, f) => a + (f.n - 1) * (sub ? f.sdSub : f.sd) ** 2, 0) / dof;
  const sys2 = avg(use.map((f) => (sub ? f.meanSub : f.mean) ** 2 - random2 / f.n));
  return {
    kind,
    feet: use.length,
    events: use.reduce((a, f) => a + f.n, 0),
    random: Math.sqrt(random2),
    systematic: Math.sqrt(Math.max(0, sys2)),
  };
}
