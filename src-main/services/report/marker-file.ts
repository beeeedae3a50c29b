import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  isMarkerName,
  markerDefinition,
  markersForView,
  type MarkerName,
  type MarkerTrack,
} from '../../../src-shared/markers';
import { ServiceError } from '../errors';

/**
 * A clip's marker tracks from `stridelab markers --out` (stridelab.markers/1): used as the app uses
 * a clip's stored tracks. Side: the events (foot markers) and the variables (hybrid analysis); rear:
 * rearfoot eversion (docs/markers.md "Variables"). Refused before anything is imported, in words
 * that say what to give instead: a file tracked on the other camera, markers that are not taped for
 * this view, or (rear) no leg with the four markers rearfoot eversion is read from.
 */
type View = 'side' | 'rear';

const OTHER: Record<View, View> = { side: 'rear', rear: 'side' };

/** The rear protocol's markers of one leg that rearfoot eversion needs: heel-counter and lower-shank lines. */
const REARFOOT_SITES = ['HeelCounterUpper', 'HeelCounterLower', 'ShankUpper', 'ShankLower'] as const;

export function loadMarkerTracks(path: string, view: View): MarkerTrack[] {
  const file = basename(path);
  const refuse = (why: string): never => {
    throw new ServiceError('invalid-input', `The ${view} markers "${file}" ${why}`);
  };
  const notOurs = `are not a result of stridelab markers --out on the ${view} clip`;
  let raw: { schema?: unknown; view?: unknown; tracks?: unknown };
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as typeof raw;
  } catch {
    return refuse(`${notOurs} (not JSON).`);
  }
  if (raw?.schema !== 'stridelab.markers/1') refuse(`${notOurs} (no stridelab.markers/1 schema).`);
  if (raw.view === OTHER[view])
    refuse(
      `were tracked on a ${OTHER[view]} clip. Give them as --${OTHER[view]}-markers, or track the ${view} clip: stridelab markers <${view} clip> --view ${view} --out <file>.`,
    );
  if (raw.view !== view) refuse(`${notOurs} (tracked as a ${String(raw.view)} view).`);
  if (!Array.isArray(raw.tracks) || raw.tracks.length === 0) refuse(`${notOurs} (no tracks).`);
  const taped = new Set(markersForView(view).map((m) => m.name));
  for (const t of raw.tracks as { name?: unknown; points?: unknown }[]) {
    if (typeof t?.name !== 'string' || !isMarkerName(t.name) || !Array.isArray(t.points))
      refuse(`${notOurs} (a track without a marker name of the protocol, or without points).`);
    const name = (t as { name: MarkerName }).name;
    if (!taped.has(name))
      refuse(
        `hold the ${markerDefinition(name).label} marker, which is not taped for the ${view} view (docs/markers.md, "Marker protocol").`,
      );
  }
  const tracks = raw.tracks as MarkerTrack[];
  if (view === 'rear') {
    const names = new Set(tracks.map((t) => t.name));
    const missing = (['left', 'right'] as const).map((side) =>
      REARFOOT_SITES.map((s) => `${side}${s}` as MarkerName).filter((n) => !names.has(n)),
    );
    if (missing.every((m) => m.length > 0))
      refuse(
        `have no leg with both heel-counter and both lower-shank markers, which rearfoot eversion is read from. Missing: ${missing
          .flat()
          .map((n) =>
            markerDefinition(n)
              .label.replace(/^Right/, 'right')
              .replace(/^Left/, 'left'),
          )
          .join(', ')}. Name them on the rear clip and track it again.`,
      );
  }
  return tracks;
}
