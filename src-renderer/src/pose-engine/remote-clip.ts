/**
 * The clip as decoded by the decode worker (decode-worker.ts), with the same face as `openClip`
 * so the engine does not care where frames come from.
 */
import type { FrameConversion } from '../../../src-shared/pose/engine-protocol';
import type { CropRect } from '../../../src-shared/pose/runner-crop';
import type { DecodedFrame, FrameRange, OpenClip } from './decode';
import type { DecoderToEngine, EngineToDecoder } from './decode-protocol';

/** An error from the decode worker, with the stage and frame it happened at. */
export class DecodeError extends Error {
  constructor(
    readonly stage: 'open' | 'decode',
    name: string,
    message: string,
    readonly frame?: number,
  ) {
    super(message);
    this.name = name;
  }
}

/** The decoded clip, and the whole factor its frames (or their crop) were reduced by (1: as they are). */
export interface RemoteClip extends OpenClip {
  readonly factor: number;
}

export function openRemoteClip(
  url: string,
  lookahead = 4,
  inputLongSide?: number,
  range: FrameRange = {},
  conversion?: FrameConversion,
  crop?: CropRect,
): Promise<RemoteClip> {
  const worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
  const send = (m: EngineToDecoder): void => worker.postMessage(m);
  const queue: DecoderToEngine[] = [];
  let notify: (() => void) | null = null;
  worker.onmessage = (ev: MessageEvent<DecoderToEngine>) => {
    queue.push(ev.data);
    notify?.();
    notify = null;
  };
  worker.onerror = (ev) => {
    queue.push({
      type: 'error',
      stage: 'open',
      name: 'WorkerError',
      message: ev.message || 'the decoder failed',
    });
    notify?.();
    notify = null;
  };
  const next = async (): Promise<DecoderToEngine> => {
    while (!queue.length) await new Promise<void>((r) => (notify = r));
    return queue.shift()!;
  };
  send({
    type: 'open',
    url,
    lookahead,
    inputLongSide,
    startS: range.startS,
    endS: range.endS,
    conversion,
    ...(crop ? { crop } : {}),
  });
  return next().then((first) => {
    if (first.type === 'error') {
      worker.terminate();
      throw new DecodeError(first.stage, first.name, first.message, first.frame);
    }
    if (first.type !== 'opened') throw new Error(`decoder sent ${first.type} before opening`);
    async function* frames(): AsyncGenerator<DecodedFrame> {
      for (;;) {
        const m = await next();
        if (m.type === 'end') return;
        if (m.type === 'error') throw new DecodeError(m.stage, m.name, m.message, m.frame);
        if (m.type !== 'frame') continue;
        send({ type: 'more', n: 1 });
        const buffer = m.buffer;
        yield {
          image: new ImageData(new Uint8ClampedArray(buffer), m.width, m.height),
          t: m.t,
          release: () =>
            worker.postMessage({ type: 'more', n: 0, buffers: [buffer] } satisfies EngineToDecoder, [buffer]),
        };
      }
    }
    return {
      width: first.width,
      height: first.height,
      codec: first.codec,
      factor: first.factor,
      frames,
      dispose: () => worker.terminate(),
    };
  });
}
