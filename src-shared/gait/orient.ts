/**
 * Orientation stage: landmark series (image pixels, y down) → per-side joint trajectories in an
 * oriented, y-up frame, with left and right meaning the patient's anatomical sides.
 *
 * Side view: the running direction is read per clip from the feet (toe ahead of heel) and the head
 * (nose ahead of the ears); the frame is mirrored so that forward is +x, so no sagittal variable
 * changes sign with the direction (the complaint against tools that do not, e.g. Sports2D). Pose
 * models often confuse left and right in profile, so the labels are not trusted: the leg nearer the
 * camera is found from depth (MediaPipe z, smaller = nearer) and visibility, and is the patient's
 * right leg when they run toward image-right (camera on their right), the left leg otherwise. This
 * assumes an unmirrored camera image. Frames where the model gives a leg's points to the other leg
 * are found by the whole-clip search of orientSwaps.ts.
 *
 * Rear view: the camera is behind the patient and the image is not mirrored, so the patient's left
 * is on image-left. Hips never cross in a rear view, so each frame's labels are set by the image x
 * order of the two hips.
 */
import { median } from '../stats';
import { Landmark, type LandmarkSeries } from '../pose/landmarks';
import { fixLegSwaps, legLength } from './orientSwaps';
import { JOINTS, type Body, type GaitView, type Joint, type Side, type Timeline, type Track } from './types';

const INDEX: Record<Side, Record<Joint, number>> = {
  left: {
    shoulder: Landmark.leftShoulder,
    hip: Landmark.leftHip,
    knee: Landmark.leftKnee,
    ankle: Landmark.leftAnkle,
    heel: Landmark.leftHeel,
    toe: Landmark.leftFootIndex,
  },
  right: {
    shoulder: Landmark.rightShoulder,
    hip: Landmark.rightHip,
    knee: Landmark.rightKnee,
    ankle: Landmark.rightAnkle,
    heel: Landmark.rightHeel,
    toe: Landmark.rightFootIndex,
  },
};
const LEG: readonly Joint[] = ['hip', 'knee', 'ankle', 'heel', 'toe'];

export interface Orientation {
  readonly view: GaitView;
  /** Side view: where the patient faces in the image. */
  readonly facing: 'image-right' | 'image-left' | null;
  /** Side view: the patient's side nearer the camera. */
  readonly nearSide: Side | null;
  /** Whether the pose model's left/right labels were swapped to match the anatomy (side view: whole clip). */
  readonly labelsSwapped: boolean;
  /** Frames whose leg labels were exchanged frame by frame (side view: single-frame left/right
   *  confusions of the pose model; rear view: frames whose hips were labelled the wrong way round). */
  readonly framesSwapped: number;
  /** Single-frame landmark jumps removed (left to the cleaning stage to fill). */
  readonly spikesDropped: number;
  /** Agreement of the per-frame votes with the clip's decision, 0..1 (direction and near side). */
  readonly directionAgreement: number;
  readonly nearSideAgreement: number;
}

export interface Oriented {
  readonly body: Body;
  readonly timeline: Timeline;
  readonly orientation: Orientation;
}

type Point = readonly [number, number, number, number, number];

export function orient(series: LandmarkSeries, view: GaitView): Oriented {
  const n = series.frames.length;
  const t = new Float64Array(n);
  const frame = new Int32Array(n);
  series.frames.forEach((f, i) => {
    t[i] = f.t;
    frame[i] = f.index;
  });
  const pt = (i: number, idx: number): Point | null => {
    const f = series.frames[i];
    if (!f || f.status !== 'pose' || !f.image) return null;
    return (f.image[idx] as Point | undefined) ?? null;
  };

  // --- Side view: direction and near leg, decided once per clip.
  let dir = 1;
  let swapAll = false;
  let facing: Orientation['facing'] = null;
  let nearSide: Side | null = null;
  let directionAgreement = 1;
  let nearSideAgreement = 1;
  if (view === 'side') {
    const votes: number[] = [];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (const side of ['left', 'right'] as const) {
        const heel = pt(i, INDEX[side].heel);
        const toe = pt(i, INDEX[side].toe);
        if (heel && toe) s += Math.sign(toe[0] - heel[0]) * Math.min(heel[3], toe[3]);
      }
      const nose = pt(i, Landmark.nose);
      const le = pt(i, Landmark.leftEar);
      const re = pt(i, Landmark.rightEar);
      if (nose && le && re) s += Math.sign(nose[0] - (le[0] + re[0]) / 2) * nose[3];
      if (s !== 0) votes.push(Math.sign(s));
    }
    const m = votes.reduce((a, b) => a + b, 0);
    dir = m >= 0 ? 1 : -1;
    facing = dir > 0 ? 'image-right' : 'image-left';
    directionAgreement = votes.length ? votes.filter((v) => v === dir).length / votes.length : 0;

    // Near leg: the labelled-left leg is nearer when its depth is smaller and its visibility higher.
    const near: number[] = [];
    for (let i = 0; i < n; i++) {
      let dz = 0;
      let dv = 0;
      let k = 0;
      for (const j of LEG) {
        const l = pt(i, INDEX.left[j]);
        const r = pt(i, INDEX.right[j]);
        if (!l || !r) continue;
        dz += l[2] - r[2];
        dv += l[3] - r[3];
        k++;
      }
      if (k === 0) continue;
      const vote = Math.sign(-Math.sign(dz) + Math.sign(dv) * 0.5);
      if (vote !== 0) near.push(vote);
    }
    const leftLabelNear = near.reduce((a, b) => a + b, 0) >= 0;
    nearSideAgreement = near.length
      ? near.filter((v) => v === (leftLabelNear ? 1 : -1)).length / near.length
      : 0;
    nearSide = dir > 0 ? 'right' : 'left';
    swapAll = (nearSide === 'left') !== leftLabelNear;
  }

  // --- Build the oriented tracks.
  const mk = (): Track => ({
    x: new Float64Array(n).fill(NaN),
    y: new Float64Array(n).fill(NaN),
    v: new Float64Array(n),
  });
  const body: Body = {
    left: Object.fromEntries(JOINTS.map((j) => [j, mk()])) as Record<Joint, Track>,
    right: Object.fromEntries(JOINTS.map((j) => [j, mk()])) as Record<Joint, Track>,
  };
  let framesSwapped = 0;
  for (let i = 0; i < n; i++) {
    let swap = swapAll;
    if (view === 'rear') {
      const lh = pt(i, INDEX.left.hip);
      const rh = pt(i, INDEX.right.hip);
      swap = !!(lh && rh && lh[0] > rh[0]);
      if (swap) framesSwapped++;
    }
    for (const side of ['left', 'right'] as const) {
      const from: Side = swap ? (side === 'left' ? 'right' : 'left') : side;
      for (const j of JOINTS) {
        const p = pt(i, INDEX[from][j]);
        if (!p) continue;
        const tr = body[side][j];
        tr.x[i] = view === 'side' ? dir * p[0] : p[0];
        tr.y[i] = -p[1];
        tr.v[i] = Math.max(0, Math.min(1, p[3]));
      }
    }
  }
  const framesRelabelled = view === 'side' ? fixLegSwaps(body) : 0;
  const spikes = dropSpikes(body);
  if (view === 'rear') nearSideAgreement = 1;
  return {
    body,
    timeline: { t, frame, fps: series.source.fps },
    orientation: {
      view,
      facing,
      nearSide,
      labelsSwapped: swapAll || framesSwapped > n / 2,
      framesSwapped: view === 'rear' ? framesSwapped : framesRelabelled,
      spikesDropped: spikes,
      directionAgreement,
      nearSideAgreement,
    },
  };
}

/**
 * Single-frame jumps: a leg point that leaves its path by more than 15% of a leg length and comes
 * straight back on the next frame (e.g. the model putting both ankles on the same foot for one
 * frame) is marked missing (visibility 0), for the cleaning stage to fill from its neighbours. A
 * real movement that fast and that short would need accelerations of tens of g.
 */
function dropSpikes(body: Body): number {
  const n = body.left.hip.x.length;
  const leg = legLength(body);
  if (!Number.isFinite(leg)) return 0;
  let dropped = 0;
  for (const side of ['left', 'right'] as const) {
    for (const j of LEG) {
      const tr = body[side][j];
      for (let i = 1; i + 1 < n; i++) {
        const d = (a: number, b: number): number =>
          Math.hypot((tr.x[a] as number) - (tr.x[b] as number), (tr.y[a] as number) - (tr.y[b] as number));
        const out = d(i, i - 1);
        const back = d(i, i + 1);
        const across = d(i - 1, i + 1);
        if (out > 0.15 * leg && back > 0.15 * leg && across < 0.5 * Math.min(out, back)) {
          tr.v[i] = 0;
          dropped++;
        }
      }
    }
  }
  return dropped;
}

export { median };
