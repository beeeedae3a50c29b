/**
 * How far the runner's landmarks move when the landmarker is handed a smaller frame: per body
 * region, the distance between each landmark of a reference series (full resolution) and the same
 * landmark of another run, in pixels of the original frame, over every frame where both found the
 * runner. Used by the input-resolution test and bench (docs/pose-engine.md, "Input resolution").
 */
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';

/** MediaPipe Pose landmark indices by region (docs/landmarks-schema.md). */
export const LANDMARK_GROUPS = {
  face: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  shoulders: [11, 12],
  elbows: [13, 14],
  wrists_hands: [15, 16, 17, 18, 19, 20, 21, 22],
  hips: [23, 24],
  knees: [25, 26],
  ankles: [27, 28],
  heels_toes: [29, 30, 31, 32],
} as const;
export type LandmarkGroup = keyof typeof LANDMARK_GROUPS;

export interface GroupDiff {
  readonly n: number;
  /** px of the original frame. */
  readonly medianPx: number;
  readonly p95Px: number;
  /** The same, as a percentage of the runner's median leg length (hip to ankle) in the reference. */
  readonly medianPctLeg: number;
  readonly p95PctLeg: number;
}

export interface SeriesDiff {
  readonly frames: number;
  /** Frames where one run found the runner and the other did not. */
  readonly poseMismatch: number;
  readonly legPx: number;
  readonly groups: Record<LandmarkGroup, GroupDiff>;
}

/** The q-quantile (0..1) of values, linear between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}

export function diffSeries(ref: LandmarkSeries, other: LandmarkSeries, minVisibility = 0): SeriesDiff {
  const n = Math.min(ref.frames.length, other.frames.length);
  const dists = Object.fromEntries(Object.keys(LANDMARK_GROUPS).map((g) => [g, [] as number[]])) as Record<
    LandmarkGroup,
    number[]
  >;
  const legs: number[] = [];
  let mismatch = Math.abs(ref.frames.length - other.frames.length);
  for (let i = 0; i < n; i++) {
    const a = ref.frames[i]!.image;
    const b = other.frames[i]!.image;
    if (!a || !b) {
      if (a || b) mismatch++;
      continue;
    }
    for (const [hip, ankle] of [
      [23, 27],
      [24, 28],
    ] as const)
      legs.push(Math.hypot(a[hip]![0] - a[ankle]![0], a[hip]![1] - a[ankle]![1]));
    for (const [g, idx] of Object.entries(LANDMARK_GROUPS) as [LandmarkGroup, readonly number[]][])
      for (const j of idx) {
        if (a[j]![3] < minVisibility) continue;
        dists[g].push(Math.hypot(a[j]![0] - b[j]![0], a[j]![1] - b[j]![1]));
      }
  }
  const legPx = quantile(legs, 0.5);
  const groups = Object.fromEntries(
    (Object.keys(LANDMARK_GROUPS) as LandmarkGroup[]).map((g) => {
      const d = dists[g];
      const med = quantile(d, 0.5);
      const p95 = quantile(d, 0.95);
      return [
        g,
        {
          n: d.length,
          medianPx: med,
          p95Px: p95,
          medianPctLeg: (100 * med) / legPx,
          p95PctLeg: (100 * p95) / legPx,
        },
      ];
    }),
  ) as Record<LandmarkGroup, GroupDiff>;
  return { frames: n, poseMismatch: mismatch, legPx, groups };
}
