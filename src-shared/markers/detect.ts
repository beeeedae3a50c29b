/** Blob detection (docs/markers.md, "Detection"). */
import type { Blob, DetectionOptions, MarkerImage } from './types';

export function detectBlobs(image: MarkerImage, options: DetectionOptions): Blob[] {
  void image;
  void options;
  throw new Error('detectBlobs: not implemented yet');
}
