/**
 * The konva stage over a player: a static layer (the scene of the frame, painted by one draw
 * function, not listening to the mouse) and an interactive layer (landmark handles to drag when
 * correcting, and the manual tools), after Excalidraw's static/interactive split. Video pixels are
 * the stage's unit; the stage scale maps them to screen pixels.
 */
import type { MouseEvent, ReactNode } from 'react';
import { Layer, Shape, Stage } from 'react-konva';
import type { Primitive } from '../../../../src-shared/review/scene';
import { drawScene } from './draw';

export interface OverlayStageProps {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly scene: readonly Primitive[];
  /** Interactive layer content (handles, tools), in video pixels. */
  readonly children?: ReactNode;
  readonly listening?: boolean;
  /** A click on the picture, in video pixels (manual tools). */
  readonly onPick?: (x: number, y: number) => void;
}

export function OverlayStage(props: OverlayStageProps) {
  const unit = 1 / props.scale;
  const { onPick, scale } = props;
  // Picks are read from the DOM click on the stage's box: plain and independent of konva's hit graph.
  const pick = onPick
    ? (e: MouseEvent<HTMLDivElement>) => {
        const box = e.currentTarget.getBoundingClientRect();
        onPick((e.clientX - box.left) / scale, (e.clientY - box.top) / scale);
      }
    : undefined;
  return (
    <div className={`overlay-box${onPick ? ' picking' : ''}`} onClick={pick}>
      <Stage
        width={props.width}
        height={props.height}
        scaleX={props.scale}
        scaleY={props.scale}
        listening={(props.listening ?? false) || Boolean(props.onPick)}
        className="overlay-stage"
      >
        <Layer listening={false}>
          <Shape
            sceneFunc={(context) => {
              drawScene(context._context, props.scene, unit);
            }}
          />
        </Layer>
        <Layer>{props.children}</Layer>
      </Stage>
    </div>
  );
}
