import { Landmark, type LandmarkSeries } from '../../pose/landmarks';

/** The left leg's knee, ankle, heel and toe: what flickerLeftLeg hides unless told otherwise. */
export const LEFT_LOWER_LEG: readonly number[] = [
  Landmark.leftKnee,
  Landmark.leftAnkle,
  Landmark.leftHeel,
  Landmark.leftFootIndex,
];

/**
 * The left leg's knee, ankle, heel and toe (landmarks 25, 27, 29, 31) flickering at visibility 0.3
 * and 0.6 on alternate frames, as a half-hidden far leg looks to the pose model: such a leg is
 * "not measurable from this view" (docs/uncertainty.md §3). For tests of that rule and what follows
 * from it. `landmarks`: other points to flicker instead (the hip and knee hide the knee
 * angles and leave the foot's events clean, so skin markers can stand in: marker-hybrid.ts).
 */
export function flickerLeftLeg(
  series: LandmarkSeries,
  landmarks: readonly number[] = LEFT_LOWER_LEG,
): LandmarkSeries {
  return {
    ...series,
    frames: series.frames.map((f) =>
      f.status === 'pose' && f.image
        ? {
            ...f,
            image: f.image.map((p, i) =>
              landmarks.includes(i)
                ? ([p[0], p[1], p[2], f.index % 2 ? 0.6 : 0.3, f.index % 2 ? 0.6 : 0.3] as typeof p)
                : p,
            ),
          }
        : f,
    ),
  };
}
