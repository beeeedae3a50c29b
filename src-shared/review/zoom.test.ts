import { describe, expect, it } from 'vitest';
import { clampZoom, MAX_ZOOM, NO_ZOOM, panBy, pictureAt, zoomAt, zoomOn } from './zoom';

const W = 400;
const H = 700;

describe('player zoom and pan', () => {
  it('keeps the point under the mouse in place while zooming, and back', () => {
    const z = zoomAt(NO_ZOOM, 2, 100, 600, W, H);
    expect(z.scale).toBe(2);
    expect(pictureAt(z, 100, 600)).toEqual({ x: 100, y: 600 });
    const z2 = zoomAt(z, 1.5, 300, 200, W, H);
    const before = pictureAt(z, 300, 200);
    const after = pictureAt(z2, 300, 200);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
    // Out again to 1×: the whole picture, in place.
    expect(zoomAt(z2, 1 / 3, 300, 200, W, H)).toEqual(NO_ZOOM);
  });

  it('never leaves an empty band: the picture covers the box at every zoom and pan', () => {
    let z = zoomAt(NO_ZOOM, 3, 0, 0, W, H);
    z = panBy(z, 5000, 5000, W, H);
    expect(z).toEqual({ scale: 3, x: 0, y: 0 });
    z = panBy(z, -5000, -5000, W, H);
    expect(z).toEqual({ scale: 3, x: W * (1 - 3), y: H * (1 - 3) });
    // Right and bottom edges of the picture stay on or past the box's.
    expect(z.x + W * z.scale).toBeCloseTo(W, 9);
    expect(z.y + H * z.scale).toBeCloseTo(H, 9);
    expect(panBy(NO_ZOOM, 50, -50, W, H)).toEqual(NO_ZOOM);
  });

  it('stays between 1× and the maximum', () => {
    expect(zoomAt(NO_ZOOM, 0.5, 10, 10, W, H).scale).toBe(1);
    expect(zoomAt(NO_ZOOM, 100, 10, 10, W, H).scale).toBe(MAX_ZOOM);
    expect(clampZoom({ scale: 0.2, x: 30, y: -9 }, W, H)).toEqual(NO_ZOOM);
  });

  it('zooms from the keyboard onto a point of the picture (the runner), centred where it can be', () => {
    const z = zoomOn(NO_ZOOM, 2, 200, 350, W, H);
    expect(z).toEqual({ scale: 2, x: -200, y: -350 });
    expect(pictureAt(z, W / 2, H / 2)).toEqual({ x: 200, y: 350 });
    // Near an edge the picture still covers the box: the point comes as near the middle as it can.
    const edge = zoomOn(NO_ZOOM, 2, 20, 690, W, H);
    expect(edge).toEqual({ scale: 2, x: 0, y: H * (1 - 2) });
  });
});
