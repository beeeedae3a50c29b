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

/** Roundness a single marker reaches: rendered discs of radius 3-3.5 px measure 0.78-0.99 (merged-blob.test.ts). */
export const MARKER_ROUNDNESS = 0.7;

/**
 * The least roundness of two touching markers over `SPLIT_AREA`: rendered discs of radius 3-7 px with
 * centres 1-2 radii apart measure 0.39-0.67, the rear runner's pairs 0.33-0.51 (docs/markers.md); a
 * streak of light or a shoe's highlight is longer (0.16-0.22 on the sample clip).
 */
export const PAIR_MIN_ROUNDNESS = 0.3;

/**
 * Two touching markers over `SPLIT_AREA` are less round than this: 0.70-0.75 on the rear runner at
 * 60 fps with centres under a radius apart (1.5-1.6 areas), rendered discs at most 0.67; one marker or
 * a round lamp reads 0.78-1.
 */
export const PAIR_MAX_ROUNDNESS = 0.77;

/** Fewer pixels than this have no shape to measure (every 2x2 blob reads roundness 0.95): not taken as one marker. */
export const SHAPED_AREA_PX = 12;

/** Two touching markers cover at most about two marker areas (1.53-2.50 on the rear runner, docs/markers.md). */
export const PAIR_MAX_AREA = 2.6;

/**
 * The candidates found on a frame that look like two markers touching. One marker is measured on the
 * round candidates of `SHAPED_AREA_PX` or more (`MARKER_ROUNDNESS`) at least half as contrasted as the
 * most contrasted of them (a highlight's top can be a round spot): their median area and contrast. A
 * touching pair is over `SPLIT_AREA` and at most `PAIR_MAX_AREA` such areas, less round than one
 * marker (`PAIR_MAX_ROUNDNESS`) but not as long as a streak (`PAIR_MIN_ROUNDNESS`), and at least half a marker's contrast
 * (two markers are as bright as one). The median of all candidates measured a lamp or a highlight
 * where they outnumber the markers: on the sample clip with two discs drawn, five lamps and highlights
 * were said (docs/markers.md, "Candidates for naming"). Without a round candidate there is no marker
 * to compare with: none is said.
 */
export function mergedCandidates(
  blobs: readonly Pick<Blob, 'areaPx' | 'roundness' | 'contrast'>[],
): number[] {
  const round = blobs.filter((b) => b.roundness >= MARKER_ROUNDNESS && b.areaPx >= SHAPED_AREA_PX);
  if (round.length === 0) return [];
  const most = Math.max(...round.map((b) => b.contrast));
  const markers = round.filter((b) => b.contrast >= most / 2);
  const area = median(markers.map((b) => b.areaPx));
  const contrast = median(markers.map((b) => b.contrast));
  return blobs.flatMap((b, i) =>
    tooLargeForOneMarker(b.areaPx, area) &&
    b.areaPx <= PAIR_MAX_AREA * area &&
    b.roundness < PAIR_MAX_ROUNDNESS &&
    b.roundness >= PAIR_MIN_ROUNDNESS &&
    b.contrast >= contrast / 2
      ? [i]
      : [],
  );
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
