/**
 * Messages between the capture page and its live-skeleton worker (the pose engine's landmarker,
 * lite model, one tracker per view). A readonly union per direction with a sequence number; errors
 * cross as {name, message, stack} (the pose engine's protocol style).
 */
import type { View } from '../../../src-shared/contract/recordings';

export type PageToLivePose =
  | { readonly type: 'init'; readonly seq: number; readonly modelUrl: string }
  | {
      readonly type: 'frame';
      readonly seq: number;
      readonly view: View;
      readonly bitmap: ImageBitmap;
      /** Capture time, ms; strictly increasing per view. */
      readonly t: number;
    };

export type LivePoseToPage =
  | { readonly type: 'ready'; readonly seq: number; readonly modelLoadMs: number }
  | {
      readonly type: 'pose';
      readonly seq: number;
      readonly view: View;
      readonly width: number;
      readonly height: number;
      /** 33 × [x px, y px, visibility] of the first pose, or empty when no one was found. */
      readonly points: Float32Array;
      readonly detectMs: number;
    }
  | {
      readonly type: 'error';
      readonly seq: number;
      readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
    };
