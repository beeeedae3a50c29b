/**
 * Interactive-layer content for skin markers (issue 15 item 4), in video pixels:
 * - while naming: the candidate blobs of the frame (dashed yellow rings, numbered; the one clicked
 *   is filled) and the names given on it;
 * - once tracked: each marker on the frame on screen, tinted by side as the skeleton is, with the
 *   segments the variables use (ASIS–PSIS, heel counter, lower shank) and its confidence: below the
 *   overlay's LOW_CONFIDENCE a point is hollow and dashed, a point placed by hand is ringed white.
 *   In Markers mode a tracked point can be dragged: letting go stores a correction of that frame.
 */
import { Circle, Line, Text } from 'react-konva';
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
            radius={6 * u}
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
      {[...points].map(([name, p]) => (
        <Text
          key={`label-${name}`}
          x={p.x + 9 * u}
          y={p.y - font / 2}
          text={`${short(name as MarkerName)} ${Math.round(p.confidence * 100)}%`}
          fontSize={font}
          fill="#ffffff"
          shadowColor="#000000"
          shadowBlur={3 * u}
          listening={false}
        />
      ))}
    </>
  );
}
