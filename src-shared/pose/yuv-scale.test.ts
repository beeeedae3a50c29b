import { describe, expect, it } from 'vitest';
import { boxDownscale, inputSize } from './input-scale';
import {
  boxDownscaleYuv,
  planarReducible,
  yuvMatrix,
  yuvScratch,
  yuvToRgb,
  type PlaneLayout,
  type PlanarFormat,
  type YuvMatrix,
} from './yuv-scale';

/** A 4:2:0 frame from functions of the luma / chroma position, laid out with padded strides. */
interface Frame {
  readonly data: Uint8Array;
  readonly layout: PlaneLayout[];
  readonly Y: (x: number, y: number) => number;
  readonly U: (cx: number, cy: number) => number;
  readonly V: (cx: number, cy: number) => number;
}
function makeFrame(
  format: PlanarFormat,
  w: number,
  h: number,
  Y: (x: number, y: number) => number,
  U: (cx: number, cy: number) => number,
  V: (cx: number, cy: number) => number,
): Frame {
  const cw = Math.ceil(w / 2);
  const ch = Math.ceil(h / 2);
  const pad = 5; // strides longer than the rows, planes not at 0: the layouts must be honoured
  const yStride = w + pad;
  const cStride = (format === 'NV12' ? 2 * cw : cw) + pad;
  const layout: PlaneLayout[] = [{ offset: 3, stride: yStride }];
  let end = 3 + yStride * h;
  const planes = format === 'NV12' ? 1 : format === 'I420A' ? 3 : 2;
  for (let p = 0; p < planes; p++) {
    const stride = p === 2 ? yStride : cStride; // the alpha plane is full size
    layout.push({ offset: end + 7, stride });
    end += 7 + stride * (p === 2 ? h : ch);
  }
  const data = new Uint8Array(end).fill(77); // padding bytes that must not be read
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[layout[0]!.offset + y * yStride + x] = Y(x, y);
  for (let cy = 0; cy < ch; cy++)
    for (let cx = 0; cx < cw; cx++) {
      if (format === 'NV12') {
        data[layout[1]!.offset + cy * cStride + 2 * cx] = U(cx, cy);
        data[layout[1]!.offset + cy * cStride + 2 * cx + 1] = V(cx, cy);
      } else {
        data[layout[1]!.offset + cy * cStride + cx] = U(cx, cy);
        data[layout[2]!.offset + cy * cStride + cx] = V(cx, cy);
      }
    }
  if (format === 'I420A') for (let i = 0; i < yStride * h; i++) data[layout[3]!.offset + i] = 255;
  return { data, layout, Y, U, V };
}

const reduce = (
  f: Frame,
  format: PlanarFormat,
  w: number,
  h: number,
  k: number,
  m: YuvMatrix,
): Uint32Array => {
  const { width, height } = inputSize(w, h, k);
  const dst = new Uint32Array(width * height);
  boxDownscaleYuv(f.data, format, f.layout, w, h, k, m, dst, yuvScratch(width, k));
  return dst;
};
const rgba = (p: number): number[] => [p & 0xff, (p >>> 8) & 0xff, (p >>> 16) & 0xff, p >>> 24];

/** Each full-size pixel converted without rounding or clamping (chroma ⌊x/2⌋, ⌊y/2⌋, as libyuv). */
const exact = (m: YuvMatrix, f: Frame, x: number, y: number): number[] => {
  const l = m.yScale * (f.Y(x, y) - m.yOffset);
  const u = f.U(x >> 1, y >> 1) - 128;
  const v = f.V(x >> 1, y >> 1) - 128;
  return [l + m.rv * v, l + m.gu * u + m.gv * v, l + m.bu * u];
};

// Pseudo-random but smooth enough to stay in gamut: limited-range values well inside 16–235/240.
const inGamut = {
  Y: (x: number, y: number) => 60 + ((x * 37 + y * 11 + ((x * y) % 7)) % 120),
  U: (x: number, y: number) => 110 + ((x * 13 + y * 5) % 37),
  V: (x: number, y: number) => 105 + ((x * 7 + y * 17) % 41),
};

describe('yuvMatrix', () => {
  it('gives libyuv’s coefficients: the ITU-R ones rounded to 1/64, blue held at 2.0 in limited range', () => {
    const in64 = (m: YuvMatrix | null): number[] =>
      [m!.rv, m!.gu, m!.gv, m!.bu].map((c) => Math.round(c * 64));
    // libyuv's YuvConstants (row_common.cc): I601 VR 102, UG 25, VG 52, UB 128 (2.018 held at 2);
    // H709 115, 14, 34, 128 (2.112 held); 2020 107, 12, 42, 128; JPEG 90, 22, 46, 113; F709 101, 12, 30, 119.
    expect(in64(yuvMatrix({ matrix: 'smpte170m', fullRange: false }))).toEqual([102, -25, -52, 128]);
    expect(in64(yuvMatrix({ matrix: 'bt470bg' }))).toEqual([102, -25, -52, 128]);
    expect(in64(yuvMatrix({ matrix: 'bt709' }))).toEqual([115, -14, -34, 128]);
    expect(in64(yuvMatrix({ matrix: 'bt2020-ncl' }))).toEqual([107, -12, -42, 128]);
    expect(in64(yuvMatrix({ matrix: 'bt470bg', fullRange: true }))).toEqual([90, -22, -46, 113]);
    expect(in64(yuvMatrix({ matrix: 'bt709', fullRange: true }))).toEqual([101, -12, -30, 119]);
    // Every coefficient is a whole number of 64ths.
    for (const m of [yuvMatrix({ matrix: 'bt709' })!, yuvMatrix({ matrix: 'bt470bg', fullRange: true })!])
      for (const c of [m.rv, m.gu, m.gv, m.bu]) expect(c * 64).toBe(Math.round(c * 64));
    // Luma: YG = 18997 (1.164 × 64 × 256 × 256 / 257), about 1.16401 per level.
    expect(yuvMatrix({ matrix: 'bt709' })!.yScale).toBeCloseTo(1.16401, 5);
    expect(yuvMatrix({ matrix: 'bt709', fullRange: true })!.yScale).toBe(1);
  });
  it('reads an unset matrix as BT.709 limited (WebCodecs’ pick) and refuses the identity and unknown ones', () => {
    expect(yuvMatrix(null)!.name).toBe('bt709');
    expect(yuvMatrix({ matrix: null, fullRange: null })!.name).toBe('bt709');
    expect(yuvMatrix({ matrix: 'rgb' })).toBeNull();
    expect(yuvMatrix({ matrix: 'ycgco' })).toBeNull();
  });
  it('maps the range ends and grey where they belong', () => {
    const m = yuvMatrix({ matrix: 'bt709' })!;
    expect(yuvToRgb(m, 16, 128, 128)).toEqual([0, 0, 0]);
    expect(yuvToRgb(m, 235, 128, 128)).toEqual([255, 255, 255]);
    expect(yuvToRgb(m, 126, 128, 128)).toEqual([128, 128, 128]);
    const f = yuvMatrix({ matrix: 'bt709', fullRange: true })!;
    expect(yuvToRgb(f, 0, 128, 128)).toEqual([0, 0, 0]);
    expect(yuvToRgb(f, 255, 128, 128)).toEqual([255, 255, 255]);
  });
});

describe('planarReducible', () => {
  it('takes 4:2:0 frames with a known matrix at k ≥ 2 only', () => {
    const cs = { matrix: 'bt709', fullRange: false };
    expect(planarReducible('I420', 2, cs)).toBe(true);
    expect(planarReducible('NV12', 3, cs)).toBe(true);
    expect(planarReducible('I420A', 2, null)).toBe(true);
    expect(planarReducible('I420', 1, cs)).toBe(false);
    expect(planarReducible('I420P10', 2, cs)).toBe(false);
    expect(planarReducible('I444', 2, cs)).toBe(false);
    expect(planarReducible('RGBA', 2, cs)).toBe(false);
    expect(planarReducible(null, 2, cs)).toBe(false);
    expect(planarReducible('I420', 2, { matrix: 'rgb' })).toBe(false);
  });
});

describe('boxDownscaleYuv', () => {
  it('equals converting every pixel then averaging (before rounding), for even and odd k, all layouts', () => {
    for (const format of ['I420', 'I420A', 'NV12'] as const)
      for (const cs of [{ matrix: 'bt709' }, { matrix: 'smpte170m' }, { matrix: 'bt470bg', fullRange: true }])
        for (const k of [2, 3, 4, 5]) {
          const m = yuvMatrix(cs)!;
          const w = 7 * k + 3; // odd sizes: a partial block and a last chroma column used by half
          const h = 5 * k + 1;
          const f = makeFrame(format, w, h, inGamut.Y, inGamut.U, inGamut.V);
          const dst = reduce(f, format, w, h, k, m);
          const { width: ow, height: oh } = inputSize(w, h, k);
          for (let oy = 0; oy < oh; oy++)
            for (let ox = 0; ox < ow; ox++) {
              const sum = [0, 0, 0];
              for (let y = oy * k; y < oy * k + k; y++)
                for (let x = ox * k; x < ox * k + k; x++) exact(m, f, x, y).forEach((c, i) => (sum[i]! += c));
              const mean = sum.map((s) => s / (k * k));
              const got = rgba(dst[oy * ow + ox]!);
              mean.forEach((c, i) => {
                const want = Math.min(255, Math.max(0, Math.floor(c + 0.5)));
                // A mean within 10⁻³ of a half may round either way (k = 2 runs in 16-bit fixed point).
                if (Math.abs(c - Math.floor(c) - 0.5) > 1e-3) expect(got[i]).toBe(want);
                else expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(1);
              });
              expect(got[3]).toBe(255);
            }
        }
  });

  it('differs from the old path (convert, round and clamp each pixel, then box average) by at most 1.5 + what clamping cut (1 in gamut)', () => {
    // Out-of-gamut YUV on purpose (Y below 16 and above 235, chroma at the ends), where clamping
    // each pixel first and clamping the mean differ.
    const wild = {
      Y: (x: number, y: number) => (x * 97 + y * 31 + ((x * y * 13) % 29)) % 256,
      U: (x: number, y: number) => (x * 53 + y * 71) % 256,
      V: (x: number, y: number) => (x * 29 + y * 43 + 100) % 256,
    };
    let worstBeyondClip = 0;
    let clippedBlocks = 0;
    for (const data of [inGamut, wild])
      for (const k of [2, 3, 4]) {
        const m = yuvMatrix({ matrix: 'bt709' })!;
        const w = 9 * k;
        const h = 7 * k;
        const f = makeFrame('I420', w, h, data.Y, data.U, data.V);
        const got = reduce(f, 'I420', w, h, k, m);
        const full = new Uint32Array(w * h);
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) {
            const [r, g, b] = yuvToRgb(m, f.Y(x, y), f.U(x >> 1, y >> 1), f.V(x >> 1, y >> 1));
            full[y * w + x] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
          }
        const { width: ow, height: oh } = inputSize(w, h, k);
        const old = new Uint32Array(ow * oh);
        boxDownscale(full, w, h, k, old, new Uint32Array(ow * 2));
        for (let oy = 0; oy < oh; oy++)
          for (let ox = 0; ox < ow; ox++) {
            const cut = [0, 0, 0];
            for (let y = oy * k; y < oy * k + k; y++)
              for (let x = ox * k; x < ox * k + k; x++)
                exact(m, f, x, y).forEach((c, i) => (cut[i]! += c < 0 ? -c : c > 255 ? c - 255 : 0));
            const a = rgba(got[oy * ow + ox]!);
            const b = rgba(old[oy * ow + ox]!);
            for (let i = 0; i < 3; i++) {
              const d = cut[i]! / (k * k);
              if (d > 0) clippedBlocks++;
              // Three roundings of at most ½ (each pixel, the old mean, the new mean) and the clamping term.
              expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(1.5 + d + 1e-9);
              if (data === inGamut) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(1);
              worstBeyondClip = Math.max(worstBeyondClip, Math.abs(a[i]! - b[i]!) - d);
            }
          }
      }
    expect(clippedBlocks).toBeGreaterThan(50); // the wild frame did exercise the clamping term
    expect(worstBeyondClip).toBeLessThanOrEqual(1.5);
  });

  it('gives the same pixels from NV12 as from I420 holding the same samples', () => {
    const m = yuvMatrix({ matrix: 'smpte170m' })!;
    const a = makeFrame('I420', 40, 30, inGamut.Y, inGamut.U, inGamut.V);
    const b = makeFrame('NV12', 40, 30, inGamut.Y, inGamut.U, inGamut.V);
    expect(Array.from(reduce(b, 'NV12', 40, 30, 2, m))).toEqual(Array.from(reduce(a, 'I420', 40, 30, 2, m)));
  });

  it('weights each chroma sample by the luma pixels that use it when k is odd (a known 6x3 case)', () => {
    // k = 3: the left block uses chroma columns 0 (luma x 0, 1) and 1 (x 2); rows: chroma row 0
    // (luma y 0, 1) and 1 (y 2). V = 128 + 64 in chroma (0, 0) only, 128 elsewhere; Y = 126.
    const m = yuvMatrix({ matrix: 'smpte170m' })!;
    const f = makeFrame(
      'I420',
      6,
      3,
      () => 126,
      () => 128,
      (cx, cy) => (cx === 0 && cy === 0 ? 192 : 128),
    );
    const [left, right] = Array.from(reduce(f, 'I420', 6, 3, 3, m), rgba);
    // 4 of the 9 luma pixels use (0, 0): mean V − 128 = 64 × 4 / 9.
    const grey = m.yScale * (126 - 16);
    expect(left![0]).toBe(Math.round(grey + (m.rv * 64 * 4) / 9));
    expect(right![0]).toBe(Math.round(grey));
  });

  it('refuses a destination too small and scratch made for another factor', () => {
    const m = yuvMatrix(null)!;
    const f = makeFrame('I420', 8, 8, inGamut.Y, inGamut.U, inGamut.V);
    expect(() =>
      boxDownscaleYuv(f.data, 'I420', f.layout, 8, 8, 2, m, new Uint32Array(15), yuvScratch(4, 2)),
    ).toThrow(RangeError);
    expect(() =>
      boxDownscaleYuv(f.data, 'I420', f.layout, 8, 8, 2, m, new Uint32Array(16), yuvScratch(4, 4)),
    ).toThrow(RangeError);
  });
});
