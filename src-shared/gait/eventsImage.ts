/**
 * Where a foot is seen (events.ts): a pose model places a foot that has left the image at a guessed
 * point, so frames where its heel or toe lies outside the image are frames where it is not seen.
 */
import type { Body, Side } from './types';

/**
 * The image's extent in the oriented frame (orient.ts: side view x = dir · image x, y = −image y;
 * rear view dir = 1). A pose model places a foot that has left the image at a guessed point with
 * high visibility (MediaPipe: 0.94 at 30–50 px beyond the edge on the labelled walking clip), so a
 * foot point outside the image is not seen, and an event read from it would be invented.
 */
export interface ImageBounds {
  readonly width: number;
  readonly height: number;
  readonly dir: 1 | -1;
}

export function footInImage(P: Body[Side], i: number, b: ImageBounds): boolean {
  for (const j of ['heel', 'toe'] as const) {
    const x = b.dir * (P[j].x[i] as number);
    const y = -(P[j].y[i] as number);
    if (Number.isFinite(x) && Number.isFinite(y) && (x < 0 || x > b.width || y < 0 || y > b.height))
      return false;
  }
  return true;
}
