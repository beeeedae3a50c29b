/**
 * Musculotendon length of the three hamstrings as a function of hip and knee flexion, from the
 * Delp 1990 / gait2392 geometry (geometry.ts), with hip adduction and rotation at 0: both joints
 * rotate about the model's z axis only, so each point's z stays fixed and the 3D length is exact for
 * this sagittal motion. Normalised to the upright standing length (hip 0, knee 0), the one number
 * comparable across runners, since the model is the generic adult scaled by nothing.
 *
 * Hip flexion here is the femur against the PELVIS. A side video gives the thigh against the
 * vertical; the pelvis' anterior tilt beyond its standing tilt adds to it (hipFromThigh).
 */
import { toRadians, type Degrees, type Radians } from '../../units';
import {
  HAMSTRING_PATHS,
  HIP_CENTRE_IN_PELVIS,
  KNEE_TRANSLATION_X,
  KNEE_TRANSLATION_Y,
  type HamstringMuscle,
  type PathPoint,
} from './geometry';
import { evalSpline, fmmSpline } from './spline';

const KNEE_X = fmmSpline(KNEE_TRANSLATION_X.x, KNEE_TRANSLATION_X.y);
const KNEE_Y = fmmSpline(KNEE_TRANSLATION_Y.x, KNEE_TRANSLATION_Y.y);

type P3 = readonly [number, number, number];

const rotZ = (p: P3, a: number): P3 => [
  p[0] * Math.cos(a) - p[1] * Math.sin(a),
  p[0] * Math.sin(a) + p[1] * Math.cos(a),
  p[2],
];

/** The knee's published translation of the tibia origin in the femur frame, metres (model sign). */
export function kneeTranslation(kneeAngle: Radians): { x: number; y: number } {
  return { x: evalSpline(KNEE_X, kneeAngle), y: evalSpline(KNEE_Y, kneeAngle) };
}

/** A path point in the pelvis frame for hip flexion `hip` and knee flexion `knee` (both + = flexion). */
function inPelvis(p: PathPoint, hip: Radians, knee: Radians): P3 {
  const at: P3 = [p.at.x, p.at.y, p.at.z];
  if (p.body === 'pelvis') return at;
  const q = -knee; // knee_angle_r: flexion negative
  const k = kneeTranslation(q as Radians);
  const inFemur = rotZ(at, q);
  const f: P3 = [inFemur[0] + k.x, inFemur[1] + k.y, inFemur[2]];
  const r = rotZ(f, hip);
  const h = HIP_CENTRE_IN_PELVIS;
  return [r[0] + h.x, r[1] + h.y, r[2] + h.z];
}

/** Whether a conditional point is in the path at this knee flexion (its range is in the model's sign). */
function active(p: PathPoint, knee: Radians): boolean {
  if (!p.activeKneeAngle) return true;
  const q = -knee;
  return q >= p.activeKneeAngle[0] && q <= p.activeKneeAngle[1];
}

/**
 * Path length in metres (of the unscaled model). `pointsAtKnee`: which conditional points are in the
 * path is decided at this knee flexion instead of `knee` (a derivative taken on one branch).
 */
export function musculotendonLength(
  muscle: HamstringMuscle,
  hip: Radians,
  knee: Radians,
  pointsAtKnee: Radians = knee,
): number {
  let len = 0;
  let prev: P3 | null = null;
  for (const p of HAMSTRING_PATHS[muscle]) {
    if (!active(p, pointsAtKnee)) continue;
    const at = inPelvis(p, hip, knee);
    if (prev) len += Math.hypot(at[0] - prev[0], at[1] - prev[1], at[2] - prev[2]);
    prev = at;
  }
  return len;
}

const ZERO = 0 as Radians;
const STANDING: Readonly<Record<HamstringMuscle, number>> = {
  semimembranosus: musculotendonLength('semimembranosus', ZERO, ZERO),
  semitendinosus: musculotendonLength('semitendinosus', ZERO, ZERO),
  'biceps-femoris-long-head': musculotendonLength('biceps-femoris-long-head', ZERO, ZERO),
};

/** Standing (hip 0, knee 0) length of the unscaled model, metres. */
export const standingLength = (muscle: HamstringMuscle): number => STANDING[muscle];

/** Length / standing length (1 = as long as standing upright). */
export function lengthRatio(muscle: HamstringMuscle, hip: Degrees, knee: Degrees): number {
  return musculotendonLength(muscle, toRadians(hip), toRadians(knee)) / STANDING[muscle];
}

/** Half-step of the numerical derivative, degrees: small against the angles' uncertainty (≥ 1°). */
const H_DEG = 0.25;

/**
 * ∂ratio/∂hip and ∂ratio/∂knee per degree, by central differences on the branch of the conditional
 * points active at (hip, knee): a point switching in or out is a step of the model's path (its
 * stand-in for wrapping), not a slope of the muscle, and would make the propagated uncertainty jump.
 */
export function lengthRatioGradient(
  muscle: HamstringMuscle,
  hip: Degrees,
  knee: Degrees,
): { readonly hip: number; readonly knee: number } {
  const at = toRadians(knee);
  const r = (h: number, k: number): number =>
    musculotendonLength(muscle, toRadians(h as Degrees), toRadians(k as Degrees), at) / STANDING[muscle];
  return {
    hip: (r(hip + H_DEG, knee) - r(hip - H_DEG, knee)) / (2 * H_DEG),
    knee: (r(hip, knee + H_DEG) - r(hip, knee - H_DEG)) / (2 * H_DEG),
  };
}

/** Hip flexion against the pelvis from the video's thigh against the vertical, given the pelvis'
 *  anterior tilt beyond standing (0 when unknown: docs/progress.md §1 says so). */
export const hipFromThigh = (
  thighFromVertical: Degrees,
  anteriorTiltBeyondStanding: Degrees = 0 as Degrees,
): Degrees => (thighFromVertical + anteriorTiltBeyondStanding) as Degrees;
