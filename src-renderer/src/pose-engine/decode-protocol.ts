/** Messages between the engine worker and its decode worker (decode-worker.ts). */
import type { FrameConversion } from '../../../src-shared/pose/engine-protocol';
import type { CropRect } from '../../../src-shared/pose/runner-crop';

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
      /** How reduced frames are made (EngineJob.frameConversion); absent: 'planar' where it applies. */
      readonly conversion?: FrameConversion;
      /** Only this rectangle of each frame (EngineJob.crop); absent: the whole frame. */
      readonly crop?: CropRect;
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
      /** Whole factor each frame (or its crop) is reduced by; frames are inputSize(w, h, factor). */
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
  | {
      readonly type: 'end';
      /**
       * Time spent turning decoded frames into the frames sent (copy out of the decoder, colour
       * conversion, reduction), ms of this worker's clock, and over how many frames, of which
       * `planar` went the planar way (yuv-scale.ts): the bench's figure for the conversion alone.
       */
      readonly convert?: { readonly ms: number; readonly frames: number; readonly planar: number };
    }
  | {
      readonly type: 'error';
      readonly stage: 'open' | 'decode';
      readonly name: string;
      readonly message: string;
      readonly frame?: number;
    };
