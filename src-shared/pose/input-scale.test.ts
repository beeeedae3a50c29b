import { describe, expect, it } from 'vitest';
import { boxDownscale, inputFactor, inputSize } from './input-scale';

/** An RGBA frame (little-endian 32-bit pixels) from a function of the pixel position. */
function frame(w: number, h: number, f: (x: number, y: number) => [number, number, number]): Uint32Array {
  const px = new Uint32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, b] = f(x, y);
      px[y * w + x] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
    }
  return px;
}
const rgba = (p: number): [number, number, number, number] => [
  p & 0xff,
  (p >>> 8) & 0xff,
  (p >>> 16) & 0xff,
  p >>> 24,
];

describe('inputFactor', () => {
  it('reduces by the largest whole factor that keeps the long side at least as long as asked', () => {
    expect(inputFactor(1080, 1920, 640)).toBe(3);
    expect(inputFactor(1088, 1920, 640)).toBe(3);
    expect(inputFactor(720, 1280, 640)).toBe(2);
    expect(inputFactor(1768, 994, 640)).toBe(2);
    expect(inputFactor(1280, 720, 960)).toBe(1);
    expect(inputFactor(480, 352, 640)).toBe(1);
    expect(inputFactor(1080, 1920, 0)).toBe(1);
    expect(inputFactor(1080, 1920, undefined)).toBe(1);
    expect(inputFactor(20000, 10000, 640)).toBe(16);
  });
  it('drops a partial block at the edge', () => {
    expect(inputSize(1088, 1920, 3)).toEqual({ width: 362, height: 640 });
    expect(inputSize(1768, 994, 2)).toEqual({ width: 884, height: 497 });
  });
});

describe('boxDownscale', () => {
  it('averages each k×k block, channel by channel, rounding half up', () => {
    for (const k of [2, 3, 4]) {
      const w = 7 * k + 1;
      const h = 5 * k + 2;
      const f = (x: number, y: number): [number, number, number] => [
        (x * 37 + y * 11) % 256,
        (x * y) % 256,
        255 - ((x + 3 * y) % 256),
      ];
      const src = frame(w, h, f);
      const { width: ow, height: oh } = inputSize(w, h, k);
      const dst = new Uint32Array(ow * oh);
      boxDownscale(src, w, h, k, dst, new Uint32Array(ow * 2));
      for (let oy = 0; oy < oh; oy++)
        for (let ox = 0; ox < ow; ox++) {
          const sum = [0, 0, 0];
          for (let y = oy * k; y < oy * k + k; y++)
            for (let x = ox * k; x < ox * k + k; x++) f(x, y).forEach((v, c) => (sum[c]! += v));
          const want = sum.map((s) => Math.floor((s + ((k * k) >> 1)) / (k * k)));
          expect(rgba(dst[oy * ow + ox]!)).toEqual([...want, 255]);
        }
    }
  });
  it('keeps white white and black black at the largest factor (no lane overflows)', () => {
    const k = 16;
    const src = frame(2 * k, k, (x) => (x < k ? [255, 255, 255] : [0, 0, 0]));
    const dst = new Uint32Array(2);
    boxDownscale(src, 2 * k, k, k, dst, new Uint32Array(4));
    expect(rgba(dst[0]!)).toEqual([255, 255, 255, 255]);
    expect(rgba(dst[1]!)).toEqual([0, 0, 0, 255]);
  });
  it('keeps a sharp edge where it was, in pixels of the original (what the landmarks are scaled back by)', () => {
    // A vertical edge at x = 30 in a 90-px-wide frame: reduced by 3, the edge is at 10 of 30,
    // i.e. 10 × 3 = 30 px of the original.
    const src = frame(90, 6, (x) => (x < 30 ? [255, 0, 0] : [0, 0, 255]));
    const dst = new Uint32Array(30 * 2);
    boxDownscale(src, 90, 6, 3, dst, new Uint32Array(60));
    const row = Array.from(dst.subarray(0, 30), (p) => rgba(p)[0]);
    expect(row.findIndex((r) => r < 128)).toBe(10);
  });
  it('refuses buffers too small for the reduced frame', () => {
    expect(() => boxDownscale(new Uint32Array(16), 4, 4, 2, new Uint32Array(3), new Uint32Array(4))).toThrow(
      RangeError,
    );
  });
});
