/**
 * What the engine should find in a synthetic clip, computed from the design itself (not from the
 * landmarks): event times, joint angles per frame and the spatiotemporal values.
 *
 * Event definitions (the same ones the engine implements, docs/gait-methods.md):
 * initial contact and toe-off are the designed contact bounds (the foot's lowest point reaches /
 * leaves the belt); midstance is when the stance ankle passes under the pelvis centre; late swing is
 * the peak of hip flexion (thigh vs vertical) in the swing before initial contact.
 */
import type { GaitDesign, Side } from './design';
import { poseAt } from './model';

export type TruthEventKind = 'initial-contact' | 'toe-off' | 'midstance' | 'late-swing';

export interface TruthEvent {
  readonly kind: TruthEventKind;
  readonly side: Side;
  /** Seconds from the start of the clip. */
  readonly t: number;
}

export interface TruthLeg {
  readonly stance: boolean;
  readonly hipFlexionDeg: number;
  readonly kneeFlexionDeg: number;
  readonly ankleDorsiflexionDeg: number;
  /** Heel→toe vs horizontal, + = toes up. */
  readonly footInclinationDeg: number;
  /** Knee→ankle vs vertical, + = ankle ahead of knee. */
  readonly tibiaInclinationDeg: number;
  /** Rear view: thigh vs vertical, + = knee toward the midline. */
  readonly hipAdductionDeg: number;
  /** Rear view: thigh vs shank, + = valgus. */
  readonly kneeFppaDeg: number;
  /** Rear view: heel lateral to the pelvis centre, cm; < 0 = crosses the midline. */
  readonly footLaneCm: number;
}

export interface TruthFrame {
  readonly t: number;
  readonly left: TruthLeg;
  readonly right: TruthLeg;
  readonly trunkLeanDeg: number;
  /** + = toward the runner's right. */
  readonly trunkLateralDeg: number;
  /** + = left hip higher. */
  readonly obliquityDeg: number;
  readonly pelvisYcm: number;
}

const deg = (r: number): number => (r * 180) / Math.PI;

export function truthAt(design: GaitDesign, tModel: number, tClip: number): TruthFrame {
  const pose = poseAt(design, tModel);
  const leg = (side: Side): TruthLeg => {
    const l = pose.legs[side];
    const p = pose.points;
    const hip = side === 'left' ? p.leftHip : p.rightHip;
    const knee = side === 'left' ? p.leftKnee : p.rightKnee;
    const ankle = side === 'left' ? p.leftAnkle : p.rightAnkle;
    const heel = side === 'left' ? p.leftHeel : p.rightHeel;
    // Medial is +z for the left leg, -z for the right leg.
    const m = side === 'left' ? 1 : -1;
    const thighFrontal = deg(Math.atan2(m * (knee.z - hip.z), hip.y - knee.y));
    const shankFrontal = deg(Math.atan2(m * (ankle.z - knee.z), knee.y - ankle.y));
    const tibia = l.thighDeg - l.kneeFlexionDeg;
    return {
      stance: l.stance,
      hipFlexionDeg: l.thighDeg,
      kneeFlexionDeg: l.kneeFlexionDeg,
      ankleDorsiflexionDeg: l.ankleDorsiflexionDeg,
      footInclinationDeg: l.ankleDorsiflexionDeg + tibia,
      tibiaInclinationDeg: tibia,
      hipAdductionDeg: thighFrontal,
      kneeFppaDeg: thighFrontal - shankFrontal,
      footLaneCm: -m * heel.z,
    };
  };
  return {
    t: tClip,
    left: leg('left'),
    right: leg('right'),
    trunkLeanDeg: pose.trunkLeanDeg,
    trunkLateralDeg: pose.trunkLateralDeg,
    obliquityDeg: pose.obliquityDeg,
    pelvisYcm: pose.pelvisY,
  };
}

/** Bisection for a sign change of f in [a, b]. */
function bisect(f: (t: number) => number, a: number, b: number): number | null {
  let fa = f(a);
  const fb = f(b);
  if (fa === 0) return a;
  if (fa * fb > 0) return null;
  let lo = a;
  let hi = b;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fa * fm < 0) hi = mid;
    else {
      lo = mid;
      fa = fm;
    }
  }
  return (lo + hi) / 2;
}

/** Maximum of f on [a, b]: dense scan, then golden-section refinement. */
function argmax(f: (t: number) => number, a: number, b: number): number {
  const n = 400;
  let best = a;
  let bestV = -Infinity;
  for (let i = 0; i <= n; i++) {
    const t = a + ((b - a) * i) / n;
    const v = f(t);
    if (v > bestV) {
      bestV = v;
      best = t;
    }
  }
  let lo = Math.max(a, best - (b - a) / n);
  let hi = Math.min(b, best + (b - a) / n);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const c = hi - g * (hi - lo);
    const d = lo + g * (hi - lo);
    if (f(c) > f(d)) hi = d;
    else lo = c;
  }
  return (lo + hi) / 2;
}

/** Every event whose time falls in the clip [startS, startS + durationS), times relative to the clip. */
export function truthEvents(design: GaitDesign, startS: number, durationS: number): TruthEvent[] {
  const out: TruthEvent[] = [];
  const endS = startS + durationS;
  for (const side of ['left', 'right'] as const) {
    const first = design.strideIndex(side, startS) - 1;
    const last = design.strideIndex(side, endS) + 1;
    for (let i = first; i <= last; i++) {
      const ic = design.icTime(side, i);
      const to = ic + design.contactS;
      const ms = bisect((t) => design.leg(side, t).ankle.x, ic, to);
      const ls = argmax(
        (t) => design.leg(side, t).thighDeg,
        ic - (design.strideS - design.contactS) + 1e-9,
        ic - 1e-9,
      );
      const add = (kind: TruthEventKind, t: number | null): void => {
        if (t !== null && t >= startS && t < endS) out.push({ kind, side, t: t - startS });
      };
      add('late-swing', ls);
      add('initial-contact', ic);
      add('midstance', ms);
      add('toe-off', to);
    }
  }
  return out.sort((a, b) => a.t - b.t);
}
