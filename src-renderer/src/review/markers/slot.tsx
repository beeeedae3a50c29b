/**
 * What a player needs of Markers mode (ClipPlayer's `markers` prop): the marker layer for the frame
 * on screen, whether the stage listens (drag a marker) and where a click on the picture goes.
 */
import type { ReactNode } from 'react';
import type { Box } from '../../../../src-shared/review/label-placement';
import { markerDotBox } from '../../../../src-shared/review/marker-labels';
import { imagePoint } from '../../../../src-shared/units';
import { MarkerLayer } from './MarkerLayer';
import { MarkerNaming } from './MarkerNaming';
import type { MarkersModel } from './useMarkers';

export interface MarkerSlot {
  /** Markers mode: clicks and drags belong to the markers (no panning). */
  readonly active: boolean;
  /** `avoid`: the frame's angle label boxes, `picture`: the video's box (video px), for label placement. */
  readonly layer: (shown: number, px: number, avoid?: readonly Box[], picture?: Box) => ReactNode;
  readonly onPick?: (shown: number, x: number, y: number) => void;
  /** The boxes of the markers' dots drawn on a frame (video px; `unit`: video px per screen px). */
  readonly dots: (shown: number, unit: number) => Box[];
  /**
   * Asked over the player while naming: which marker the clicked candidate is (MarkerNaming), and
   * `awayFrom`, its x (video px), so the question stands on the other side of the picture.
   */
  readonly aside?: { readonly node: ReactNode; readonly awayFrom: number };
}

/** The slot for the active player; tracked markers are drawn whenever the overlays are on. */
export function markerSlot(m: MarkersModel, overlaysOn: boolean, view: 'side' | 'rear'): MarkerSlot {
  const chosen = m.on && m.chosen !== null ? m.detected?.blobs[m.chosen] : undefined;
  return {
    active: m.on,
    layer: (shown, px, avoid, picture) =>
      m.on || overlaysOn ? (
        <MarkerLayer
          frame={shown}
          scale={px}
          detected={m.on ? m.detected : null}
          chosen={m.chosen}
          setup={m.on ? m.setup : null}
          tracks={m.tracks?.tracks ?? []}
          editable={m.on}
          onMove={(name, x, y) => void m.correct(name, shown, { x, y })}
          avoid={avoid ?? []}
          picture={picture ?? null}
        />
      ) : null,
    dots: (shown, unit) =>
      m.on || overlaysOn
        ? (m.tracks?.tracks ?? []).flatMap((t) => {
            const p = t.points[shown];
            return p && p.state !== 'lost' ? [markerDotBox(imagePoint(p.x, p.y), unit)] : [];
          })
        : [],
    ...(m.on && { onPick: (shown: number, x: number, y: number) => m.click(shown, x, y) }),
    ...(chosen && { aside: { node: <MarkerNaming markers={m} view={view} />, awayFrom: chosen.x } }),
  };
}
