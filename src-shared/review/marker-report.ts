/**
 * Skin markers in the report (issue 15 items 3–4): each condition gets the marker variables of its
 * clips (pelvic tilt from the side clip, rearfoot eversion from the rear clip, with their source),
 * and each key frame the markers of its frame, drawn over the picture with the segments the
 * variables measure. Added to a built report model, so the report's own build is untouched when no
 * marker was tracked. Pure.
 */
import type { GaitEventJson } from '../gait/schema';
import type { MarkerTrack } from '../markers';
import { VARIABLES } from '../gait/tables/variables';
import { unavailableText } from '../report/build';
import { placeKeyFrameLabels } from '../report/keyframe-labels';
import { placeMarkerNames } from '../report/keyframe-marker-names';
import type { ConditionSection, KeyFrame, ReportMarker } from '../report/model';
import { REPLACES_LANDMARKS } from './marker-hybrid';
import { markerVariables } from './marker-variables';

/**
 * Marker pairs drawn as segments (by site, on one side): the lines the variables measure (ASIS–PSIS,
 * heel counter, lower shank) and the marker thigh, shank and foot. Data, shared by the review overlay
 * and the report's key frames.
 */
export const MARKER_SEGMENTS: readonly (readonly [string, string])[] = [
  ['Asis', 'Psis'],
  ['HeelCounterUpper', 'HeelCounterLower'],
  ['ShankUpper', 'ShankLower'],
  ['GreaterTrochanter', 'LateralKnee'],
  ['LateralKnee', 'LateralMalleolus'],
  ['Heel', 'FifthMetatarsal'],
];

const eversion = VARIABLES.find((v) => v.id === 'heel-eversion');
const EVERSION_UNAVAILABLE =
  eversion?.extract.kind === 'unavailable'
    ? unavailableText({ label: eversion.label, reason: eversion.extract.reason })
    : null;

export interface MarkerClip {
  readonly conditionId: string;
  readonly view: 'side' | 'rear';
  /** Tracks with the PT's corrections applied. */
  readonly tracks: readonly MarkerTrack[];
  /** The clip's gait events as the report's analysis has them. */
  readonly events: readonly GaitEventJson[];
}

/** The markers found on one frame (lost points left out). */
export function markersOnFrame(tracks: readonly MarkerTrack[], frame: number): ReportMarker[] {
  return tracks.flatMap((t) => {
    const p = t.points[frame];
    if (!p || p.state === 'lost') return [];
    return [{ name: t.name, x: p.x, y: p.y, confidence: p.confidence, byHand: p.state === 'hand' }];
  });
}

/** The conditions with their marker rows and their key frames' markers, where markers were tracked. */
export function withMarkers<C extends ConditionSection>(
  conditions: readonly C[],
  clips: readonly MarkerClip[],
): C[] {
  return conditions.map((c) => {
    const mine = clips.filter((m) => m.conditionId === c.id && m.tracks.length > 0);
    if (!mine.length) return c;
    // The marker knee and ankle angles stand in the variables table, in place of the landmarks'
    // (marker-hybrid.ts); the rows without a landmark counterpart are the markers' own.
    const rows = mine
      .flatMap((m) => markerVariables(m.view, m.tracks, m.events))
      .filter((r) => !REPLACES_LANDMARKS.has(r.id));
    const keyFrames = c.keyFrames.map((k): KeyFrame => {
      const m = mine.find((x) => x.view === k.view);
      const markers = m ? markersOnFrame(m.tracks, k.frame) : [];
      // The printed angles leave the marker dots and the skeleton free (keyframe-labels.ts), and
      // the markers' names leave the angles free (keyframe-marker-names.ts).
      const labels = placeKeyFrameLabels(
        k.labels.map((l) => l.text),
        k.crop,
        markers,
        k.landmarks,
      );
      const markerNames = placeMarkerNames(markers, k.crop, labels);
      return markers.length ? { ...k, markers, labels, markerNames } : k;
    });
    // The landmarks' "heel eversion not measured: needs markers on the heel counter" no longer holds
    // where the rear clip's heel-counter markers measured a side.
    const measured = rows.some((r) => r.id.startsWith('rearfoot-eversion') && (r.left?.n || r.right?.n));
    const quality = measured ? c.quality.filter((q) => q.text !== EVERSION_UNAVAILABLE) : c.quality;
    return { ...c, markerRows: rows, keyFrames, quality };
  });
}
