import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMarkerName, type MarkerTrack } from '../../../src-shared/markers';
import { ServiceError } from '../errors';

/**
 * The side clip's marker tracks from `stridelab markers --out` (stridelab.markers/1): used as the app
 * uses a clip's stored tracks, for the events (foot markers) and the variables (hybrid analysis).
 */
export function loadMarkerTracks(path: string): MarkerTrack[] {
  const refuse = (why: string): never => {
    throw new ServiceError(
      'invalid-input',
      `The side markers "${basename(path)}" are not a side-view result of stridelab markers --out (${why}).`,
    );
  };
  let raw: { schema?: unknown; view?: unknown; tracks?: unknown };
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as typeof raw;
  } catch {
    return refuse('not JSON');
  }
  if (raw?.schema !== 'stridelab.markers/1') refuse('no stridelab.markers/1 schema');
  if (raw.view !== 'side') refuse(`tracked as a ${String(raw.view)} view`);
  if (!Array.isArray(raw.tracks)) refuse('no tracks');
  for (const t of raw.tracks as { name?: unknown; points?: unknown }[])
    if (typeof t?.name !== 'string' || !isMarkerName(t.name) || !Array.isArray(t.points))
      refuse(`a track without a marker name or points`);
  return raw.tracks as MarkerTrack[];
}
