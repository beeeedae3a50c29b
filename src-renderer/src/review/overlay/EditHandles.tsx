/**
 * Interactive layer content for hand correction: a handle on each editable landmark of the frame on
 * screen. Dragging one and letting go stores the new position as a correction of that frame (the
 * model's point stays in the store beside it). Corrected points are ringed so the PT sees them. The
 * point chosen from the keyboard is drawn larger, in yellow, where its unsaved move has taken it.
 */
import { Circle } from 'react-konva';
import type { LandmarkFrame, LandmarkName } from '../../../../src-shared/pose/landmarks';
import { EDITABLE_LANDMARKS } from '../../../../src-shared/review/overlay-tables';
import { landmarkOf } from '../../../../src-shared/review/scene';
import type { PointDraft } from '../../../../src-shared/review/point-edit';
import { TINTS } from './draw';

export interface EditHandlesProps {
  readonly frame: LandmarkFrame | undefined;
  /** Screen pixels per video pixel: handles keep a constant on-screen size. */
  readonly scale: number;
  readonly corrected: ReadonlySet<LandmarkName>;
  /** The point chosen for keyboard correction on this frame. */
  readonly chosen?: PointDraft | null;
  readonly onMove: (landmark: LandmarkName, x: number, y: number) => void;
}

export function EditHandles({ frame, scale, corrected, chosen, onMove }: EditHandlesProps) {
  if (!frame || frame.status !== 'pose') return null;
  const r = 7 / scale;
  return (
    <>
      {EDITABLE_LANDMARKS.map((name) => {
        const model = landmarkOf(frame, name);
        if (!model) return null;
        const isChosen = chosen?.landmark === name;
        const p = isChosen ? { at: chosen.at } : model;
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
            radius={isChosen ? r * 1.6 : r}
            fill="rgba(255,255,255,0.15)"
            stroke={isChosen ? '#ffd23f' : corrected.has(name) ? '#ffffff' : tint}
            strokeWidth={(isChosen || corrected.has(name) ? 3 : 2) / scale}
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
