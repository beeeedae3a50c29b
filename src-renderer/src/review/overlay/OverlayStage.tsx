/**
 * The konva stage over a player: a static layer (the scene of the frame, painted by one draw
 * function, not listening to the mouse) and an interactive layer (landmark handles to drag when
 * correcting, and the manual tools), after Excalidraw's static/interactive split. Video pixels are
 * the stage's unit; the stage scale maps them to screen pixels.
 */
import type { MouseEvent, ReactNode } from 'react';
import { Layer, Shape, Stage } from 'react-konva';
import type { Primitive } from '../../../../src-shared/review/scene';
import { NO_ZOOM, type Zoom } from '../../../../src-shared/review/zoom';
import { drawScene } from './draw';
import { sceneLabelBoxes } from '../../../../src-shared/review/marker-labels';

export interface OverlayStageProps {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  /** The player's zoom and pan (src-shared/review/zoom.ts), applied to the stage here. */
  readonly zoom?: Zoom;
  readonly scene: readonly Primitive[];
  /** Interactive layer content (handles, tools), in video pixels. */
  readonly children?: ReactNode;
  readonly listening?: boolean;
  /** A click on the picture, in video pixels (manual tools). */
  readonly onPick?: (x: number, y: number) => void;
}

export function OverlayStage(props: OverlayStageProps) {
  const zoom = props.zoom ?? NO_ZOOM;
  // Screen pixels per video pixel, zoom included: strokes and labels keep their screen size.
  const k = props.scale * zoom.scale;
  const unit = 1 / k;
  const { onPick } = props;
  // Picks are read from the DOM click on the stage's box: plain and independent of konva's hit graph.
  const pick = onPick
    ? (e: MouseEvent<HTMLDivElement>) => {
        const box = e.currentTarget.getBoundingClientRect();
        onPick((e.clientX - box.left - zoom.x) / k, (e.clientY - box.top - zoom.y) / k);
      }
    : undefined;
  // The angle labels' boxes as drawn, in screen pixels of this box: what other labels (the markers')
  // must leave free, left on the DOM so a test can check that none covers another.
  const labelBoxes = JSON.stringify(
    sceneLabelBoxes(props.scene, unit).map((b) => ({
      x: b.x * k + zoom.x,
      y: b.y * k + zoom.y,
      w: b.w * k,
      h: b.h * k,
    })),
  );
  // The angle labels' words, drawn on the canvas only: on the DOM too, so a test can read them.
  const labels = props.scene
    .flatMap((p) => (p.kind === 'arc' || p.kind === 'reference' ? [p.label] : []))
    .join('|');
  return (
    <div
      className={`overlay-box${onPick ? ' picking' : ''}`}
      onClick={pick}
      data-label-boxes={labelBoxes}
      data-labels={labels}
    >
      <Stage
        width={props.width}
        height={props.height}
        scaleX={k}
        scaleY={k}
        x={zoom.x}
        y={zoom.y}
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
