import { POSE_FLOATS, POSE_WORLD_OFFSET, type PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { LANDMARK_COUNT, type LandmarkFrame, type LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { upright } from '../../../src-shared/pose/upright';
import type { ClipInfo } from './probe';
import { selectPerson, type Box, type Pick } from './track';

/**
 * The engine's raw output for a clip: every frame with every pose MediaPipe returned (up to
 * numPoses), before a person is chosen. Kept in the store so the user can pick another person
 * without running detection again.
 */
export interface PoseCandidates {
  readonly source: ClipInfo;
  readonly model: PoseModelName;
  readonly numPoses: number;
  readonly frames: readonly CandidateFrame[];
}

export interface CandidateFrame {
  readonly t: number;
  /** count × POSE_FLOATS, layout of src-shared/pose/engine-protocol.ts */
  readonly poses: Float32Array;
}

export const poseCount = (f: CandidateFrame): number => f.poses.length / POSE_FLOATS;

/** Bounding box of a pose's 33 image landmarks (pixels). */
export function poseBox(poses: Float32Array, p: number): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const base = p * POSE_FLOATS;
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const x = poses[base + i * 5]!;
    const y = poses[base + i * 5 + 1]!;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { x0, y0, x1, y1 };
}

/** Round to what the measurement supports (keeps the JSON small; see docs/landmarks-schema.md). */
const r = (v: number, digits: number): number => {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
};

/** The chosen person's landmarks in a frame, in the shared schema's tuples. */
function frameOf(index: number, f: CandidateFrame, p: number): LandmarkFrame {
  if (p < 0) return { index, t: r(f.t, 6), status: 'no-pose' };
  const base = p * POSE_FLOATS;
  const image = [];
  const world = [];
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const o = base + i * 5;
    image.push([
      r(f.poses[o]!, 2),
      r(f.poses[o + 1]!, 2),
      r(f.poses[o + 2]!, 5),
      r(f.poses[o + 3]!, 4),
      r(f.poses[o + 4]!, 4),
    ] as [number, number, number, number, number]);
    const w = base + POSE_WORLD_OFFSET + i * 3;
    world.push([r(f.poses[w]!, 5), r(f.poses[w + 1]!, 5), r(f.poses[w + 2]!, 5)] as [number, number, number]);
  }
  return { index, t: r(f.t, 6), status: 'pose', image, world };
}

/**
 * The person followed (default: the runner; or the one at `pick`): per frame the index of his
 * candidate (-1 where he is not found), and his box there (null where not found).
 */
export function choosePerson(c: PoseCandidates, pick?: Pick): { choice: number[]; boxes: (Box | null)[] } {
  // Only upright poses can be the runner (src-shared/pose/upright.ts): a skeleton with its nose
  // below its ankles is the model lost, not a person; that frame is then one without him.
  const kept = c.frames.map((f) =>
    Array.from({ length: poseCount(f) }, (_, p) => p).filter((p) =>
      upright((i) => f.poses[p * POSE_FLOATS + i * 5 + 1]!),
    ),
  );
  const boxes = c.frames.map((f, i) => kept[i]!.map((p) => poseBox(f.poses, p)));
  const chosen = selectPerson(boxes, { width: c.source.width, height: c.source.height, pick });
  return {
    choice: chosen.map((k, i) => (k >= 0 ? kept[i]![k]! : -1)),
    boxes: chosen.map((k, i) => (k >= 0 ? boxes[i]![k]! : null)),
  };
}

/** Choose the person (default: the runner; or the one at `pick`) and build the landmark series. */
export function toSeries(c: PoseCandidates, pick?: Pick): LandmarkSeries {
  const { choice } = choosePerson(c, pick);
  return {
    schema: 'stridelab.landmarks/1',
    source: c.source,
    model: { name: c.model, version: MODEL_VERSION },
    frames: c.frames.map((f, i) => frameOf(i, f, choice[i]!)),
  };
}

/** The models' provenance: `@mediapipe/pose` landmark models + genuine task metadata. */
export const MODEL_VERSION = 'mediapipe-pose-0.5.1675469404+tasks-vision-1.1.0';

/** Runs of consecutive frames without a pose, as inclusive [first, last] frame indices. */
export function noPoseRanges(series: LandmarkSeries): [number, number][] {
  const out: [number, number][] = [];
  for (const f of series.frames) {
    if (f.status === 'pose') continue;
    const last = out[out.length - 1];
    if (last && last[1] === f.index - 1) last[1] = f.index;
    else out.push([f.index, f.index]);
  }
  return out;
}

/** "frames 12–40" / "frame 7", for messages to a PT. */
export const frameRange = ([a, b]: [number, number]): string => (a === b ? `frame ${a}` : `frames ${a}–${b}`);
