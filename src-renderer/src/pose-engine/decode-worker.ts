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
 * Frames leave this worker at the landmarker's input size (input-scale.ts): the full-size copy
 * stays here in a buffer of its own, and only the reduced frame (a quarter of the pixels at 1080x1920)
 * crosses to the engine, is uploaded into MediaPipe's graph and resized there. The full-size copy is
 * the decoder's own YUV planes where the frame is 4:2:0 with a known matrix and k ≥ 2: the box
 * average and the colour conversion are then one pass at the reduced size (yuv-scale.ts), instead
 * of Chromium converting every pixel to RGBA and this worker averaging 8.3 MB again; anything else
 * (k = 1, another format, an identity or unknown matrix) takes that RGBA route (docs/pose-engine.md,
 * "Planar reduction").
 */
import type { FrameConversion } from '../../../src-shared/pose/engine-protocol';
import { inputFactor } from '../../../src-shared/pose/input-scale';
import { cropProblem, type CropRect } from '../../../src-shared/pose/runner-crop';
import { openClip, type FrameConverter, type FrameRange } from './decode';
import type { DecoderToEngine, EngineToDecoder } from './decode-protocol';
import { BufferPool, FrameReducer } from './reduce-frame';

const scope = self as unknown as {
  postMessage(msg: DecoderToEngine, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<EngineToDecoder>) => void) | null;
};

let credits = 0;
let wake: (() => void) | null = null;
/**
 * Two pools: frames sent to the engine come back to `sent` (more than the frames in flight are
 * never needed); full-size copies never leave this worker and go back to `full` as soon as the
 * reduced frame is made (the copies in flight plus the one being reduced: three).
 */
const sent = new BufferPool();
const reducer = new FrameReducer(sent, new BufferPool());

/** Conversion time and counts for the 'end' message (decode-protocol.ts). */
const spent = { ms: 0, frames: 0, planar: 0 };

/**
 * What each decoded frame becomes: `crop` of it (the whole frame when absent), reduced by `k` the
 * planar way where it can, else through RGBA.
 */
function converter(k: number, conversion: FrameConversion, crop: CropRect | undefined): FrameConverter {
  return async (frame) => {
    const t0 = performance.now();
    // A frame the planar copy refuses (an odd visible rect, say) goes the RGBA way like any other.
    let image = conversion === 'planar' ? await reducer.planar(frame, k, crop).catch(() => null) : null;
    if (image) spent.planar++;
    else image = await reducer.rgba(frame, k, crop);
    spent.ms += performance.now() - t0;
    spent.frames++;
    return image;
  };
}

async function run(
  url: string,
  lookahead: number,
  inputLongSide: number | undefined,
  range: FrameRange,
  conversion: FrameConversion,
  crop: CropRect | undefined,
): Promise<void> {
  credits = lookahead;
  let clip;
  try {
    clip = await openClip(url);
    const problem = crop && cropProblem(crop, clip.width, clip.height);
    if (problem) {
      clip.dispose();
      throw new RangeError(problem);
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    scope.postMessage({ type: 'error', stage: 'open', name: err.name, message: err.message });
    return;
  }
  const k = inputFactor(crop?.width ?? clip.width, crop?.height ?? clip.height, inputLongSide);
  scope.postMessage({ type: 'opened', width: clip.width, height: clip.height, codec: clip.codec, factor: k });
  let index = 0;
  try {
    for await (const frame of clip.frames(2, converter(k, conversion, crop), range)) {
      // Upright frames arrive reduced (converter); a rotated clip's canvas is cut and reduced here.
      const image =
        frame.image instanceof ImageData ? frame.image : reducer.reduce(canvasPixels(frame.image, crop), k);
      while (credits <= 0) await new Promise<void>((r) => (wake = r));
      credits--;
      const buffer = image.data.buffer as ArrayBuffer;
      scope.postMessage({ type: 'frame', t: frame.t, width: image.width, height: image.height, buffer }, [
        buffer,
      ]);
      index++;
    }
    scope.postMessage({ type: 'end', convert: { ...spent } });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    scope.postMessage({ type: 'error', stage: 'decode', name: err.name, message: err.message, frame: index });
  } finally {
    clip.dispose();
  }
}

function canvasPixels(canvas: OffscreenCanvas, crop: CropRect | undefined): ImageData {
  const r = crop ?? { x: 0, y: 0, width: canvas.width, height: canvas.height };
  return canvas.getContext('2d')!.getImageData(r.x, r.y, r.width, r.height);
}

scope.onmessage = (ev) => {
  const msg = ev.data;
  if (msg.type === 'open')
    void run(
      msg.url,
      msg.lookahead,
      msg.inputLongSide,
      { startS: msg.startS, endS: msg.endS },
      msg.conversion ?? 'planar',
      msg.crop,
    );
  else {
    credits += msg.n;
    for (const b of msg.buffers ?? []) sent.give(b);
    wake?.();
    wake = null;
  }
};
