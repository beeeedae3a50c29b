/**
 * Splitting merged blobs (track-split.ts) on rendered discs with known centres: the renderer of the
 * synthetic clips (marker-raster.ts: exposure-averaged coverage, Gaussian noise), two markers of the
 * rear view's size (r = 3.36 px) touching or overlapping, still or smeared.
 */
import { describe, expect, it } from 'vitest';
import { Canvas } from '../gait/synthetic/marker-raster';
import { createPrng } from '../gait/synthetic/prng';
import { detectBlobs } from './detect';
import { fitDiscs } from './track-split';

const R = 3.36;
const opts = { appearance: { kind: 'bright' as const } };

/** Discs drawn farthest first (the later covers the earlier), each moving by (dx, dy) in the exposure. */
function render(discs: { x: number; y: number; dx: number; dy: number }[], seed: number): Canvas {
  const c = new Canvas(60, 60);
  c.fill([90, 90, 90]);
  for (const d of discs)
    c.blurredDisc(d.x - d.dx / 2, d.y - d.dy / 2, d.x + d.dx / 2, d.y + d.dy / 2, R, [255, 255, 255]);
  const prng = createPrng(seed);
  const noise = new Float32Array(1 << 12);
  for (let i = 0; i < noise.length; i++) noise[i] = prng.gaussian();
  c.addNoise(noise, seed * 97, 3);
  return c;
}

describe('fitDiscs', () => {
  const cases = [
    { what: 'touching, still', a: [30.3, 24.6, 0, 0], b: [30.6, 31.4, 0, 0] },
    {
      what: 'overlapping by half a diameter, smeared upward',
      a: [29.8, 25.2, 0, -2.4],
      b: [30.4, 29.9, 0, -2.4],
    },
    { what: 'one covering most of the other', a: [30.1, 27.7, 0, 1], b: [30.5, 30.9, 0, 1] },
  ];
  for (const c of cases)
    it(`places both centres within 0.3 px: ${c.what}`, () => {
      const [ax, ay, adx, ady] = c.a as [number, number, number, number];
      const [bx, by, bdx, bdy] = c.b as [number, number, number, number];
      for (const seed of [1, 2, 3]) {
        const img = {
          width: 60,
          height: 60,
          data: render(
            [
              { x: ax, y: ay, dx: adx, dy: ady },
              { x: bx, y: by, dx: bdx, dy: bdy },
            ],
            seed,
          ).data,
        };
        // The blob's centroid is the pair's: more than a pixel from either marker.
        const blob = detectBlobs(img, { ...opts, minRoundness: 0.1 }).find((b) => Math.abs(b.x - 30) < 5)!;
        expect(
          Math.min(Math.hypot(blob.x - ax, blob.y - ay), Math.hypot(blob.x - bx, blob.y - by)),
        ).toBeGreaterThan(1);
        // Started from predictions 1.5 px off, as a tracker's are.
        const fit = fitDiscs(
          img,
          opts,
          [
            { x: ax + 1, y: ay - 1.1, dx: adx, dy: ady },
            { x: bx - 0.8, y: by + 1.2, dx: bdx, dy: bdy },
          ],
          3,
        )!;
        expect(Math.hypot(fit.centres[0]!.x - ax, fit.centres[0]!.y - ay)).toBeLessThan(0.3);
        expect(Math.hypot(fit.centres[1]!.x - bx, fit.centres[1]!.y - by)).toBeLessThan(0.3);
      }
    });

  it('one disc: its centre within 0.15 px, and no fit on a blank window', () => {
    const img = { width: 60, height: 60, data: render([{ x: 20.7, y: 33.2, dx: 0, dy: 0 }], 5).data };
    const fit = fitDiscs(img, opts, [{ x: 21.5, y: 32.4, dx: 0, dy: 0 }], 3)!;
    expect(Math.hypot(fit.centres[0]!.x - 20.7, fit.centres[0]!.y - 33.2)).toBeLessThan(0.15);
    expect(Math.abs(fit.radius - R)).toBeLessThan(0.3);
    const blank = { width: 60, height: 60, data: render([], 5).data };
    const none = fitDiscs(blank, opts, [{ x: 40, y: 40, dx: 0, dy: 0 }], 3);
    expect(none === null || none.amplitude < 20).toBe(true);
  });
});
