/**
 * Interactive-layer content for skin markers (issue 15 item 4), in video pixels:
 * - while naming: the candidate blobs of the frame (dashed yellow rings, numbered; the one clicked
 *   is filled) and the names given on it;
 * - once tracked: each marker on the frame on screen, tinted by side as the skeleton is, with the
 *   segments the variables use (ASIS–PSIS, heel counter, lower shank) and its confidence: below the
 *   overlay's LOW_CONFIDENCE a point is hollow and dashed, a point placed by hand is ringed white.
 *   In Markers mode a tracked point can be dragged: letting go stores a correction of that frame.
 * - the tracked markers' labels ("R lateral malleolus 100%") placed clear of the angle labels, the
 *   markers and each other (src-shared/review/marker-labels.ts), on a dark plate for legibility, with a
 *   leader line where one had to move away from its marker.
 */
import { Circle, Group, Line, Rect, Text } from 'react-konva';
import type { DetectedBlobs, MarkerSetup } from '../../../../src-shared/contract/markers';
import {
  markerDefinition,
  type MarkerName,
  type MarkerPoint,
  type MarkerTrack,
} from '../../../../src-shared/markers';
import { LOW_CONFIDENCE } from '../../../../src-shared/review/overlay-tables';
import { TINTS } from '../overlay/draw';
import { MARKER_SEGMENTS } from '../../../../src-shared/review/marker-report';
import type { Box } from '../../../../src-shared/review/label-placement';
import {
  MARKER_DOT_PX,
  MARKER_LABEL_FONT_PX,
  MARKER_LABEL_PAD_PX,
  markerShortLabel,
  placeMarkerLabels,
} from '../../../../src-shared/review/marker-labels';
import { imagePoint } from '../../../../src-shared/units';

export interface MarkerLayerProps {
  readonly frame: number;
  /** Screen pixels per video pixel: rings and labels keep their screen size. */
  readonly scale: number;
  readonly detected: DetectedBlobs | null;
  readonly chosen: number | null;
  readonly setup: MarkerSetup | null;
  readonly tracks: readonly MarkerTrack[];
  /** Markers mode: points can be dragged. */
  readonly editable: boolean;
  readonly onMove: (marker: MarkerName, x: number, y: number) => void;
  /** Boxes the labels must leave free (the angle labels of the frame), video pixels. */
  readonly avoid?: readonly Box[];
  /** The picture (video pixels): labels stay inside it. */
  readonly picture?: Box | null;
}

const LABEL_FONT = 'system-ui, sans-serif';
let measurer: CanvasRenderingContext2D | null = null;
/** A label's width on screen in the font konva draws it with (one offscreen canvas for all). */
function textWidthPx(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * MARKER_LABEL_FONT_PX * 0.6;
  measurer.font = `${MARKER_LABEL_FONT_PX}px ${LABEL_FONT}`;
  return Math.ceil(measurer.measureText(text).width);
}

const short = (name: MarkerName): string => markerDefinition(name).label;
const tintOf = (name: string): string => (name.startsWith('left') ? TINTS.left : TINTS.right);

export function MarkerLayer(props: MarkerLayerProps) {
  const { frame, scale, detected, chosen, setup } = props;
  const u = 1 / scale;
  const font = 12 * u;
  const points = new Map<string, MarkerPoint>();
  for (const t of props.tracks) {
    const p = t.points[frame];
    if (p && p.state !== 'lost') points.set(t.name, p);
  }
  const named = setup && setup.frame === frame && !points.size ? setup.markers : [];
  return (
    <>
      {detected?.frame === frame &&
        detected.blobs.map((b, i) => (
          <Circle
            key={`blob-${i}`}
            name="marker-candidate"
            x={b.x}
            y={b.y}
            radius={b.radiusPx + 5 * u}
            stroke="#ffd23f"
            strokeWidth={2 * u}
            dash={i === chosen ? undefined : [4 * u, 3 * u]}
            fill={i === chosen ? 'rgba(255,210,63,0.35)' : undefined}
            listening={false}
          />
        ))}
      {detected?.frame === frame &&
        detected.blobs.map((b, i) => (
          <Text
            key={`blob-n-${i}`}
            x={b.x + b.radiusPx + 6 * u}
            y={b.y - font}
            text={String(i + 1)}
            fontSize={font}
            fontStyle="bold"
            fill="#ffd23f"
            listening={false}
          />
        ))}
      {named.map((m) => (
        <Text
          key={`named-${m.name}`}
          x={m.x + m.radius + 6 * u}
          y={m.y + 2 * u}
          text={short(m.name)}
          fontSize={font}
          fill={tintOf(m.name)}
          listening={false}
        />
      ))}
      {MARKER_SEGMENTS.flatMap(([a, b]) =>
        (['left', 'right'] as const).map((side) => {
          const p = points.get(`${side}${a}`);
          const q = points.get(`${side}${b}`);
          if (!p || !q) return null;
          const low = Math.min(p.confidence, q.confidence) < LOW_CONFIDENCE;
          return (
            <Line
              key={`seg-${side}${a}`}
              name="marker-segment"
              points={[p.x, p.y, q.x, q.y]}
              stroke={low ? '#ffd23f' : tintOf(side)}
              strokeWidth={3 * u}
              dash={low ? [6 * u, 4 * u] : undefined}
              listening={false}
            />
          );
        }),
      )}
      {[...points].map(([name, p]) => {
        const low = p.confidence < LOW_CONFIDENCE;
        const marker = name as MarkerName;
        return (
          <Circle
            key={`${name}@${p.x},${p.y}`}
            name={`marker-${name}`}
            x={p.x}
            y={p.y}
            radius={MARKER_DOT_PX * u}
            fill={low ? 'rgba(0,0,0,0.2)' : tintOf(name)}
            stroke={p.state === 'hand' ? '#ffffff' : low ? '#ffd23f' : '#101010'}
            strokeWidth={(p.state === 'hand' ? 3 : 1.5) * u}
            dash={low ? [3 * u, 2 * u] : undefined}
            hitStrokeWidth={10 * u}
            draggable={props.editable}
            listening={props.editable}
            onDragEnd={(e) => props.onMove(marker, e.target.x(), e.target.y())}
          />
        );
      })}
      {placeMarkerLabels(
        [...points].map(([name, p]) => {
          const text = `${markerShortLabel(name as MarkerName)} ${Math.round(p.confidence * 100)}%`;
          return { at: imagePoint(p.x, p.y), text, textWidthPx: textWidthPx(text) };
        }),
        props.avoid ?? [],
        u,
        props.picture ?? null,
      ).map((l, i) => {
        const name = [...points.keys()][i]!;
        return (
          <Group key={`label-${name}`} name="marker-label-group" marker={name} spot={l.spot}>
            {l.leaderTo && (
              <Line
                points={[l.at.x, l.at.y, l.leaderTo.x, l.leaderTo.y]}
                stroke="#ffffff"
                strokeWidth={1 * u}
                opacity={0.8}
                listening={false}
              />
            )}
            <Rect
              name="marker-label-box"
              x={l.box.x}
              y={l.box.y}
              width={l.box.w}
              height={l.box.h}
              cornerRadius={3 * u}
              fill="rgba(0,0,0,0.6)"
              listening={false}
            />
            <Text
              name="marker-label"
              x={l.box.x + MARKER_LABEL_PAD_PX * u}
              y={l.box.y + MARKER_LABEL_PAD_PX * u}
              text={l.text}
              fontSize={MARKER_LABEL_FONT_PX * u}
              fontFamily={LABEL_FONT}
              lineHeight={1.25}
              fill={tintOf(name) === TINTS.left ? '#cfe2ff' : '#ffe1cc'}
              listening={false}
            />
          </Group>
        );
      })}
    </>
  );
}
