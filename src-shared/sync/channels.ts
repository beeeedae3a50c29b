/**
 * Which pose signals the synchronisation compares, and how they are read from a landmark series.
 *
 * Two families of per-landmark signals, chosen because two cameras looking at the same body from
 * different directions both see them (a data table, see FAMILIES):
 * - vertical velocity: cameras level with the runner (the clinic set-up: tripods at hip height,
 *   side and rear) see the same up-and-down motion of each point, whatever their direction;
 * - image speed (magnitude of the 2D velocity): whenever a body part moves, it moves in every view
 *   at that same moment, except along a camera's line of sight. It survives cameras that look down
 *   on the person from opposite sides, where vertical image motion mixes height with depth with
 *   opposite signs in the two views.
 * - slow vertical position (SLOW_FAMILY below).
 * Per-side landmarks matter: a foot repeats once per STRIDE, so matching the left foot with the left
 * foot rules out the one-step alias that a pelvis signal (two bumps per stride) leaves.
 */
import { Landmark, type LandmarkName, type LandmarkSeries } from '../pose/landmarks';

export interface SyncLandmark {
  readonly name: LandmarkName;
  /** The landmark it becomes when a pose model swaps left and right. */
  readonly mirror: LandmarkName;
}

const pair = (side: string): SyncLandmark[] => [
  { name: `left${side}` as LandmarkName, mirror: `right${side}` as LandmarkName },
  { name: `right${side}` as LandmarkName, mirror: `left${side}` as LandmarkName },
];

/** Body landmarks both views keep in frame; face points add little and hands track poorly. */
export const SYNC_LANDMARKS: readonly SyncLandmark[] = [
  { name: 'nose', mirror: 'nose' },
  ...['Shoulder', 'Elbow', 'Wrist', 'Hip', 'Knee', 'Ankle', 'Heel', 'FootIndex'].flatMap(pair),
];

export type FamilyName = 'vertical-velocity' | 'speed' | 'slow-vertical';
/** Families that time the alignment to a fraction of a frame. */
export const FAST_FAMILIES: readonly FamilyName[] = ['vertical-velocity', 'speed'];
/**
 * Vertical position below 1 Hz, under the step frequency: the slow, irregular part of the motion
 * (pace changes, the runner settling lower or bouncing higher for a while). Too blunt to time the
 * alignment, but it tells apart alignments one stride apart, which the fast families cannot.
 */
export const SLOW_FAMILY: FamilyName = 'slow-vertical';
export const FAMILIES: readonly FamilyName[] = [...FAST_FAMILIES, SLOW_FAMILY];

/**
 * A landmark below this visibility is treated as missing. MediaPipe reports the far leg of a side
 * view at 0.5–0.8 with usable coordinates, and a guessed, off-screen or occluded point near 0.
 */
export const MIN_VISIBILITY = 0.3;

/** One landmark at the clip's own frames: `t` seconds (true timestamps), x and y pixels or NaN. */
export interface Track {
  readonly name: LandmarkName;
  readonly t: readonly number[];
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** Read the SYNC_LANDMARKS of a series, NaN where the pose is missing or the landmark unsure. */
export function readTracks(series: LandmarkSeries): Track[] {
  const t = series.frames.map((f) => f.t);
  return SYNC_LANDMARKS.map(({ name }) => {
    const i = Landmark[name];
    const at = (k: 0 | 1): number[] =>
      series.frames.map((f) => {
        const p = f.status === 'pose' ? f.image?.[i] : undefined;
        return p && p[3] >= MIN_VISIBILITY && Number.isFinite(p[k]) ? p[k] : NaN;
      });
    return { name, t, x: at(0), y: at(1) };
  });
}

/**
 * Resample values at times `t` onto a uniform grid k / sampleHz (k = 0 … count−1) by linear
 * interpolation between the two frames around each grid time, using each frame's true timestamp
 * scaled by `timeScale` (so a variable frame rate or a slow-motion clip lands on the right time).
 * A grid time between two frames further apart than `maxGapS` (a dropout) gets NaN, not a guess.
 */
export function resample(
  t: readonly number[],
  v: readonly number[],
  sampleHz: number,
  count: number,
  timeScale: number,
  maxGapS: number,
): number[] {
  const times: number[] = [];
  const values: number[] = [];
  t.forEach((ti, i) => {
    const vi = v[i] as number;
    if (Number.isFinite(vi) && Number.isFinite(ti)) {
      times.push(ti * timeScale);
      values.push(vi);
    }
  });
  const out = new Array<number>(count).fill(NaN);
  let j = 0;
  for (let k = 0; k < count; k++) {
    const g = k / sampleHz;
    while (j + 1 < times.length && (times[j + 1] as number) < g) j++;
    const t0 = times[j];
    const t1 = times[j + 1];
    if (t0 === undefined) break;
    // A frame exactly on the grid time is taken as it is, whatever the gap around it.
    if (Math.abs(t0 - g) < 1e-9 || (t1 !== undefined && Math.abs(t1 - g) < 1e-9)) {
      out[k] = values[Math.abs(t0 - g) < 1e-9 ? j : j + 1] as number;
      continue;
    }
    if (t1 === undefined || t0 > g || t1 < g || t1 - t0 > maxGapS) continue;
    const w = (g - t0) / (t1 - t0);
    out[k] = (values[j] as number) * (1 - w) + (values[j + 1] as number) * w;
  }
  return out;
}
