/**
 * Synthetic runner: landmark series with known answers, for the gait engine's tests, the two-view
 * synchronisation and the benchmarks. Pure and seeded. See docs/gait-methods.md ("Synthetic runner").
 *
 *   const clip = generateRunner({ view: 'side', fps: 120, cadence: 172, strike: 'forefoot', noisePx: 1 });
 *   clip.series  // stridelab.landmarks/1, as the pose engine writes it
 *   clip.truth   // events (kind, side, t), joint angles per frame, cadence, contact/flight times
 *
 * Two views of the same run: call it twice with the same design options and seed and different
 * `view` (and `startS`, to offset one clip in time against the other).
 */
import type { LandmarkFrame, LandmarkSeries } from '../../pose/landmarks';
import { bodyFromStature } from './body';
import {
  GaitDesign,
  type ArmStyle,
  type GaitKind,
  type LegStyle,
  type RunnerDesign,
  type StrikeType,
} from './design';
import { poseAt } from './model';
import { createPrng } from './prng';
import { emptySeries, renderFrame, type CameraView, type DropoutState, type Facing } from './render';
import { truthAt, truthEvents, type TruthEvent, type TruthFrame } from './truth';

export type { ArmStyle, GaitKind, LegStyle, Side, StrikeType } from './design';
export type { CameraView, Facing } from './render';
export type { TruthEvent, TruthEventKind, TruthFrame, TruthLeg } from './truth';
export { createPrng, type Prng } from './prng';
export { GaitDesign } from './design';
export { poseAt } from './model';

export interface SyntheticOptions {
  readonly view: CameraView;
  /** Frames per second (30, 60, 120, 240 ...). Default 60. */
  readonly fps?: number;
  /** Clip length, seconds. Default 8. */
  readonly durationS?: number;
  /** Time into the run at which the clip starts, seconds. Default 0.113 (not on an event). */
  readonly startS?: number;
  /** Side view: where the runner faces. Default 'image-right'. */
  readonly facing?: Facing;
  readonly gait?: GaitKind;
  /** Steps per minute. Default 170 running, 110 walking. */
  readonly cadence?: number;
  readonly strike?: StrikeType;
  readonly statureCm?: number;
  readonly speedKmh?: number;
  /** Contact time / stride time. Default 0.36 running, 0.62 walking. */
  readonly dutyFactor?: number;
  readonly kneeAtIcDeg?: number;
  /** Running: peak stance knee flexion and knee flexion at toe-off. Defaults 42° and 24°. */
  readonly stanceKneePeakDeg?: number;
  readonly kneeAtToDeg?: number;
  readonly trunkLeanDeg?: number;
  readonly lateralTrunkLeanDeg?: number;
  readonly left?: Partial<LegStyle>;
  readonly right?: Partial<LegStyle>;
  /** Arm carriage per side (swing, elbow flexion, wrist toward the midline). */
  readonly leftArm?: Partial<ArmStyle>;
  readonly rightArm?: Partial<ArmStyle>;
  /** The whole runner drifting up (+) or down in the image, cm per second: a runner rising on the
   *  belt or a camera settling; no part of the vertical oscillation. */
  readonly driftCmPerS?: number;
  /** Image size, pixels. Default 1280x720 (side), 720x1280 (rear). */
  readonly width?: number;
  readonly height?: number;
  /** Image scale. Default: the runner's stature spans 75% of the image height. */
  readonly pxPerCm?: number;
  readonly cameraYawDeg?: number;
  readonly labels?: 'anatomical' | 'swapped';
  readonly noisePx?: number;
  readonly dropoutRate?: number;
  readonly dropoutMaxFrames?: number;
  readonly noPoseRate?: number;
  /** Timestamp jitter as a fraction of the frame period (variable frame rate). Default 0. */
  readonly timeJitter?: number;
  readonly seed?: number;
}

export interface SyntheticTruth {
  readonly events: readonly TruthEvent[];
  readonly frames: readonly TruthFrame[];
  readonly cadence: number;
  readonly strideS: number;
  readonly stepS: number;
  readonly contactS: number;
  /** Negative for walking (double support). */
  readonly flightS: number;
  readonly dutyFactor: number;
  readonly verticalOscillationCm: number;
  readonly statureCm: number;
  readonly pxPerCm: number;
}

export interface SyntheticClip {
  readonly series: LandmarkSeries;
  readonly truth: SyntheticTruth;
  readonly design: GaitDesign;
}

const RUNNING_LEG: LegStyle = {
  pelvicDropDeg: 4,
  kneeMedialCm: 1.5,
  footLaneCm: 6,
  heelAheadAtIcCm: 22,
  swingKneePeakDeg: 95,
  lateSwingHipFlexionDeg: 34,
};
const WALKING_LEG: LegStyle = {
  pelvicDropDeg: 3,
  kneeMedialCm: 0.5,
  footLaneCm: 7,
  heelAheadAtIcCm: 30,
  swingKneePeakDeg: 60,
  lateSwingHipFlexionDeg: 28,
};

/** The runner's design from options, with defaults for a recreational runner (or walker). */
export function designFromOptions(o: Omit<SyntheticOptions, 'view'>): RunnerDesign {
  const gait = o.gait ?? 'running';
  const running = gait === 'running';
  const leg = running ? RUNNING_LEG : WALKING_LEG;
  return {
    gait,
    strike: o.strike ?? (running ? 'rearfoot' : 'rearfoot'),
    cadence: o.cadence ?? (running ? 170 : 110),
    speedCmS: ((o.speedKmh ?? (running ? 11 : 4.5)) * 100000) / 3600,
    dutyFactor: o.dutyFactor ?? (running ? 0.36 : 0.62),
    kneeAtIcDeg: o.kneeAtIcDeg ?? (running ? 18 : 3),
    stanceKneePeakDeg: o.stanceKneePeakDeg ?? 42,
    kneeAtToDeg: o.kneeAtToDeg ?? 24,
    trunkLeanDeg: o.trunkLeanDeg ?? (running ? 8 : 3),
    lateralTrunkLeanDeg: o.lateralTrunkLeanDeg ?? 3,
    leftIcS: 0,
    left: { ...leg, ...o.left },
    right: { ...leg, ...o.right },
    ...(o.leftArm ? { leftArm: o.leftArm } : {}),
    ...(o.rightArm ? { rightArm: o.rightArm } : {}),
  };
}

export function generateRunner(o: SyntheticOptions): SyntheticClip {
  const fps = o.fps ?? 60;
  const durationS = o.durationS ?? 8;
  const startS = o.startS ?? 0.113;
  const statureCm = o.statureCm ?? 175;
  const width = o.width ?? (o.view === 'rear' ? 720 : 1280);
  const height = o.height ?? (o.view === 'rear' ? 1280 : 720);
  const pxPerCm = o.pxPerCm ?? (0.75 * height) / statureCm;
  const design = new GaitDesign(designFromOptions(o), bodyFromStature(statureCm));
  const cam = {
    view: o.view,
    facing: o.facing ?? 'image-right',
    width,
    height,
    pxPerCm,
    yawDeg: o.cameraYawDeg ?? 0,
    labels: o.labels ?? 'anatomical',
  } as const;
  const noise = {
    noisePx: o.noisePx ?? 0,
    dropoutRate: o.dropoutRate ?? 0,
    dropoutMaxFrames: o.dropoutMaxFrames ?? 3,
    noPoseRate: o.noPoseRate ?? 0,
  };
  const rng = createPrng(o.seed ?? 1);
  const jitter = o.timeJitter ?? 0;
  const frameCount = Math.round(durationS * fps);
  const frames: LandmarkFrame[] = [];
  const truthFrames: TruthFrame[] = [];
  const dropouts: DropoutState[] = [];
  for (let i = 0; i < frameCount; i++) {
    const t = i === 0 ? 0 : Math.max((i - 1 + 0.5) / fps, (i + (rng.next() - 0.5) * jitter) / fps);
    const tModel = startS + t;
    const frame = renderFrame(poseAt(design, tModel).points, i, t, cam, noise, rng, dropouts);
    const drift = (o.driftCmPerS ?? 0) * pxPerCm * t;
    frames.push(
      drift && frame.image
        ? {
            ...frame,
            image: frame.image.map(([x, y, ...rest]) => [x, y - drift, ...rest]) as typeof frame.image,
          }
        : frame,
    );
    truthFrames.push(truthAt(design, tModel, t));
  }
  // Vertical oscillation: pelvis range over one stride, sampled finely.
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k <= 2000; k++) {
    const y = design.pelvisY((k / 2000) * design.strideS);
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  const strideS = design.strideS;
  const truth: SyntheticTruth = {
    events: truthEvents(design, startS, frameCount / fps),
    frames: truthFrames,
    cadence: design.d.cadence,
    strideS,
    stepS: strideS / 2,
    contactS: design.contactS,
    flightS: strideS / 2 - design.contactS,
    dutyFactor: design.d.dutyFactor,
    verticalOscillationCm: hi - lo,
    statureCm,
    pxPerCm,
  };
  const name = `synthetic-${design.d.gait}-${o.view}-${fps}fps.json`;
  return { series: emptySeries(name, cam, fps, frames, jitter > 0), truth, design };
}
