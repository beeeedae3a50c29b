/**
 * The landmarker's reduced frame made straight from the decoder's YUV planes: the k×k box average
 * (input-scale.ts) fused with the YUV → RGB conversion, done once per *reduced* pixel. Pure (runs in
 * the engine's decode worker and in plain Node tests).
 *
 * Why: the decode worker used to ask Chromium for the whole 1080x1920 frame in RGBA
 * (`VideoFrame.copyTo({format: 'RGBA'})`: a colour conversion of every pixel and 8.3 MB written),
 * then read all of it again to average k×k blocks. On the clinic's two-view condition the two
 * decode workers share the two cores with the two models (issue 16, session throughput). Here the
 * planes are copied as they are (3.1 MB of I420 at 1080x1920) and each reduced pixel is converted
 * once: a quarter of the conversions at k = 2, and the 8.3 MB frame is never written.
 *
 * Why it gives the same pixels: the conversion is affine per pixel, RGB = M · (Y, U, V) + c, with
 * the very coefficients Chromium uses (`yuvMatrix`), so the mean of converted pixels is the
 * conversion of the mean (Y, U, V), where the mean chroma weights each chroma sample by the number
 * of luma pixels of the block that use it. Chromium's RGBA copy gives each 2×2 luma block its one
 * chroma sample, no interpolation (checked in Chromium, test/pose/yuv-chromium.test.ts), so that
 * weighting is exact for any k, even or odd. What differs is only where clamping and rounding
 * happen: the old path rounds and clamps every full-size pixel, then rounds their mean; this one
 * clamps and rounds the mean once. Bound, per channel: |new − old| ≤ 1.5 + e + d, three roundings of
 * at most ½, e the error of libyuv's fixed-point luma product per pixel (under 0.02 of a level), and
 * d the mean over the block of what clamping cut off each full-size pixel: 0 unless a pixel of the
 * block converts outside 0–255 (out-of-gamut YUV: Y below 16 in limited range, or saturated colours
 * near black or white). So at most 1 level where nothing clips. yuv-scale.test.ts holds the bound on
 * generated frames; the figures on real frames against Chromium are in docs/pose-engine.md.
 */

/** Planar layouts the fused path reads; any other `VideoFrame.format` takes the RGBA path. */
export type PlanarFormat = 'I420' | 'I420A' | 'NV12';
export const PLANAR_FORMATS: readonly string[] = ['I420', 'I420A', 'NV12'];

/** Where a plane starts in the copied buffer and its row length in bytes (`VideoFrame.copyTo`'s result). */
export interface PlaneLayout {
  readonly offset: number;
  readonly stride: number;
}

/** `VideoFrame.colorSpace` (WebCodecs VideoColorSpace), fields as the browser gives them. */
export interface ColorSpaceLike {
  readonly matrix?: string | null;
  readonly fullRange?: boolean | null;
}

/** RGB = yScale·(Y − yOffset) + (per channel) u·(U − 128) + v·(V − 128), as Chromium computes it. */
export interface YuvMatrix {
  readonly name: string;
  readonly yScale: number;
  readonly yOffset: number;
  readonly rv: number;
  readonly gu: number;
  readonly gv: number;
  readonly bu: number;
}

/** Luma weights (Kr, Kb) of each matrix: ITU-R BT.601 (= SMPTE 170M, BT.470BG), BT.709, BT.2020. */
const KRKB: Record<string, readonly [number, number]> = {
  bt470bg: [0.299, 0.114],
  smpte170m: [0.299, 0.114],
  bt709: [0.2126, 0.0722],
  'bt2020-ncl': [0.2627, 0.0593],
};

/**
 * The conversion Chromium applies for a frame's colour space, or null where the fused path does not
 * claim to match it (the RGBA copy is used then): an identity ('rgb') or unknown matrix.
 *
 * Chromium's RGBA copy is libyuv's (I420ToABGRMatrix and kin, with its YuvConstants per matrix and
 * range), so these are libyuv's numbers, not the textbook ones: each chroma coefficient is the
 * ITU-R one (BT.601 = SMPTE 170M = BT.470BG, BT.709, BT.2020 from Kr, Kb; limited range scales
 * luma by 255/219 and chroma by 255/224) rounded to 1/64, and in limited range the blue one is
 * held at 2.0 (128/64: libyuv's SIMD multiplies by signed bytes), where BT.709 says 2.112, so
 * Chromium's blues are a little darker than the standard's; luma is 18997·257/2²² (≈ 1.16401) with
 * the bias −1160/64 (libyuv's YG, YB), or 1 and 0 in full range. Fitted against Chromium 156 on
 * made-up frames of every matrix and range (test/pose/yuv-chromium.test.ts: within 1 level). A
 * matrix the browser leaves unset is read as BT.709 limited, what WebCodecs picks for a YUV frame
 * (Chromium also reports bt709 for decoded H.264 whose stream names none). `fullRange` unset: limited.
 */
export function yuvMatrix(cs: ColorSpaceLike | null | undefined): YuvMatrix | null {
  const matrix = cs?.matrix ?? 'bt709';
  const k = KRKB[matrix];
  if (!k) return null;
  const [kr, kb] = k;
  const kg = 1 - kr - kb;
  const full = cs?.fullRange === true;
  const cScale = full ? 1 : 255 / 224;
  const q = (c: number): number => Math.round(c * 64) / 64;
  const yScale = full ? 1 : (18997 * 257) / 2 ** 22;
  // libyuv adds YB/64 = −1160/64 (−1192/64 and its +32/64 of rounding); full range: its +32/64 only.
  const yBias = full ? 0 : -1192 / 64;
  return {
    name: `${matrix}${full ? ' full' : ''}`,
    yScale,
    yOffset: -yBias / yScale,
    rv: q(2 * (1 - kr) * cScale),
    gu: q(((-2 * kb * (1 - kb)) / kg) * cScale),
    gv: q(((-2 * kr * (1 - kr)) / kg) * cScale),
    bu: full ? q(2 * (1 - kb)) : Math.min(2, q(2 * (1 - kb) * cScale)),
  };
}

/** One YUV pixel to RGB (0–255, rounded, clamped): the reference the fused kernel is tested against. */
export function yuvToRgb(m: YuvMatrix, y: number, u: number, v: number): [number, number, number] {
  const l = m.yScale * (y - m.yOffset);
  const c = (x: number): number => Math.min(255, Math.max(0, Math.round(x)));
  return [c(l + m.rv * (v - 128)), c(l + m.gu * (u - 128) + m.gv * (v - 128)), c(l + m.bu * (u - 128))];
}

/**
 * Whether a frame can be reduced by `k` from its planes: a 4:2:0 layout this module reads, k ≥ 2
 * (at k = 1 the conversion is all there is, and Chromium's is native), and a known matrix.
 */
export function planarReducible(format: string | null, k: number, cs: ColorSpaceLike | null): boolean {
  return k >= 2 && format !== null && PLANAR_FORMATS.includes(format) && yuvMatrix(cs) !== null;
}

/**
 * For each reduced column (or row) the chroma samples its k luma columns use and how many use each
 * (4:2:0: luma x uses chroma ⌊x/2⌋): first index, and the weights in order (1 or 2 each).
 */
export interface ChromaSpan {
  readonly first: Int32Array;
  /** Weights of up to `per` samples, row-major [out][j]; unused entries are 0. */
  readonly weights: Int32Array;
  readonly per: number;
}
export function chromaSpans(out: number, k: number): ChromaSpan {
  const per = (k >> 1) + 1;
  const first = new Int32Array(out);
  const weights = new Int32Array(out * per);
  for (let o = 0; o < out; o++) {
    const c0 = (o * k) >> 1;
    first[o] = c0;
    for (let x = o * k; x < o * k + k; x++) weights[o * per + ((x >> 1) - c0)]! += 1;
  }
  return { first, weights, per };
}

/** Scratch a caller keeps between frames (sized for one reduced width and k). */
export interface YuvScratch {
  readonly y: Int32Array;
  readonly u: Int32Array;
  readonly v: Int32Array;
  readonly cols: ChromaSpan;
  readonly k: number;
  /** k = 2's lookup tables, for the matrix they were made for. */
  t2?: { readonly m: YuvMatrix; readonly t: Tables2 };
}
export function yuvScratch(outWidth: number, k: number): YuvScratch {
  return {
    y: new Int32Array(outWidth),
    u: new Int32Array(outWidth),
    v: new Int32Array(outWidth),
    cols: chromaSpans(outWidth, k),
    k,
  };
}

/**
 * k = 2 in fixed point (16 fractional bits, an error under 10⁻⁴ of a level): each channel is a
 * table of the 2×2 luma sum plus tables of the one chroma sample, the offsets and the ½ of rounding
 * folded into the chroma tables.
 */
interface Tables2 {
  readonly y: Int32Array; // [ΣY, 0–1020]
  readonly rv: Int32Array; // [V]
  readonly gu: Int32Array; // [U]
  readonly gv: Int32Array; // [V]
  readonly bu: Int32Array; // [U]
}
const FIX = 65536;
function tables2(m: YuvMatrix, scratch: YuvScratch): Tables2 {
  if (scratch.t2?.m.name === m.name) return scratch.t2.t; // one name, one set of coefficients
  const base = -m.yScale * m.yOffset + 0.5; // + ½: rounding half up by the floor of the shift
  const t: Tables2 = {
    y: Int32Array.from({ length: 1021 }, (_, s) => Math.round((m.yScale / 4) * s * FIX)),
    rv: Int32Array.from({ length: 256 }, (_, v) => Math.round((m.rv * (v - 128) + base) * FIX)),
    gu: Int32Array.from({ length: 256 }, (_, u) => Math.round(m.gu * (u - 128) * FIX)),
    gv: Int32Array.from({ length: 256 }, (_, v) => Math.round((m.gv * (v - 128) + base) * FIX)),
    bu: Int32Array.from({ length: 256 }, (_, u) => Math.round((m.bu * (u - 128) + base) * FIX)),
  };
  scratch.t2 = { m, t };
  return t;
}

/** The app's case (1080x1920 → 540x960): each reduced pixel is a 2×2 luma block and one chroma sample. */
function box2(
  src: Uint8Array,
  yOff: number,
  yStride: number,
  uOff: number,
  uStride: number,
  vOff: number,
  vStride: number,
  cStep: number,
  outW: number,
  outH: number,
  t: Tables2,
  dst: Uint32Array,
): void {
  const { y: ty, rv: trv, gu: tgu, gv: tgv, bu: tbu } = t;
  const px = (l: number, u: number, v: number): number => {
    let r = (l + trv[v]!) >> 16;
    let g = (l + tgu[u]! + tgv[v]!) >> 16;
    let b = (l + tbu[u]!) >> 16;
    r = r < 0 ? 0 : r > 255 ? 255 : r;
    g = g < 0 ? 0 : g > 255 ? 255 : g;
    b = b < 0 ? 0 : b > 255 ? 255 : b;
    return (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
  };
  for (let oy = 0; oy < outH; oy++) {
    const y0 = yOff + 2 * oy * yStride;
    const y1 = y0 + yStride;
    const uRow = uOff + oy * uStride;
    const vRow = vOff + oy * vStride;
    let o = oy * outW;
    for (let x = 0, c = 0, end = 2 * outW; x < end; x += 2, c += cStep, o++) {
      const l = ty[src[y0 + x]! + src[y0 + x + 1]! + src[y1 + x]! + src[y1 + x + 1]!]!;
      dst[o] = px(l, src[uRow + c]!, src[vRow + c]!);
    }
  }
}

/**
 * Area average of each k×k block of a 4:2:0 frame, converted to RGBA once per block (see the file's
 * comment for why this equals converting then averaging). `src`: the bytes `VideoFrame.copyTo`
 * wrote, `layout` its plane layouts (Y, U, V[, A] for I420/I420A; Y, UV interleaved for NV12);
 * `width` × `height`: the copied rect; `dst`: inputSize(width, height, k) pixels, RGBA as
 * little-endian 32-bit words (as boxDownscale), alpha opaque (as the old path made it).
 */
export function boxDownscaleYuv(
  src: Uint8Array,
  format: PlanarFormat,
  layout: readonly PlaneLayout[],
  width: number,
  height: number,
  k: number,
  m: YuvMatrix,
  dst: Uint32Array,
  scratch: YuvScratch,
): void {
  const outW = Math.floor(width / k);
  const outH = Math.floor(height / k);
  if (dst.length < outW * outH || scratch.y.length < outW || scratch.k !== k)
    throw new RangeError('boxDownscaleYuv: buffer too small or scratch for another factor');
  const nv12 = format === 'NV12';
  const { offset: yOff, stride: yStride } = layout[0]!;
  const { offset: uOff, stride: uStride } = layout[1]!;
  const vOff = nv12 ? uOff + 1 : layout[2]!.offset;
  const vStride = nv12 ? uStride : layout[2]!.stride;
  const cStep = nv12 ? 2 : 1;
  const { y: accY, u: accU, v: accV, cols } = scratch;
  const { first, weights, per } = cols;
  // RGB = a·ΣY + b·ΣU + c·ΣV + d, the sums over n = k² luma pixels (chroma sums weighted to n).
  const n = k * k;
  const aY = m.yScale / n;
  const rV = m.rv / n;
  const gU = m.gu / n;
  const gV = m.gv / n;
  const bU = m.bu / n;
  const base = -m.yScale * m.yOffset;
  const rC = base - 128 * m.rv + 0.5; // + 0.5: rounding half up by truncation below
  const gC = base - 128 * (m.gu + m.gv) + 0.5;
  const bC = base - 128 * m.bu + 0.5;
  if (k === 2) {
    box2(src, yOff, yStride, uOff, uStride, vOff, vStride, cStep, outW, outH, tables2(m, scratch), dst);
    return;
  }
  for (let oy = 0; oy < outH; oy++) {
    accY.fill(0, 0, outW);
    for (let ky = 0; ky < k; ky++) {
      let i = yOff + (oy * k + ky) * yStride;
      for (let ox = 0; ox < outW; ox++) {
        let s = 0;
        for (let kx = 0; kx < k; kx++) s += src[i++]!;
        accY[ox] = accY[ox]! + s;
      }
    }
    accU.fill(0, 0, outW);
    accV.fill(0, 0, outW);
    const r0 = (oy * k) >> 1;
    const r1 = (oy * k + k - 1) >> 1;
    for (let r = r0; r <= r1; r++) {
      // Luma rows of this block that use chroma row r.
      const wy = Math.min(oy * k + k, 2 * r + 2) - Math.max(oy * k, 2 * r);
      const uRow = uOff + r * uStride;
      const vRow = vOff + r * vStride;
      for (let ox = 0; ox < outW; ox++) {
        const c0 = first[ox]!;
        let su = 0;
        let sv = 0;
        for (let j = 0, w = ox * per; j < per; j++, w++) {
          const wx = weights[w]!;
          if (wx === 0) break;
          su += wx * src[uRow + (c0 + j) * cStep]!;
          sv += wx * src[vRow + (c0 + j) * cStep]!;
        }
        accU[ox] = accU[ox]! + wy * su;
        accV[ox] = accV[ox]! + wy * sv;
      }
    }
    let o = oy * outW;
    for (let ox = 0; ox < outW; ox++, o++) {
      const l = aY * accY[ox]!;
      const su = accU[ox]!;
      const sv = accV[ox]!;
      let r = l + rV * sv + rC;
      let g = l + gU * su + gV * sv + gC;
      let b = l + bU * su + bC;
      r = r < 0 ? 0 : r > 255 ? 255 : r | 0;
      g = g < 0 ? 0 : g > 255 ? 255 : g | 0;
      b = b < 0 ? 0 : b > 255 ? 255 : b | 0;
      dst[o] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
    }
  }
}
