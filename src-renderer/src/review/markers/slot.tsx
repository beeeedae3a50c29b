/**
 * What a player needs of Markers mode (ClipPlayer's `markers` prop): the marker layer for the frame
 * on screen, whether the stage listens (drag a marker) and where a click on the picture goes.
 */
import type { ReactNode } from 'react';
import { MarkerLayer } from './MarkerLayer';
import type { MarkersModel } from './useMarkers';

export interface MarkerSlot {
  /** Markers mode: clicks and drags belong to the markers (no panning). */
  readonly active: boolean;
  readonly layer: (shown: number, px: number) => ReactNode;
  readonly onPick?: (shown: number, x: number, y: number) => void;
}

/** The slot for the active player; tracked markers are drawn whenever the overlays are on. */
export function markerSlot(m: MarkersModel, overlaysOn: boolean): MarkerSlot {
  return {
    active: m.on,
    layer: (shown, px) =>
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
        />
      ) : null,
    ...(m.on && { onPick: (shown: number, x: number, y: number) => m.click(shown, x, y) }),
  };
}
