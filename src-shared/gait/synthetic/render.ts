/**
 * Films the synthetic runner: orthographic projection of the 3D pose (model.ts) into a side or rear
 * camera, at a frame rate, with optional pixel noise, foot dropouts, missing poses, a camera not
 * perpendicular to the running direction (yaw), swapped left/right labels and jittered timestamps.
 * The output is a `stridelab.landmarks/1` series, exactly what the pose engine writes.
 *
 * Depth and visibility imitate MediaPipe Pose: `z` is relative depth to the hips with smaller values
 * nearer the camera, in the same scale as x [MediaPipe Pose Landmarker docs]; the far leg in a side
 * view gets a lower visibility than the near leg.
 */
import { Landmark, type LandmarkFrame, type LandmarkName, type LandmarkSeries } from '../../pose/landmarks';
import type { Prng } from './prng';
import type { Pose3D, Vec3 } from './model';

export type CameraView = 'side' | 'rear';
export type Facing = 'image-right' | 'image-left';

export interface CameraOptions {
  readonly view: CameraView;
  /** Side view only: where the runner faces in the image. */
  readonly facing: Facing;
  readonly width: number;
  readonly height: number;
  readonly pxPerCm: number;
  /** Camera rotation about the vertical axis away from the ideal view, degrees. */
  readonly yawDeg: number;
  /** 'swapped' labels every left landmark as right and vice versa, as a confused pose model would. */
  readonly labels: 'anatomical' | 'swapped';
}

export interface NoiseOptions {
  /** SD of Gaussian pixel noise on x and y. */
  readonly noisePx: number;
  /** Probability per frame that a foot dropout starts. */
  readonly dropoutRate: number;
  /** Longest dropout, frames. */
  readonly dropoutMaxFrames: number;
  /** Probability per frame that the pose model finds no pose at all. */
  readonly noPoseRate: number;
}

const NAMES = Object.keys(Landmark) as LandmarkName[];
const FOOT: readonly LandmarkName[] = ['Ankle', 'Heel', 'FootIndex'].flatMap((p) => [
  `left${p}`,
  `right${p}`,
]) as LandmarkName[];

function mirrorName(name: LandmarkName): LandmarkName {
  if (name.startsWith('left')) return `right${name.slice(4)}` as LandmarkName;
  if (name.startsWith('right')) return `left${name.slice(5)}` as LandmarkName;
  if (name === 'mouthLeft') return 'mouthRight';
  if (name === 'mouthRight') return 'mouthLeft';
  return name;
}

function isLeftSide(name: LandmarkName): boolean {
  return name.startsWith('left') || name === 'mouthLeft';
}
function isLeg(name: LandmarkName): boolean {
  return /Hip|Knee|Ankle|Heel|FootIndex/.test(name);
}

/** Image x, y (pixels) and MediaPipe-style depth of one 3D point. */
export function project(p: Vec3, cam: CameraOptions): [number, number, number] {
  const yaw = (cam.yawDeg * Math.PI) / 180;
  const x = p.x * Math.cos(yaw) + p.z * Math.sin(yaw);
  const z = -p.x * Math.sin(yaw) + p.z * Math.cos(yaw);
  const s = cam.pxPerCm;
  const groundY = cam.height * 0.9;
  const y = groundY - s * p.y;
  if (cam.view === 'rear') return [cam.width / 2 + s * z, y, s * x];
  // Facing image-right, the camera sees the runner's right side (right = +z nearer); facing
  // image-left it sees the left side, and the image is the mirror image in x.
  return cam.facing === 'image-right'
    ? [cam.width / 2 + s * x, y, -s * z]
    : [cam.width / 2 - s * x, y, s * z];
}

function visibilityOf(name: LandmarkName, cam: CameraOptions): number {
  if (cam.view === 'rear') return /nose|Eye|mouth/.test(name) ? 0.4 : 0.95;
  const nearLeft = cam.facing === 'image-left';
  const near = isLeftSide(name) === nearLeft;
  if (isLeg(name)) return near ? 0.97 : 0.72;
  return near ? 0.95 : 0.85;
}

export interface DropoutState {
  landmark: LandmarkName;
  framesLeft: number;
  dx: number;
  dy: number;
}

/** One frame of the series from a pose. `dropouts` carries multi-frame dropouts between calls. */
export function renderFrame(
  pose: Pose3D,
  index: number,
  t: number,
  cam: CameraOptions,
  noise: NoiseOptions,
  rng: Prng,
  dropouts: DropoutState[],
): LandmarkFrame {
  if (noise.noPoseRate > 0 && rng.next() < noise.noPoseRate) return { index, t, status: 'no-pose' };
  if (noise.dropoutRate > 0 && rng.next() < noise.dropoutRate) {
    const landmark = FOOT[Math.floor(rng.next() * FOOT.length)] as LandmarkName;
    const framesLeft = 1 + Math.floor(rng.next() * noise.dropoutMaxFrames);
    const jump = 10 + 20 * noise.noisePx;
    dropouts.push({
      landmark,
      framesLeft,
      dx: (rng.next() - 0.5) * 2 * jump,
      dy: (rng.next() - 0.5) * 2 * jump,
    });
  }
  const pelvis: Vec3 = {
    x: (pose.leftHip.x + pose.rightHip.x) / 2,
    y: (pose.leftHip.y + pose.rightHip.y) / 2,
    z: (pose.leftHip.z + pose.rightHip.z) / 2,
  };
  const pelvisDepth = project(pelvis, cam)[2];
  const image: [number, number, number, number, number][] = [];
  for (const outName of NAMES) {
    const name = cam.labels === 'swapped' ? mirrorName(outName) : outName;
    const [x, y, z] = project(pose[name], cam);
    let vis = visibilityOf(name, cam);
    let nx = x + noise.noisePx * rng.gaussian();
    let ny = y + noise.noisePx * rng.gaussian();
    const drop = dropouts.find((dr) => dr.landmark === name);
    if (drop) {
      vis = 0.1;
      nx += drop.dx;
      ny += drop.dy;
    }
    image[Landmark[outName]] = [nx, ny, z - pelvisDepth, vis, vis];
  }
  for (const dr of dropouts) dr.framesLeft -= 1;
  for (let i = dropouts.length - 1; i >= 0; i--)
    if ((dropouts[i] as DropoutState).framesLeft <= 0) dropouts.splice(i, 1);
  return { index, t, status: 'pose', image };
}

export function emptySeries(
  file: string,
  cam: CameraOptions,
  fps: number,
  frames: LandmarkFrame[],
  vfr: boolean,
): LandmarkSeries {
  const last = frames[frames.length - 1];
  return {
    schema: 'stridelab.landmarks/1',
    source: {
      file,
      width: cam.width,
      height: cam.height,
      fps,
      frameCount: frames.length,
      durationS: last ? last.t + 1 / fps : 0,
      variableFrameRate: vfr,
    },
    model: { name: 'external', version: 'synthetic-runner' },
    frames,
  };
}
