/**
 * Per step: the hamstring's greatest length in late swing, from the leg's hip and knee flexion over
 * the frames from its late-swing event (peak thigh flexion, events.ts) to its initial contact. Past
 * peak thigh flexion the knee keeps extending, and the muscle–tendon unit reaches its greatest
 * length near 90% of the stride, before contact [Thelen 2005; Chumanov 2011], so the peak of the
 * length is sought over that window rather than read from the two angles' separate extremes (which
 * do not fall on the same frame).
 *
 * Its uncertainty comes from the two angles' at that frame, through the model's slopes (numerical
 * derivative, length.ts) [JCGM 100:2008, 5.1.2]: hip and knee as independent. At a peak the rate is
 * zero, so the event timing adds nothing (as for the other peaks, uncertainty.ts).
 */
import type { Degrees } from '../../units';
import type { HamstringMuscle } from './geometry';
import { hipFromThigh, lengthRatio, lengthRatioGradient } from './length';

export interface HamstringPeak {
  /** Frame of the greatest length in the window. */
  readonly at: number;
  /** Length / standing length there. */
  readonly ratio: number;
}

/**
 * The frame and value of the greatest length ratio in [from, to] (frames, inclusive), or null when
 * no frame in it has both angles. Hip flexion is the thigh against the vertical, taken as against
 * the pelvis (the pelvis at its standing tilt: no pelvis landmark in a side video says otherwise).
 */
export function hamstringPeak(
  muscle: HamstringMuscle,
  thigh: ArrayLike<number>,
  knee: ArrayLike<number>,
  from: number,
  to: number,
): HamstringPeak | null {
  let best: HamstringPeak | null = null;
  for (let i = Math.max(0, from); i <= Math.min(thigh.length - 1, knee.length - 1, to); i++) {
    const h = thigh[i] as number;
    const k = knee[i] as number;
    if (!Number.isFinite(h) || !Number.isFinite(k)) continue;
    const ratio = lengthRatio(muscle, hipFromThigh(h as Degrees), k as Degrees);
    if (!best || ratio > best.ratio) best = { at: i, ratio };
  }
  return best;
}

/** The part of an angle's uncertainty that this needs (uncertainty.ts's StepUncertainty has more). */
export interface AngleU {
  readonly u: number;
  readonly systematic: number;
  readonly occlusion: number;
  readonly visibility: number | null;
}

/**
 * The ratio's uncertainty from the hip's and knee's at the peak frame: each part scaled by the
 * model's slope there and summed in quadrature. Ratio units (0.01 = 1% of the standing length).
 */
export function hamstringUncertainty(
  muscle: HamstringMuscle,
  thighDeg: number,
  kneeDeg: number,
  hip: AngleU,
  knee: AngleU,
): AngleU {
  const g = lengthRatioGradient(muscle, hipFromThigh(thighDeg as Degrees), kneeDeg as Degrees);
  const q = (a: number, b: number): number => Math.hypot(g.hip * a, g.knee * b);
  const vis =
    hip.visibility === null || knee.visibility === null ? null : (hip.visibility + knee.visibility) / 2;
  return {
    u: q(hip.u, knee.u),
    systematic: q(hip.systematic, knee.systematic),
    occlusion: q(hip.occlusion, knee.occlusion),
    visibility: vis,
  };
}
