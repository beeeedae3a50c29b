/**
 * Upper-body stage: the arms (shoulder, elbow, wrist) and the head, in the same oriented, y-up
 * pixel frame as the legs (orient.ts: side view mirrored so forward is +x; rear view x toward the
 * patient's right), for the arm variables (arms.ts) and the vertical oscillation (oscillation.ts).
 *
 * Kept out of orient.ts's Body on purpose: the leg stages (cleaning, events, angles) never read
 * these points, and every arm and head value is read from a per-stride least-squares fit
 * (periodic-fit.ts), which does its own smoothing, so the points are taken as the pose model gave
 * them. Labels follow orient's decision: side view, the whole clip's left/right exchange (the
 * shoulders in Body follow the same one); rear view, per frame by the image order of the shoulders
 * (the patient's left is on image-left), as orient does with the hips.
 */
import { Landmark, type LandmarkSeries } from '../pose/landmarks';
import type { Orientation } from './orient';
import type { GaitView, Side, Track } from './types';

export type ArmJoint = 'shoulder' | 'elbow' | 'wrist';

export interface UpperBody {
  readonly view: GaitView;
  /** Seconds, one per frame of the series. */
  readonly t: Float64Array;
  readonly left: Record<ArmJoint, Track>;
  readonly right: Record<ArmJoint, Track>;
  /** Centre of the hips (the trunk's lower end and the rear view's midline). */
  readonly pelvis: Track;
  /**
   * Centre of the face points found (nose, eyes, ears): the points a pose model places most
   * precisely (COCO keypoint spread σ 0.025–0.035 of the object scale, against 0.079 for shoulders
   * and 0.107 for hips [Lin 2014]).
   */
  readonly head: Track;
}

const ARM: Record<Side, Record<ArmJoint, number>> = {
  left: { shoulder: Landmark.leftShoulder, elbow: Landmark.leftElbow, wrist: Landmark.leftWrist },
  right: { shoulder: Landmark.rightShoulder, elbow: Landmark.rightElbow, wrist: Landmark.rightWrist },
};
const FACE = [Landmark.nose, Landmark.leftEye, Landmark.rightEye, Landmark.leftEar, Landmark.rightEar];

type Point = readonly [number, number, number, number, number];

export function upperBody(
  series: LandmarkSeries,
  view: GaitView,
  orientation: Pick<Orientation, 'facing' | 'labelsSwapped'>,
): UpperBody {
  const n = series.frames.length;
  const mk = (): Track => ({
    x: new Float64Array(n).fill(NaN),
    y: new Float64Array(n).fill(NaN),
    v: new Float64Array(n),
  });
  const arms = (): Record<ArmJoint, Track> => ({ shoulder: mk(), elbow: mk(), wrist: mk() });
  const out = { left: arms(), right: arms(), pelvis: mk(), head: mk() };
  const t = new Float64Array(n);
  const dir = view === 'side' && orientation.facing === 'image-left' ? -1 : 1;
  const put = (tr: Track, i: number, x: number, y: number, v: number): void => {
    tr.x[i] = view === 'side' ? dir * x : x;
    tr.y[i] = -y;
    tr.v[i] = Math.max(0, Math.min(1, v));
  };
  series.frames.forEach((f, i) => {
    t[i] = f.t;
    if (f.status !== 'pose' || !f.image) return;
    const pt = (idx: number): Point | null => (f.image?.[idx] as Point | undefined) ?? null;
    let swap = view === 'side' ? orientation.labelsSwapped : false;
    if (view === 'rear') {
      const ls = pt(Landmark.leftShoulder);
      const rs = pt(Landmark.rightShoulder);
      swap = !!(ls && rs && ls[0] > rs[0]);
    }
    for (const side of ['left', 'right'] as const) {
      const from: Side = swap ? (side === 'left' ? 'right' : 'left') : side;
      for (const j of ['shoulder', 'elbow', 'wrist'] as const) {
        const p = pt(ARM[from][j]);
        if (p) put(out[side][j], i, p[0], p[1], p[3]);
      }
    }
    const lh = pt(Landmark.leftHip);
    const rh = pt(Landmark.rightHip);
    if (lh && rh) put(out.pelvis, i, (lh[0] + rh[0]) / 2, (lh[1] + rh[1]) / 2, Math.min(lh[3], rh[3]));
    const face = FACE.map(pt).filter((p): p is Point => p !== null);
    if (face.length) {
      const m = (k: number): number => face.reduce((a, p) => a + (p[k] as number), 0) / face.length;
      put(out.head, i, m(0), m(1), m(3));
    }
  });
  return { view, t, ...out };
}
