/**
 * One video player: the decoded frame on a canvas, the overlay layers (konva) above it, and the
 * frame number and time OF THE FRAME DRAWN (not of the frame asked for: while a decode is pending the
 * label keeps showing what is on screen). `data-frame` on the root carries the same number for tests
 * and tools; `data-settled` says whether the frame shown is the one the playhead wants.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { timeOfFrame } from '../../../../src-shared/review/frames';
import type { Zoom } from '../../../../src-shared/review/zoom';
import type { ClipDecoder } from './clip-decoder';
import { FramePump } from './frame-pump';
import { useZoom, type ZoomCommand } from './useZoom';

/**
 * Window height kept for what must stay in view with the players (page head, transport bar):
 * the rest is the player's, so a portrait clip (a phone held upright) uses the height it has
 * instead of a fixed 60 % of it. Tall (alone in the page, or the transport beside the players
 * rather than under them), only the page head and the caption are kept.
 */
const RESERVED_PX = 270;
const RESERVED_TALL_PX = 170;
/** Never smaller than this share of the window, however small the window. */
const MIN_HEIGHT = 0.45;

export interface PlayerProps {
  readonly index: number;
  readonly title: string;
  readonly clip: ClipDecoder;
  /** The frame the playhead wants on screen. */
  readonly frame: number;
  readonly active: boolean;
  readonly onActivate: () => void;
  /** Told every time a new frame is on screen. */
  readonly onDisplayed?: (frame: number) => void;
  /** Overlay layers for the frame on screen, given the scale from video pixels to screen pixels. */
  readonly overlay?: (
    frame: number,
    size: { width: number; height: number; scale: number; zoom: Zoom },
  ) => ReactNode;
  /** Time shown under the picture: the clip's own table by default (true timestamps). */
  readonly timeOf?: (frame: number) => number;
  /** A zoom or pan key press for this player. */
  readonly zoomCommand?: ZoomCommand | undefined;
  /** Where the keyboard's zoom goes on frame `frame` (video pixels), e.g. the runner's hips. */
  readonly focusOf?: (frame: number) => { x: number; y: number } | undefined;
  /** Whether a left-button drag may move a zoomed picture (not while correcting or measuring). */
  readonly dragPan?: boolean;
  /** Nothing but its caption under it must stay in view (alone, or the transport beside): taller. */
  readonly tall?: boolean;
  /** Buttons in the caption (e.g. "one player"). */
  readonly controls?: ReactNode;
  /**
   * A question asked over the picture (naming a marker): at the top of the player, on the side away
   * from `awayFrom` (video px), so the point it is about stays in view.
   */
  readonly aside?: { readonly node: ReactNode; readonly awayFrom: number } | undefined;
}

export function Player(props: PlayerProps) {
  const { clip, frame, onDisplayed, tall = false } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const pumpRef = useRef<FramePump | null>(null);
  const onDisplayedRef = useRef(onDisplayed);
  const frameRef = useRef(frame);
  /** True while `want` runs inside a layout effect, where React already renders synchronously. */
  const inLayoutRef = useRef(false);
  const [shown, setShown] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [cssWidth, setCssWidth] = useState(0);
  const { width, height } = clip.info;
  const scale = cssWidth > 0 ? cssWidth / width : 1;
  const zoom = useZoom({
    stage: stageRef,
    width: cssWidth,
    height: height * scale,
    command: props.zoomCommand,
    focus: () => {
      const f = shown === undefined ? undefined : props.focusOf?.(shown);
      return f && { x: f.x * scale, y: f.y * scale };
    },
    dragPan: props.dragPan ?? true,
  });
  // Zoomed in, the picture is decoded larger (by steps of 2, so zooming does not re-decode every notch).
  const detail = zoom.scale > 1 ? 2 ** Math.ceil(Math.log2(zoom.scale)) : 1;

  useLayoutEffect(() => {
    onDisplayedRef.current = onDisplayed;
    frameRef.current = frame;
  });

  // The canvas holds the picture at the size it is shown (device pixels, never more than the video),
  // in steps of 64 px so a window resize does not re-decode on every pixel.
  const drawSize = useMemo(() => {
    if (cssWidth <= 0) return undefined;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.min(width, Math.max(64, Math.ceil((cssWidth * dpr * detail) / 64) * 64));
    return { width: w, height: Math.max(2, Math.round((w * height) / width)) };
  }, [cssWidth, width, height, detail]);
  const hasSize = drawSize !== undefined;
  const drawSizeRef = useRef(drawSize);
  useLayoutEffect(() => {
    drawSizeRef.current = drawSize;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d', { alpha: false });
    const size = drawSizeRef.current;
    if (!canvas || !ctx || !size) return;
    const pump = new FramePump(
      clip,
      (i, bitmap) => {
        // Draw at once, and commit the number in the same task (flushSync), so no paint ever shows
        // one frame's picture with another frame's number.
        const t0 = performance.now();
        if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
          canvas.width = bitmap.width;
          canvas.height = bitmap.height;
        }
        ctx.drawImage(bitmap, 0, 0);
        performance.measure('review.draw', { start: t0, end: performance.now() });
        if (inLayoutRef.current) setShown(i);
        else flushSync(() => setShown(i));
        onDisplayedRef.current?.(i);
      },
      (err) => setError(err.message),
      size,
    );
    pumpRef.current = pump;
    pump.want(frameRef.current);
    return () => {
      pump.close();
      pumpRef.current = null;
    };
  }, [clip, hasSize]);

  useEffect(() => {
    if (drawSize) pumpRef.current?.resize(drawSize);
  }, [drawSize]);

  useLayoutEffect(() => {
    inLayoutRef.current = true;
    try {
      pumpRef.current?.want(frame);
    } finally {
      inLayoutRef.current = false;
    }
  }, [frame, clip]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    // Fit the picture in the player's width and in MAX_HEIGHT of the window: a portrait clip must not
    // push the transport and the frame it shows below the fold.
    const fit = (): void => {
      const H = window.innerHeight;
      const maxHeight = Math.max(H * MIN_HEIGHT, H - (tall ? RESERVED_TALL_PX : RESERVED_PX));
      setCssWidth(Math.floor(Math.min(box.clientWidth, (maxHeight * width) / height)));
    };
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    window.addEventListener('resize', fit);
    fit();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, [width, height, tall]);

  const t =
    shown === undefined ? undefined : (props.timeOf ?? ((i) => timeOfFrame(clip.info.table, i)))(shown);
  return (
    <figure
      ref={boxRef}
      className={`player${props.active ? ' active' : ''}`}
      data-player={props.index}
      data-frame={shown ?? ''}
      data-wanted={frame}
      data-settled={shown === frame ? 'true' : 'false'}
      onPointerDown={props.onActivate}
    >
      <div
        ref={stageRef}
        className={`player-stage${zoom.scale > 1 ? ' zoomed' : ''}`}
        style={{ width: cssWidth || undefined, aspectRatio: `${width} / ${height}` }}
        data-zoom={zoom.scale.toFixed(2)}
      >
        <div
          className="player-zoom"
          style={{ transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})` }}
        >
          <canvas ref={canvasRef} className="player-video" />
        </div>
        {/* The overlay draws the zoom itself (konva's stage scale and offset): sharp lines and labels
            at any zoom, where a CSS transform would blow up a low-resolution layer. */}
        {shown !== undefined && cssWidth > 0 && (
          <div className="player-overlay">
            {props.overlay?.(shown, { width: cssWidth, height: height * scale, scale, zoom })}
          </div>
        )}
      </div>
      {props.aside && (
        <div className={`player-aside ${props.aside.awayFrom < width / 2 ? 'right' : 'left'}`}>
          {props.aside.node}
        </div>
      )}
      <figcaption>
        <span className="player-title" title={props.title}>
          {props.title}
        </span>
        {zoom.scale > 1 && (
          <span
            className="player-zoom-level"
            title="Z / Shift+Z zoom, 0 whole picture, drag or Ctrl+arrows to look around"
          >
            {zoom.scale.toFixed(1)}× (0: whole picture)
          </span>
        )}
        {props.controls}
        <span className="player-frame" aria-live="off">
          {shown === undefined ? 'Loading…' : `Frame ${shown} · ${t?.toFixed(3)} s`}
        </span>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
