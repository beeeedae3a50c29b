/**
 * A player with its overlays: the static scene (skeleton, arcs, reference lines) for the frame on
 * screen, and on the interactive layer the correction handles (when editing) and the PT's
 * measurements of that frame.
 */
import { useMemo, type ReactNode } from 'react';
import type { LandmarkFrame, LandmarkName, LandmarkSeries } from '../../../src-shared/pose/landmarks';
import type { Correction } from '../../../src-shared/review/corrections';
import { calibrationFor, type Measurement } from '../../../src-shared/review/measure';
import {
  buildScene,
  landmarkOf,
  type AngleValueOf,
  type OverlayToggles,
} from '../../../src-shared/review/scene';
import type { GaitAnalysis } from '../../../src-shared/gait';
import { sceneLabelBoxes } from '../../../src-shared/review/marker-labels';
import type { ClipResult } from '../../../src-shared/review/analysis-protocol';
import type { ReviewClip } from './model';
import { EditHandles } from './overlay/EditHandles';
import { MeasurementShapes } from './overlay/MeasurementShapes';
import { OverlayStage } from './overlay/OverlayStage';
import type { ToolDraft } from './panels/ToolsPanel';
import type { PointDraft } from '../../../src-shared/review/point-edit';
import { Player } from './player/Player';
import type { MarkerSlot } from './markers/slot';
import type { ZoomCommand } from './player/useZoom';

/** Frame i of a series (frames are in index order; fall back to a search if one is missing). */
export function frameOf(series: LandmarkSeries | undefined, i: number): LandmarkFrame | undefined {
  if (!series) return undefined;
  const direct = series.frames[i];
  return direct?.index === i ? direct : series.frames.find((f) => f.index === i);
}

/** Where each frame of the clip sits in the analysed (trimmed) series: the gait angles' index. */
const positions = new WeakMap<GaitAnalysis, Map<number, number>>();

/** The gait engine's angle values on a frame, for the overlay labels (see buildScene). */
export function angleValues(
  gait: GaitAnalysis | undefined,
  clip: ReviewClip,
  series: LandmarkSeries | undefined,
  frame: number,
): AngleValueOf | undefined {
  if (!gait || !series) return undefined;
  let pos = positions.get(gait);
  if (!pos) {
    const kept = series.frames.filter((f) => f.index >= clip.trim.startFrame && f.index < clip.trim.endFrame);
    pos = new Map(kept.map((f, i) => [f.index, i]));
    positions.set(gait, pos);
  }
  const at = pos.get(frame);
  if (at === undefined) return undefined;
  return (id, side) => {
    const s =
      gait.angles.find((a) => a.id === id && a.side === side) ??
      gait.angles.find((a) => a.id === id && a.side === 'body');
    const v = s?.values[at];
    return v === null || v === undefined ? undefined : v;
  };
}

export interface ClipPlayerProps {
  readonly index: number;
  readonly clip: ReviewClip;
  readonly analysis: ClipResult;
  readonly frame: number;
  readonly active: boolean;
  readonly toggles: OverlayToggles;
  readonly editing: boolean;
  readonly corrections: readonly Correction[] | undefined;
  readonly measurements: readonly Measurement[];
  readonly onActivate: () => void;
  readonly onCorrect: (frame: number, landmark: LandmarkName, x: number, y: number) => void;
  /** The point chosen for keyboard correction, with its unsaved move (active player only). */
  readonly point?: PointDraft | null;
  /** A measurement being drawn on this player (active player only). */
  readonly draft?: ToolDraft | null;
  readonly onPick?: (x: number, y: number) => void;
  /** A zoom or pan key press (active player only). */
  readonly zoomCommand?: ZoomCommand | undefined;
  /** Alone in the page ("one player", F), and the button that switches. */
  readonly alone?: boolean;
  readonly onAlone?: (() => void) | undefined;
  /** The transport beside the players, not under them (two portrait clips): the player is taller. */
  readonly beside?: boolean;
  /** Skin markers (review/markers/): their layer, and clicks and drags while in Markers mode. */
  readonly markers?: MarkerSlot | undefined;
  /** Drawn over the picture above the overlay (last time's skeleton, review/last-time/). */
  readonly ghost?: ((shown: number, px: number) => ReactNode) | undefined;
}

/** The runner's hips on a frame (video pixels): where the keyboard's zoom goes. */
function hipsOf(series: LandmarkSeries | undefined, i: number): { x: number; y: number } | undefined {
  const f = frameOf(series, i);
  const l = landmarkOf(f, 'leftHip');
  const r = landmarkOf(f, 'rightHip');
  if (!l || !r) return undefined;
  return { x: (l.at.x + r.at.x) / 2, y: (l.at.y + r.at.y) / 2 };
}

export function ClipPlayer(props: ClipPlayerProps) {
  const { clip, analysis, toggles } = props;
  const series = analysis.series ?? clip.series;
  const cmPerPx = useMemo(
    () => calibrationFor(props.measurements, clip.recordingId),
    [props.measurements, clip.recordingId],
  );
  return (
    <Player
      index={props.index}
      title={clip.title}
      clip={clip.clip}
      frame={props.frame}
      active={props.active}
      onActivate={props.onActivate}
      timeOf={(i) => clip.table.times[i] ?? 0}
      zoomCommand={props.zoomCommand}
      focusOf={(i) => hipsOf(series, i)}
      dragPan={!props.editing && !props.draft && !props.markers?.active}
      tall={(props.alone ?? false) || (props.beside ?? false)}
      aside={props.markers?.aside}
      controls={
        props.onAlone && (
          <button
            type="button"
            className="player-alone"
            onClick={props.onAlone}
            title={props.alone ? 'Show all players (F)' : 'This player in the whole space (F)'}
          >
            {props.alone ? 'All players' : 'Only this one'}
          </button>
        )
      }
      overlay={(shown, size) => {
        // Strokes, handles and labels keep their screen size at any zoom.
        const px = size.scale * size.zoom.scale;
        const landmarks = frameOf(series, shown);
        const corrected = new Set(props.corrections?.filter((c) => c.frame === shown).map((c) => c.landmark));
        const own = props.measurements.filter((m) => m.recordingId === clip.recordingId && m.frame === shown);
        const scene = buildScene(
          landmarks,
          clip.view,
          toggles,
          angleValues(analysis.gait, clip, series, shown),
          1 / px,
          // The angle labels leave the markers' dots (drawn above them) free.
          props.markers?.dots(shown, 1 / px),
        );
        // Marker labels leave the angle labels free and stay in the picture (marker-labels.ts).
        const picture = { x: 0, y: 0, w: size.width / size.scale, h: size.height / size.scale };
        return (
          <OverlayStage
            width={size.width}
            height={size.height}
            scale={size.scale}
            zoom={size.zoom}
            scene={scene}
            listening={props.editing || Boolean(props.markers?.active)}
            onPick={
              props.draft
                ? props.onPick
                : props.markers?.onPick && ((x, y) => props.markers?.onPick?.(shown, x, y))
            }
          >
            {props.markers?.layer(shown, px, sceneLabelBoxes(scene, 1 / px), picture)}
            {props.ghost?.(shown, px)}
            {toggles.all && <MeasurementShapes measurements={own} scale={px} cmPerPx={cmPerPx} />}
            {props.draft && props.draft.points.length > 0 && (
              <MeasurementShapes
                measurements={[
                  { id: 'draft', tool: props.draft.tool, points: props.draft.points, text: props.draft.text },
                ]}
                scale={px}
                cmPerPx={cmPerPx}
              />
            )}
            {props.editing && (
              <EditHandles
                frame={landmarks}
                scale={px}
                corrected={corrected}
                chosen={props.point?.frame === shown ? props.point : null}
                onMove={(name, x, y) => props.onCorrect(shown, name, x, y)}
              />
            )}
          </OverlayStage>
        );
      }}
    />
  );
}
