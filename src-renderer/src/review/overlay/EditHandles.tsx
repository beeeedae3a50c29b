/**
 * Interactive layer content for hand correction: a handle on each editable landmark of the frame on
 * screen. Dragging one and letting go stores the new position as a correction of that frame (the
 * model's point stays in the store beside it). Corrected points are ringed so the PT sees them.
 */
import { Circle } from 'react-konva';
import type { LandmarkFrame, LandmarkName } from '../../../../src-shared/pose/landmarks';
import { EDITABLE_LANDMARKS } from '../../../../src-shared/review/overlay-tables';
import { landmarkOf } from '../../../../src-shared/review/scene';
import { TINTS } from './draw';

export interface EditHandlesProps {
  readonly frame: LandmarkFrame | undefined;
  /** Screen pixels per video pixel: handles keep a constant on-screen size. */
  readonly scale: number;
  readonly corrected: ReadonlySet<LandmarkName>;
  readonly onMove: (landmark: LandmarkName, x: number, y: number) => void;
}

export function EditHandles({ frame, scale, corrected, onMove }: EditHandlesProps) {
  if (!frame || frame.status !== 'pose') return null;
  const r = 7 / scale;
  return (
    <>
      {EDITABLE_LANDMARKS.map((name) => {
        const p = landmarkOf(frame, name);
        if (!p) return null;
        const tint = name.startsWith('left')
          ? TINTS.left
          : name.startsWith('right')
            ? TINTS.right
            : TINTS.centre;
        return (
          <Circle
            key={`${name}@${p.at.x},${p.at.y}`}
            name={`handle-${name}`}
            x={p.at.x}
            y={p.at.y}
            radius={r}
            fill="rgba(255,255,255,0.15)"
            stroke={corrected.has(name) ? '#ffffff' : tint}
            strokeWidth={(corrected.has(name) ? 3 : 2) / scale}
            hitStrokeWidth={10 / scale}
            draggable
            onMouseEnter={(e) => {
              const stage = e.target.getStage();
              if (stage) stage.container().style.cursor = 'grab';
            }}
            onMouseLeave={(e) => {
              const stage = e.target.getStage();
              if (stage) stage.container().style.cursor = '';
            }}
            onDragEnd={(e) => onMove(name, e.target.x(), e.target.y())}
          />
        );
      })}
    </>
  );
}
