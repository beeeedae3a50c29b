/**
 * A blob too large for one marker: two markers touching, or one covering another's rim (a rear leg
 * folded brings its heel counter's lower and shank's upper marker within 7 px on the synthetic
 * runner). The fold search splits such a blob into two discs (track-fold-obs.ts), and Review's
 * Markers panel warns the PT who names markers on a frame with one: the pair's names then rest on
 * one blob, and that leg's first fold is a gap (docs/markers.md, "Where the rear legs' misses are,
 * and a leg named while folded").
 */
import { median } from '../stats';
import { detectBlobs } from './detect';
import type { Blob, DetectionOptions, MarkerImage } from './types';

/** Larger than this many marker areas is two markers: two discs d apart cover about πr² + 2rd, so 1.5 areas is centres over 0.8r apart. */
export const SPLIT_AREA = 1.5;

/**
 * The least roundness of a blob that may be two markers touching: two discs of radius 3 px with
 * centres 5-6 px apart make a blob under the detection's default 0.5, and neither marker is found
 * (merged-blob.test.ts). The tracker's seed frame (track.ts) and fold search take blobs down to this.
 */
export const MERGED_MIN_ROUNDNESS = 0.15;

export function tooLargeForOneMarker(areaPx: number, markerAreaPx: number): boolean {
  return areaPx > SPLIT_AREA * markerAreaPx;
}

/**
 * The candidates found on a frame that look like two markers touching: larger than `SPLIT_AREA`
 * times the median candidate's area, a single marker's (a protocol's markers are one size, as
 * `seedStates` takes them). Fewer than three candidates have no median that is surely one marker's:
 * none is said.
 */
export function mergedCandidates(blobs: readonly { readonly areaPx: number }[]): number[] {
  if (blobs.length < 3) return [];
  const one = median(blobs.map((b) => b.areaPx));
  return blobs.flatMap((b, i) => (tooLargeForOneMarker(b.areaPx, one) ? [i] : []));
}

/**
 * The candidates "Find bright markers" offers on a frame: the round blobs, and the blobs too long
 * for them that are too large for one marker (two markers touching, found as the tracker's seed
 * frame finds them), so that the PT sees the pair, can name both on it (`seedStates`) and is told.
 * Without them a frame with a folded leg offered neither of its touching markers (the rear runner's
 * frame 0, seed 61: 9 candidates, a lamp among them, for 10 markers).
 */
export function candidateBlobs(image: MarkerImage, options: DetectionOptions): Blob[] {
  const round = detectBlobs(image, options);
  if (round.length < 3) return round;
  const one = median(round.map((b) => b.areaPx));
  const touching = detectBlobs(image, { ...options, minRoundness: MERGED_MIN_ROUNDNESS }).filter(
    (b) => tooLargeForOneMarker(b.areaPx, one) && !round.some((r) => Math.hypot(r.x - b.x, r.y - b.y) < 1),
  );
  return [...round, ...touching];
}
