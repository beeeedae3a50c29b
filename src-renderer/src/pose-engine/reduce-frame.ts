/**
 * A decoded frame made into the frame the landmarker gets (input-scale.ts: reduced by a whole
 * factor k), by one of two routes, with the pixel memory of both kept in pools:
 * - planar: the decoder's own YUV planes copied out as they are (`VideoFrame.copyTo` without a
 *   format), then box average and colour conversion in one pass at the reduced size
 *   (src-shared/pose/yuv-scale.ts). Only for 4:2:0 frames (I420, I420A, NV12) with a known matrix
 *   and k ≥ 2; `planar` returns null otherwise.
 * - rgba: Chromium converts the whole frame to RGBA (`copyTo({format: 'RGBA'})`, libyuv), then the
 *   box average (input-scale.ts `boxDownscale`) reads it again. The route before, and the fallback.
 * Used by the decode worker, and by the conversion probe (convert-probe.ts) that measures the two
 * against each other in Chromium: the same code either way.
 */
import { boxDownscale, inputSize } from '../../../src-shared/pose/input-scale';
import {
  boxDownscaleYuv,
  planarReducible,
  yuvMatrix,
  yuvScratch,
  type PlanarFormat,
  type YuvScratch,
} from '../../../src-shared/pose/yuv-scale';
import type { CropRect } from '../../../src-shared/pose/runner-crop';
import { copyRect, toImageData, type TakeBuffer } from './decode';

const POOL_MAX = 8;

/** Buffers of the sizes in use, handed out again once given back. */
export class BufferPool {
  readonly #free: ArrayBuffer[] = [];
  readonly take: TakeBuffer = (bytes) => {
    const i = this.#free.findIndex((b) => b.byteLength === bytes);
    return i >= 0 ? this.#free.splice(i, 1)[0]! : new ArrayBuffer(bytes);
  };
  give(b: ArrayBuffer): void {
    if (this.#free.length < POOL_MAX) this.#free.push(b);
  }
}

export class FrameReducer {
  #acc = new Uint32Array(0);
  #scratch: YuvScratch | null = null;

  /**
   * `out`: where reduced frames get their memory (they leave the worker and may come back);
   * `full`: full-size copies, which never leave and are given back as soon as the frame is reduced.
   */
  constructor(
    readonly out: BufferPool,
    readonly full: BufferPool,
  ) {}

  /** The reduced frame from the planes, or null where the frame does not qualify. */
  async planar(frame: VideoFrame, k: number, crop?: CropRect): Promise<ImageData | null> {
    const format = frame.format;
    const matrix = yuvMatrix(frame.colorSpace);
    if (!planarReducible(format, k, frame.colorSpace) || !matrix) return null;
    const rect = copyRect(frame, crop);
    const options = { rect } as VideoFrameCopyToOptions;
    const planes = new Uint8Array(this.full.take(frame.allocationSize(options)));
    const layout = await frame.copyTo(planes, options);
    const size = inputSize(rect.width, rect.height, k);
    if (this.#scratch?.k !== k || this.#scratch.y.length < size.width)
      this.#scratch = yuvScratch(size.width, k);
    const pixels = new Uint8ClampedArray(this.out.take(size.width * size.height * 4));
    boxDownscaleYuv(
      planes,
      format as PlanarFormat,
      layout,
      rect.width,
      rect.height,
      k,
      matrix,
      new Uint32Array(pixels.buffer),
      this.#scratch,
    );
    this.full.give(planes.buffer);
    return new ImageData(pixels, size.width, size.height);
  }

  /** The whole frame (or `crop` of it) in RGBA (Chromium's conversion), reduced by `k` (k = 1: as it is). */
  async rgba(frame: VideoFrame, k: number, crop?: CropRect): Promise<ImageData> {
    const decoded = await toImageData(frame, k === 1 ? this.out.take : this.full.take, crop);
    const image = this.reduce(decoded, k);
    if (image !== decoded) this.full.give(decoded.data.buffer as ArrayBuffer);
    return image;
  }

  /** An RGBA frame reduced by `k` into memory from `out` (k = 1: the frame itself). */
  reduce(image: ImageData, k: number): ImageData {
    if (k === 1) return image;
    const size = inputSize(image.width, image.height, k);
    if (this.#acc.length < size.width * 2) this.#acc = new Uint32Array(size.width * 2);
    const pixels = new Uint8ClampedArray(this.out.take(size.width * size.height * 4));
    boxDownscale(
      new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height),
      image.width,
      image.height,
      k,
      new Uint32Array(pixels.buffer),
      this.#acc,
    );
    return new ImageData(pixels, size.width, size.height);
  }
}
