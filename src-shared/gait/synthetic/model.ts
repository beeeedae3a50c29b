/**
 * The synthetic runner's whole body in 3D at any instant: the sagittal design (design.ts) plus the
 * frontal plane (pelvic obliquity, foot lanes, knee valgus shift, lateral trunk lean), arms and head.
 * Centimetres; x forward, y up, z lateral with the runner's right positive; pelvis centre at x = z = 0.
 */
import type { LandmarkName } from '../../pose/landmarks';
import { GaitDesign, type Side, type LegState } from './design';

export interface Vec3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export type Pose3D = Record<LandmarkName, Vec3>;

export interface PoseAt {
  readonly points: Pose3D;
  readonly legs: Record<Side, LegState>;
  /** Sagittal trunk lean, degrees, + = forward (shoulders ahead of hips). */
  readonly trunkLeanDeg: number;
  /** Lateral trunk lean, degrees, + = toward the runner's right. */
  readonly trunkLateralDeg: number;
  /** Pelvic obliquity, degrees, + = left hip higher. */
  readonly obliquityDeg: number;
  readonly pelvisY: number;
}

const rad = (d: number): number => (d * Math.PI) / 180;
const v3 = (x: number, y: number, z: number): Vec3 => ({ x, y, z });
const add = (a: Vec3, b: Vec3): Vec3 => v3(a.x + b.x, a.y + b.y, a.z + b.z);

export function poseAt(design: GaitDesign, t: number): PoseAt {
  const { body, d } = design;
  const legs = { left: design.leg('left', t), right: design.leg('right', t) };
  const beta = rad(design.obliquityDeg(t));
  const pelvisY = design.pelvisY(t);
  const halfHip = (body.hipWidth / 2) * Math.cos(beta);

  // Lateral trunk lean toward whichever side is in stance (both in double support).
  let lateral = 0;
  const uL = design.stanceProgress('left', t);
  const uR = design.stanceProgress('right', t);
  if (uL !== null) lateral -= d.lateralTrunkLeanDeg * Math.sin(Math.PI * uL);
  if (uR !== null) lateral += d.lateralTrunkLeanDeg * Math.sin(Math.PI * uR);
  const lam = rad(d.trunkLeanDeg);
  const mu = rad(lateral);
  const shoulderCentre = v3(
    body.trunk * Math.sin(lam),
    pelvisY + body.trunk * Math.cos(lam) * Math.cos(mu),
    body.trunk * Math.cos(lam) * Math.sin(mu),
  );

  const points: Partial<Record<LandmarkName, Vec3>> = {};
  for (const side of ['left', 'right'] as const) {
    const leg = legs[side];
    const st = side === 'left' ? d.left : d.right;
    const lateralSign = side === 'left' ? -1 : 1;
    const hipZ = lateralSign * halfHip;
    const footZ = lateralSign * st.footLaneCm;
    const u = design.stanceProgress(side, t);
    const medial = u === null ? 0 : st.kneeMedialCm * Math.sin(Math.PI * u);
    const kneeZ = hipZ + (footZ - hipZ) * (body.thigh / (body.thigh + body.shank)) - lateralSign * medial;
    const prefix = side;
    points[`${prefix}Hip`] = v3(leg.hip.x, leg.hip.y, hipZ);
    points[`${prefix}Knee`] = v3(leg.knee.x, leg.knee.y, kneeZ);
    points[`${prefix}Ankle`] = v3(leg.ankle.x, leg.ankle.y, footZ);
    points[`${prefix}Heel`] = v3(leg.heel.x, leg.heel.y, footZ);
    points[`${prefix}FootIndex`] = v3(leg.toe.x, leg.toe.y, footZ);

    // Arms swing opposite to the same-side leg; elbows flexed (90° running, 20° walking). The
    // wrist moves toward the midline at the front of the swing by `wristMedialCm` (arm crossover
    // as seen from behind); the side view, which drops z, is unchanged by it.
    const arm = {
      swingDeg: d.gait === 'running' ? 30 : 15,
      elbowDeg: d.gait === 'running' ? 90 : 20,
      wristMedialCm: 0,
      ...(side === 'left' ? d.leftArm : d.rightArm),
    };
    const shoulder = add(shoulderCentre, v3(0, 0, (lateralSign * body.shoulderWidth) / 2));
    const phase = -Math.cos((2 * Math.PI * (t - design.icTime(side, 0))) / design.strideS);
    const upper = rad(arm.swingDeg * phase);
    const fore = upper + rad(arm.elbowDeg);
    const wristIn = (-lateralSign * arm.wristMedialCm * (1 + phase)) / 2;
    const elbow = add(
      shoulder,
      v3(body.upperArm * Math.sin(upper), -body.upperArm * Math.cos(upper), wristIn / 2),
    );
    const wrist = add(elbow, v3(body.forearm * Math.sin(fore), -body.forearm * Math.cos(fore), wristIn / 2));
    const hand = v3(body.hand * Math.sin(fore), -body.hand * Math.cos(fore), 0);
    points[`${prefix}Shoulder`] = shoulder;
    points[`${prefix}Elbow`] = elbow;
    points[`${prefix}Wrist`] = wrist;
    points[`${prefix}Pinky`] = add(wrist, v3(hand.x, hand.y, lateralSign * 2));
    points[`${prefix}Index`] = add(wrist, v3(hand.x, hand.y, 0));
    points[`${prefix}Thumb`] = add(wrist, v3(hand.x * 0.6, hand.y * 0.6, -lateralSign * 2));
  }

  // Head: upright, carried with the shoulders; proportions from the stature.
  const h = body.statureCm / 175;
  const head = (x: number, y: number, z: number): Vec3 => add(shoulderCentre, v3(x * h, y * h, z * h));
  points.nose = head(9, 17, 0);
  points.leftEyeInner = head(8, 19, -1.5);
  points.leftEye = head(7.5, 19, -3);
  points.leftEyeOuter = head(7, 19, -4.5);
  points.rightEyeInner = head(8, 19, 1.5);
  points.rightEye = head(7.5, 19, 3);
  points.rightEyeOuter = head(7, 19, 4.5);
  points.leftEar = head(-1, 18, -7.5);
  points.rightEar = head(-1, 18, 7.5);
  points.mouthLeft = head(8, 13, -2.5);
  points.mouthRight = head(8, 13, 2.5);

  return {
    points: points as Pose3D,
    legs,
    trunkLeanDeg: d.trunkLeanDeg,
    trunkLateralDeg: lateral,
    obliquityDeg: design.obliquityDeg(t),
    pelvisY,
  };
}
