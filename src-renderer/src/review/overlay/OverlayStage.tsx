/**
 * The konva stage over a player: a static layer (the scene of the frame, painted by one draw
 * function, not listening to the mouse) and an interactive layer (landmark handles to drag when
 * correcting, and the manual tools), after Excalidraw's static/interactive split. Video pixels are
 * the stage's unit; the stage scale maps them to screen pixels.
 */
import type { ReactNode } from 'react';
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
}

export function OverlayStage(props: OverlayStageProps) {
  const unit = 1 / props.scale;
  return (
    <Stage
      width={props.width}
      height={props.height}
      scaleX={props.scale}
      scaleY={props.scale}
      listening={props.listening ?? false}
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
  );
}
