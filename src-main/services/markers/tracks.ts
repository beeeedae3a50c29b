import type { MarkerCorrection } from '../../../src-shared/contract/markers';
import type { MarkerTrack } from '../../../src-shared/markers';
import type { Library } from '../library/db';
import { getTracks, listCorrections } from './store';

/** The tracker's points with the PT's hand placements over them (state 'hand', confidence 1). */
export function withCorrections(
  tracks: readonly MarkerTrack[],
  corrections: readonly MarkerCorrection[],
): MarkerTrack[] {
  return tracks.map((t) => {
    const mine = corrections.filter((c) => c.marker === t.name && c.frame < t.points.length);
    if (!mine.length) return t;
    const points = [...t.points];
    for (const c of mine)
      points[c.frame] = { x: c.x as never, y: c.y as never, confidence: 1, state: 'hand' };
    return { ...t, points };
  });
}

/** A recording's marker tracks as the review and the report use them (corrections applied); [] when none. */
export async function markerTracksOf(library: Library, recordingId: string): Promise<MarkerTrack[]> {
  const stored = await getTracks(library.data, recordingId);
  if (!stored) return [];
  return withCorrections(stored.tracks, await listCorrections(library.data, recordingId));
}
