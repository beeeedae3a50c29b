import { describe, expect, it } from 'vitest';
import { Canvas } from '../gait/synthetic/marker-raster';
import { createPrng } from '../gait/synthetic/prng';
import { colourDistance, detectBlobs } from './detect';

/** A noisy grey frame with markers at known sub-pixel centres and the usual background distractors. */
function scene(
  markers: readonly [number, number][],
  colour: readonly [number, number, number] = [250, 250, 250],
) {
  const c = new Canvas(320, 200);
  c.fill([96, 96, 100]);
  c.rect(10, 10, 150, 15, [250, 250, 250]); // lamp: a long bar
  c.rect(220, 10, 300, 70, [235, 235, 235]); // window: far too big
  for (let k = 0; k < 6; k++) c.rect(20 + 30 * k, 100, 21 + 30 * k, 101, [255, 255, 255]); // specks
  c.capsule(100, 60, 130, 190, 18, [40, 44, 60]); // a dark limb under some markers
  for (const [x, y] of markers) c.blurredDisc(x, y, x, y, 3, colour);
  const rng = createPrng(3);
  const noise = new Float32Array(4096).map(() => rng.gaussian());
  c.addNoise(noise, 0, 3);
  return { width: c.width, height: c.height, data: c.data };
}

describe('detectBlobs', () => {
  const truth: [number, number][] = [
    [60.3, 150.7],
    [112.25, 120.5],
    [125.8, 80.15],
    [250.6, 150.4],
  ];

  it('finds bright round markers to a tenth of a pixel and rejects bars, windows and specks', () => {
    const blobs = detectBlobs(scene(truth), { appearance: { kind: 'bright' } });
    expect(blobs).toHaveLength(truth.length);
    for (const [x, y] of truth) {
      const b = blobs.find((q) => Math.hypot(q.x - x, q.y - y) < 2);
      expect(b, `marker at ${x},${y}`).toBeDefined();
      expect(Math.hypot(b!.x - x, b!.y - y)).toBeLessThan(0.1);
      expect(b!.roundness).toBeGreaterThan(0.8);
      expect(b!.radiusPx).toBeGreaterThan(2.5);
      expect(b!.contrast).toBeGreaterThan(100);
    }
  });

  it('keeps an elongated blob only when the roundness limit allows it', () => {
    const c = new Canvas(100, 60);
    c.fill([90, 90, 90]);
    c.blurredDisc(20, 30, 50, 30, 3, [250, 250, 250]);
    const img = { width: 100, height: 60, data: c.data };
    expect(detectBlobs(img, { appearance: { kind: 'bright' } })).toHaveLength(0);
    const streak = detectBlobs(img, { appearance: { kind: 'bright' }, minRoundness: 0.05 });
    expect(streak).toHaveLength(1);
    expect(Math.abs(streak[0]!.x - 35)).toBeLessThan(0.1);
  });

  it('finds a picked colour by HSV distance and ignores bright spots of other colours', () => {
    const green: [number, number, number] = [40, 200, 60];
    const img = scene(truth, green);
    // A red sticker of the same size and brightness must not count.
    const c = new Canvas(img.width, img.height);
    c.data.set(img.data);
    c.blurredDisc(180, 160, 180, 160, 3, [200, 40, 40]);
    const blobs = detectBlobs(
      { width: c.width, height: c.height, data: c.data },
      { appearance: { kind: 'colour', rgb: green, tolerance: 0.2 } },
    );
    expect(blobs).toHaveLength(truth.length);
    for (const [x, y] of truth) expect(blobs.some((b) => Math.hypot(b.x - x, b.y - y) < 0.25)).toBe(true);
  });

  it('measures colour distance on the hexcone: hue wraps, greys have no hue', () => {
    expect(colourDistance([255, 0, 0], [0, 255, 255])).toBeCloseTo(1, 5);
    expect(colourDistance([255, 0, 10], [255, 10, 0])).toBeLessThan(0.05);
    expect(colourDistance([128, 128, 128], [128, 128, 128])).toBe(0);
  });

  it('reads grey images and a region', () => {
    const g = new Uint8Array(50 * 40).fill(30);
    for (let y = 18; y < 22; y++) for (let x = 10; x < 14; x++) g[y * 50 + x] = 220;
    const all = detectBlobs({ width: 50, height: 40, data: g }, { appearance: { kind: 'bright' } });
    expect(all).toHaveLength(1);
    expect(all[0]!.x).toBeCloseTo(12, 5);
    expect(all[0]!.y).toBeCloseTo(20, 5);
    const none = detectBlobs(
      { width: 50, height: 40, data: g },
      { appearance: { kind: 'bright' }, region: { x: 25, y: 0, width: 25, height: 40 } },
    );
    expect(none.filter((b) => b.contrast > 50)).toHaveLength(0);
  });
});
