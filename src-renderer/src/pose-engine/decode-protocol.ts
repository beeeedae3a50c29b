/** Messages between the engine worker and its decode worker (decode-worker.ts). */
export type EngineToDecoder =
  | {
      readonly type: 'open';
      readonly url: string;
      readonly lookahead: number;
      /** Reduce frames to this long side (input-scale.ts); absent: full resolution. */
      readonly inputLongSide?: number;
      /** Only frames shown in [startS, endS) (EngineJob.startS/endS); absent: the whole clip. */
      readonly startS?: number;
      readonly endS?: number;
    }
  /** `n` more frames may be sent; `buffers` are finished frames' pixels, transferred back for reuse. */
  | { readonly type: 'more'; readonly n: number; readonly buffers?: readonly ArrayBuffer[] };

export type DecoderToEngine =
  | {
      readonly type: 'opened';
      /** Display size of the clip (rotation applied). */
      readonly width: number;
      readonly height: number;
      readonly codec: string;
      /** Whole factor each frame is reduced by; frames are inputSize(width, height, factor). */
      readonly factor: number;
    }
  | {
      readonly type: 'frame';
      readonly t: number;
      readonly width: number;
      readonly height: number;
      /** RGBA pixels, transferred. */
      readonly buffer: ArrayBuffer;
    }
  | { readonly type: 'end' }
  | {
      readonly type: 'error';
      readonly stage: 'open' | 'decode';
      readonly name: string;
      readonly message: string;
      readonly frame?: number;
    };
