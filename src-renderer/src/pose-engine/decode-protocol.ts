/** Messages between the engine worker and its decode worker (decode-worker.ts). */
export type EngineToDecoder =
  | { readonly type: 'open'; readonly url: string; readonly lookahead: number }
  /** `n` more frames may be sent; `buffers` are finished frames' pixels, transferred back for reuse. */
  | { readonly type: 'more'; readonly n: number; readonly buffers?: readonly ArrayBuffer[] };

export type DecoderToEngine =
  | { readonly type: 'opened'; readonly width: number; readonly height: number; readonly codec: string }
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
