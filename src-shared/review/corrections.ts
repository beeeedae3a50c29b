/**
 * Hand corrections of landmarks. The model's output is never overwritten: a correction is stored
 * beside it (one row per recording, frame and landmark) and applied on read, so removing a correction
 * brings the model's point back, and the report can say how many points a PT moved.
 *
 * `applyCorrections` is what every consumer (review overlays, the gait engine, the report) runs on a
 * landmark series before using it.
 */
import { z } from 'zod';
import { Landmark, LANDMARK_COUNT, type LandmarkName, type LandmarkSeries } from '../pose/landmarks';

export const LandmarkNameSchema = z.enum(Object.keys(Landmark) as [LandmarkName, ...LandmarkName[]]);

export interface Correction {
  readonly recordingId: string;
  readonly frame: number;
  readonly landmark: LandmarkName;
  /** Image pixels of the displayed frame, as the series. */
  readonly x: number;
  readonly y: number;
  readonly updatedAt: string;
}

/**
 * A corrected point counts as fully visible and present: the PT has seen where it is. Its depth (z)
 * stays the model's, as a 2D drag says nothing about depth.
 */
export const CORRECTED_CONFIDENCE = 1;

/**
 * The series with corrections applied. Frames with no pose get one only when every landmark was
 * placed by hand, which a PT will not do; a correction on such a frame is kept but not applied.
 * Returns a new series; the input is not changed.
 */
export function applyCorrections(series: LandmarkSeries, corrections: readonly Correction[]): LandmarkSeries {
  if (corrections.length === 0) return series;
  const byFrame = new Map<number, Correction[]>();
  for (const c of corrections) {
    const list = byFrame.get(c.frame) ?? [];
    list.push(c);
    byFrame.set(c.frame, list);
  }
  const frames = series.frames.map((f) => {
    const cs = byFrame.get(f.index);
    if (!cs || f.status !== 'pose' || !f.image || f.image.length !== LANDMARK_COUNT) return f;
    const image = f.image.map((p) => [...p] as [number, number, number, number, number]);
    for (const c of cs) {
      const i = Landmark[c.landmark];
      const old = image[i]!;
      image[i] = [c.x, c.y, old[2], CORRECTED_CONFIDENCE, CORRECTED_CONFIDENCE];
    }
    return { ...f, image };
  });
  return { ...series, frames };
}

/** Key for maps of corrections: one per recording, frame and landmark. */
export const correctionKey = (c: Pick<Correction, 'recordingId' | 'frame' | 'landmark'>): string =>
  `${c.recordingId}/${c.frame}/${c.landmark}`;
