/**
 * Fixtures for the tracker's tests, with known answers: a round marker's blob, a tracker state that
 * has followed a still marker for a while, and seeds as a PT's clicks on a rendered clip's truth.
 * Pure; used by tests only.
 */
import type { MarkerClip } from '../gait/synthetic/marker-clip';
import { pixels } from '../units';
import type { State } from './track-search';
import type { Blob, MarkerName, MarkerSeed } from './types';

/** A bright round marker's blob of `areaPx` pixels at (x, y). */
export const testBlob = (x: number, y: number, areaPx = 36): Blob => ({
  x: pixels(x),
  y: pixels(y),
  areaPx,
  roundness: 0.95,
  contrast: 150,
  level: 240,
  radiusPx: Math.sqrt(areaPx / Math.PI),
});

/** A marker followed for 10 frames at (x, y), still; `lost` after 9 frames of coasting. */
export const testState = (x: number, y: number, lost = false): State => ({
  x,
  y,
  vx: 0,
  vy: 0,
  coast: lost ? 9 : 0,
  lost,
  radius: 3.4,
  contrast: 150,
  age: 10,
  seenX: x,
  seenY: y,
  seedY: y,
  roundness0: 0.95,
  level: 240,
  blur: 0.2,
  jolt: 0,
  rigid: false,
});

/** Seeds as a PT's clicks: the truth on the seed frame, off by a fraction of a pixel (`dx`, −0.4). */
export function truthSeeds(
  clip: MarkerClip,
  names: readonly MarkerName[] = clip.markers,
  frame = 0,
  dx = 0.6,
): MarkerSeed[] {
  return names.map((name) => ({
    name,
    frame,
    x: clip.truth.points[name]![frame]!.x + dx,
    y: clip.truth.points[name]![frame]!.y - 0.4,
  }));
}
