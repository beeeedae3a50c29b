/**
 * Measures the two ways a decoded frame becomes the landmarker's frame (reduce-frame.ts: planar,
 * and Chromium's RGBA copy then a box average) against each other, in the browser, on the same
 * frames: time per frame of each and the pixel difference. Not part of the app: bundled and served
 * by scripts/bench/pose-convert.ts for the pose bench and test/pose/yuv-chromium.test.ts, which
 * call `globalThis.stridelabConvertProbe` through the page.
 */
import { ALL_FORMATS, Input, UrlSource, VideoSampleSink } from 'mediabunny';
import type {
  ClipComparison,
  PixelDiff,
  SyntheticResult,
} from '../../../src-shared/pose/convert-probe-types';
import { inputFactor } from '../../../src-shared/pose/input-scale';
import { yuvMatrix } from '../../../src-shared/pose/yuv-scale';

/** libyuv's fixed-point luma product truncates: under 1/64 of a level per pixel, taken as 0.05. */
const BOUND_E = 0.05;
import { BufferPool, FrameReducer } from './reduce-frame';

function emptyDiff(): PixelDiff {
  return { max: [0, 0, 0], sum: [0, 0, 0], pixels: 0, histogram: [0, 0, 0, 0, 0] };
}

function addDiff(into: PixelDiff, a: Uint8ClampedArray, b: Uint8ClampedArray): PixelDiff {
  const max = [...into.max] as [number, number, number];
  const sum = [...into.sum] as [number, number, number];
  const histogram = [...into.histogram] as PixelDiff['histogram'];
  for (let i = 0; i < a.length; i += 4)
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(a[i + c]! - b[i + c]!);
      if (d > max[c]!) max[c] = d;
      sum[c] = sum[c]! + d;
      histogram[Math.min(4, d)]!++;
    }
  return { max, sum, pixels: into.pixels + a.length / 4, histogram };
}

/**
 * For each reduced pixel and channel, the mean over its k×k block of what clamping to 0–255 cut off
 * each full-size pixel (d of yuv-scale.ts's bound), from the frame's I420 planes: the conversion
 * without rounding or clamping, chroma ⌊x/2⌋, ⌊y/2⌋ as libyuv.
 */
async function clampCut(frame: VideoFrame, k: number): Promise<Float32Array> {
  const w = frame.visibleRect!.width;
  const h = frame.visibleRect!.height;
  const m = yuvMatrix(frame.colorSpace)!;
  const planes = new Uint8Array(frame.allocationSize());
  const [py, pu, pv] = await frame.copyTo(planes);
  const outW = Math.floor(w / k);
  const outH = Math.floor(h / k);
  const cut = new Float32Array(outW * outH * 3);
  for (let y = 0; y < outH * k; y++)
    for (let x = 0; x < outW * k; x++) {
      const l = m.yScale * (planes[py!.offset + y * py!.stride + x]! - m.yOffset);
      const u = planes[pu!.offset + (y >> 1) * pu!.stride + (x >> 1)]! - 128;
      const v = planes[pv!.offset + (y >> 1) * pv!.stride + (x >> 1)]! - 128;
      const o = (Math.floor(y / k) * outW + Math.floor(x / k)) * 3;
      const rgb = [l + m.rv * v, l + m.gu * u + m.gv * v, l + m.bu * u];
      for (let c = 0; c < 3; c++) {
        const e = rgb[c]!;
        if (e < 0) cut[o + c]! -= e;
        else if (e > 255) cut[o + c]! += e - 255;
      }
    }
  for (let i = 0; i < cut.length; i++) cut[i]! /= k * k;
  return cut;
}

/** Every frame of a clip (up to `maxFrames`) through both routes; `inputLongSide` as the engine's. */
async function compareClip(
  url: string,
  inputLongSide: number,
  maxFrames = Infinity,
  /** Also hold every reduced pixel to yuv-scale.ts's bound (slow: I420 frames, tests only). */
  checkBound = false,
): Promise<ClipComparison> {
  const input = new Input({ source: new UrlSource(url), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new Error('no video track');
    const k = inputFactor(track.displayWidth, track.displayHeight, inputLongSide);
    const reducer = new FrameReducer(new BufferPool(), new BufferPool());
    let frames = 0;
    let planarFrames = 0;
    let rgbaMs = 0;
    let planarMs = 0;
    let diff = emptyDiff();
    let beyondBound = -Infinity;
    let clamped = 0;
    let format: string | null = null;
    let colorSpace: ClipComparison['colorSpace'] = {};
    for await (const sample of new VideoSampleSink(track).samples()) {
      const frame = sample.toVideoFrame();
      sample.close();
      try {
        if (frames === 0) {
          format = frame.format;
          colorSpace = frame.colorSpace.toJSON();
        }
        const rgba = async (): Promise<ImageData> => {
          const t0 = performance.now();
          const image = await reducer.rgba(frame, k);
          rgbaMs += performance.now() - t0;
          return image;
        };
        const planar = async (): Promise<ImageData | null> => {
          const t0 = performance.now();
          const image = await reducer.planar(frame, k);
          planarMs += performance.now() - t0;
          return image;
        };
        // Alternate which goes first, so neither always finds the caches warm.
        let a: ImageData;
        let b: ImageData | null;
        if (frames % 2 === 0) {
          a = await rgba();
          b = await planar();
        } else {
          b = await planar();
          a = await rgba();
        }
        if (b) {
          planarFrames++;
          diff = addDiff(diff, a.data, b.data);
          if (checkBound && frame.format === 'I420') {
            const cut = await clampCut(frame, k);
            for (let i = 0, j = 0; i < a.data.length; i += 4, j += 3)
              for (let c = 0; c < 3; c++) {
                const over = Math.abs(a.data[i + c]! - b.data[i + c]!) - (1.5 + BOUND_E + cut[j + c]!);
                if (over > beyondBound) beyondBound = over;
                if (cut[j + c]! > 0) clamped++;
              }
          }
          reducer.out.give(b.data.buffer as ArrayBuffer);
        }
        reducer.out.give(a.data.buffer as ArrayBuffer);
      } finally {
        frame.close();
      }
      if (++frames >= maxFrames) break;
    }
    return {
      frames,
      factor: k,
      width: track.displayWidth,
      height: track.displayHeight,
      format,
      colorSpace,
      planarFrames,
      rgbaMs: rgbaMs / frames,
      planarMs: planarFrames ? planarMs / planarFrames : 0,
      diff,
      ...(checkBound ? { beyondBound, clamped } : {}),
    };
  } finally {
    input.dispose();
  }
}

/** An I420 frame made from the given planes and colour space, through Chromium and both routes. */
async function synthetic(
  width: number,
  height: number,
  planes: number[],
  colorSpace: VideoColorSpaceInit | null,
): Promise<SyntheticResult> {
  const init = {
    format: 'I420',
    codedWidth: width,
    codedHeight: height,
    timestamp: 0,
    ...(colorSpace ? { colorSpace } : {}),
  } as VideoFrameBufferInit;
  const frame = new VideoFrame(new Uint8Array(planes), init);
  try {
    const rgba = new Uint8Array(width * height * 4);
    await frame.copyTo(rgba, { format: 'RGBA' } as VideoFrameCopyToOptions);
    const reducer = new FrameReducer(new BufferPool(), new BufferPool());
    const a = await reducer.rgba(frame, 2);
    const b = await reducer.planar(frame, 2);
    return {
      rgba: Array.from(rgba),
      reducedRgba: Array.from(a.data),
      reducedPlanar: b ? Array.from(b.data) : null,
      colorSpace: frame.colorSpace.toJSON(),
    };
  } finally {
    frame.close();
  }
}

(globalThis as unknown as { stridelabConvertProbe: unknown }).stridelabConvertProbe = {
  compareClip,
  synthetic,
};
