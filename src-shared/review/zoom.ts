/**
 * Zoom and pan of one player, as plain data: the picture is drawn at `scale` times its fitted size
 * and moved by (`x`, `y`) screen pixels, i.e. the CSS transform `translate(x, y) scale(scale)` with
 * its origin at the top left. The picture always covers the player's box (no empty band when panned
 * to an edge), from 1× (the whole picture) up to MAX_ZOOM. The player's box is `w` × `h` screen
 * pixels, the picture's fitted size.
 */

export interface Zoom {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export const NO_ZOOM: Zoom = { scale: 1, x: 0, y: 0 };
/** Past 6× a 720 p proxy shows its pixels, not more of the runner. */
export const MAX_ZOOM = 6;
/** One key press or one wheel notch zooms by this factor. */
export const ZOOM_STEP = 1.25;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The same zoom moved back inside the limits (scale 1..MAX_ZOOM, picture covering the box). */
export function clampZoom(z: Zoom, w: number, h: number): Zoom {
  const scale = clamp(z.scale, 1, MAX_ZOOM);
  return { scale, x: clamp(z.x, w * (1 - scale), 0), y: clamp(z.y, h * (1 - scale), 0) };
}

/** Zoom by `factor` keeping the picture point under (px, py) (box pixels, e.g. the mouse) in place. */
export function zoomAt(z: Zoom, factor: number, px: number, py: number, w: number, h: number): Zoom {
  const scale = clamp(z.scale * factor, 1, MAX_ZOOM);
  const k = scale / z.scale;
  return clampZoom({ scale, x: px - (px - z.x) * k, y: py - (py - z.y) * k }, w, h);
}

/**
 * Zoom by `factor` and bring a point of the picture (fitted-size pixels, e.g. the runner's hips) to
 * the middle of the box: the keyboard's zoom, which has no mouse position to keep.
 */
export function zoomOn(z: Zoom, factor: number, fx: number, fy: number, w: number, h: number): Zoom {
  const scale = clamp(z.scale * factor, 1, MAX_ZOOM);
  return clampZoom({ scale, x: w / 2 - fx * scale, y: h / 2 - fy * scale }, w, h);
}

/** Move the picture by (dx, dy) screen pixels (a drag, or a key press). */
export const panBy = (z: Zoom, dx: number, dy: number, w: number, h: number): Zoom =>
  clampZoom({ ...z, x: z.x + dx, y: z.y + dy }, w, h);

/** The picture point (fitted-size pixels) under a box point: the inverse of the transform. */
export const pictureAt = (z: Zoom, px: number, py: number): { x: number; y: number } => ({
  x: (px - z.x) / z.scale,
  y: (py - z.y) / z.scale,
});
