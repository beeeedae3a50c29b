/**
 * A second worker that only decodes: every frame of the clip as RGBA pixels, posted (transferred,
 * not copied) to the engine worker. Decoding, the RGBA copy and mediabunny's demuxing then run on
 * their own thread instead of between two `detectForVideo` calls on the engine's thread: measured,
 * the engine thread spent ~12% of a run waiting on them. Flow control by credits: at most
 * `lookahead` frames are in flight, so memory stays bounded however slow detection is.
 *
 * Pixel memory goes round: the engine sends each frame's buffer back once MediaPipe is done with it,
 * and the next RGBA copy goes into it. A fresh 3.7 MB buffer per 1080p frame would be zeroed by the
 * kernel on first touch and unmapped by the engine thread's garbage collector, memory traffic and
 * page-table work beside the model on a 2-core machine (docs/pose-engine.md, "Pipeline ratio").
 *
 * Frames leave this worker at the landmarker's input size (input-scale.ts): the full-size RGBA copy
 * stays here in a buffer of its own, and only the reduced frame (a quarter of the pixels at 1080x1920)
 * crosses to the engine, is uploaded into MediaPipe's graph and resized there.
 */
import { boxDownscale, inputFactor, inputSize } from '../../../src-shared/pose/input-scale';
import { openClip, type FrameRange } from './decode';
import type { DecoderToEngine, EngineToDecoder } from './decode-protocol';

const scope = self as unknown as {
  postMessage(msg: DecoderToEngine, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<EngineToDecoder>) => void) | null;
};

let credits = 0;
let wake: (() => void) | null = null;
/** Returned buffers; more than the frames in flight are never needed. */
const pool: ArrayBuffer[] = [];
const POOL_MAX = 8;
const take = (bytes: number): ArrayBuffer => {
  const i = pool.findIndex((b) => b.byteLength === bytes);
  return i >= 0 ? pool.splice(i, 1)[0]! : new ArrayBuffer(bytes);
};

/**
 * Full-size copies of frames to be reduced: they never leave this worker, so they come back here
 * as soon as the reduced frame is made (the copies in flight plus the one being reduced: three).
 */
const fullPool: ArrayBuffer[] = [];
const takeFull = (bytes: number): ArrayBuffer => {
  const i = fullPool.findIndex((b) => b.byteLength === bytes);
  return i >= 0 ? fullPool.splice(i, 1)[0]! : new ArrayBuffer(bytes);
};

/** The frame as the landmarker gets it: reduced by `k` into a recycled buffer, or as decoded. */
function reduce(image: ImageData, k: number, acc: Uint32Array): ImageData {
  if (k === 1) return image;
  const size = inputSize(image.width, image.height, k);
  const out = new Uint8ClampedArray(take(size.width * size.height * 4));
  boxDownscale(
    new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height),
    image.width,
    image.height,
    k,
    new Uint32Array(out.buffer),
    acc,
  );
  return new ImageData(out, size.width, size.height);
}

async function run(
  url: string,
  lookahead: number,
  inputLongSide: number | undefined,
  range: FrameRange,
): Promise<void> {
  credits = lookahead;
  let clip;
  try {
    clip = await openClip(url);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    scope.postMessage({ type: 'error', stage: 'open', name: err.name, message: err.message });
    return;
  }
  const k = inputFactor(clip.width, clip.height, inputLongSide);
  const acc = new Uint32Array(inputSize(clip.width, clip.height, k).width * 2);
  scope.postMessage({ type: 'opened', width: clip.width, height: clip.height, codec: clip.codec, factor: k });
  let index = 0;
  try {
    for await (const frame of clip.frames(2, k === 1 ? take : takeFull, range)) {
      const decoded = frame.image instanceof ImageData ? frame.image : toImageData(frame.image);
      const image = reduce(decoded, k, acc);
      // Back to the pool only what came from it (a rotated clip's canvas pixels are a fresh copy).
      if (image !== decoded && frame.image instanceof ImageData && fullPool.length < POOL_MAX)
        fullPool.push(decoded.data.buffer as ArrayBuffer);
      while (credits <= 0) await new Promise<void>((r) => (wake = r));
      credits--;
      const buffer = image.data.buffer as ArrayBuffer;
      scope.postMessage({ type: 'frame', t: frame.t, width: image.width, height: image.height, buffer }, [
        buffer,
      ]);
      index++;
    }
    scope.postMessage({ type: 'end' });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    scope.postMessage({ type: 'error', stage: 'decode', name: err.name, message: err.message, frame: index });
  } finally {
    clip.dispose();
  }
}

function toImageData(canvas: OffscreenCanvas): ImageData {
  return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
}

scope.onmessage = (ev) => {
  const msg = ev.data;
  if (msg.type === 'open')
    void run(msg.url, msg.lookahead, msg.inputLongSide, { startS: msg.startS, endS: msg.endS });
  else {
    credits += msg.n;
    for (const b of msg.buffers ?? []) if (pool.length < POOL_MAX) pool.push(b);
    wake?.();
    wake = null;
  }
};
