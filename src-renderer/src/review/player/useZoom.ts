/**
 * Zoom and pan of one player (src-shared/review/zoom.ts does the arithmetic): the mouse wheel zooms
 * at the pointer, a drag moves a zoomed picture (when the mouse is not busy correcting points or
 * measuring), and key presses arrive as numbered commands from the workspace, for the active player.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { NO_ZOOM, panBy, zoomAt, zoomOn, ZOOM_STEP, type Zoom } from '../../../../src-shared/review/zoom';

export type ZoomAction =
  | { readonly type: 'zoom'; readonly dir: 1 | -1 | 0 }
  | { readonly type: 'pan'; readonly dx: number; readonly dy: number };

/** A key press for this player; `n` changes with every press so the same key twice acts twice. */
export interface ZoomCommand {
  readonly n: number;
  readonly action: ZoomAction;
}

export function useZoom(opts: {
  readonly stage: RefObject<HTMLDivElement | null>;
  /** The picture's size on screen at 1×. */
  readonly width: number;
  readonly height: number;
  readonly command?: ZoomCommand | undefined;
  /** The point to zoom onto from the keyboard (screen pixels at 1×), e.g. the runner's hips. */
  readonly focus?: () => { x: number; y: number } | undefined;
  readonly dragPan: boolean;
}): Zoom {
  const { stage, width: w, height: h, command } = opts;
  // A new size (window resize, one player ↔ two) starts from the whole picture again: the zoom is
  // kept with the size it was made for.
  const key = `${w}x${h}`;
  const [state, setState] = useState<{ key: string; zoom: Zoom }>({ key, zoom: NO_ZOOM });
  const zoom = state.key === key ? state.zoom : NO_ZOOM;
  const size = useRef({ w, h, key });
  const focus = useRef(opts.focus);
  const dragPan = useRef(opts.dragPan);
  useEffect(() => {
    size.current = { w, h, key };
    focus.current = opts.focus;
    dragPan.current = opts.dragPan;
  });
  const setZoom = useCallback(
    (f: (z: Zoom) => Zoom): void =>
      setState((s) => {
        const k = size.current.key;
        return { key: k, zoom: f(s.key === k ? s.zoom : NO_ZOOM) };
      }),
    [],
  );

  useEffect(() => {
    if (!command) return;
    const { w, h } = size.current;
    const a = command.action;
    setZoom((z) => {
      if (a.type === 'pan') return panBy(z, a.dx, a.dy, w, h);
      if (a.dir === 0) return NO_ZOOM;
      const factor = a.dir > 0 ? ZOOM_STEP : 1 / ZOOM_STEP;
      // The first zoom goes onto the runner; later ones keep the middle of what is on screen.
      const f = z.scale === 1 ? focus.current?.() : undefined;
      return f ? zoomOn(z, factor, f.x, f.y, w, h) : zoomAt(z, factor, w / 2, h / 2, w, h);
    });
  }, [command, setZoom]);

  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const box = el.getBoundingClientRect();
      const { w, h } = size.current;
      // One notch (about 100 px of deltaY) is one ZOOM_STEP.
      const factor = ZOOM_STEP ** (-e.deltaY / 100);
      setZoom((z) => zoomAt(z, factor, e.clientX - box.left, e.clientY - box.top, w, h));
    };
    let last: { x: number; y: number; id: number } | undefined;
    const onDown = (e: PointerEvent): void => {
      // Middle button always pans; the left one when it is not correcting points or measuring.
      if (!(e.button === 1 || (e.button === 0 && dragPan.current))) return;
      last = { x: e.clientX, y: e.clientY, id: e.pointerId };
    };
    const onMove = (e: PointerEvent): void => {
      if (!last || e.pointerId !== last.id) return;
      const dx = e.clientX - last.x;
      const dy = e.clientY - last.y;
      last = { ...last, x: e.clientX, y: e.clientY };
      const { w, h } = size.current;
      setZoom((z) => (z.scale > 1 ? panBy(z, dx, dy, w, h) : z));
    };
    const onUp = (): void => {
      last = undefined;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onDown);
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onDown);
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
    };
  }, [stage, setZoom]);

  return zoom;
}
