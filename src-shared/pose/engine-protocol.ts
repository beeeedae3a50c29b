/**
 * Messages between the pose engine (engine page + its Web Worker) and its host (the Node host in
 * src-main/services/pose/, or Electron). One readonly discriminated union per direction, each
 * message carrying the job's sequence number; errors cross as `{name, message, stack}` (the
 * pattern of Signal's SQL worker protocol). Pure types: imported by both runtimes.
 */
import type { DelegatePreference, PoseDelegate } from './delegate';
import type { CropRect } from './runner-crop';

/** Floats per detected pose: 33 × [x px, y px, z, visibility, presence] then 33 × [x m, y m, z m]. */
export const POSE_FLOATS = 33 * 5 + 33 * 3;
/** Offset of the world landmarks inside a packed pose. */
export const POSE_WORLD_OFFSET = 33 * 5;

export type PoseModelName = 'lite' | 'full' | 'heavy';

/**
 * How the decode worker makes a reduced frame: 'planar' averages the decoder's YUV planes and
 * converts once per reduced pixel (yuv-scale.ts) where the frame's layout and colour space allow,
 * else as 'rgba'; 'rgba' has Chromium convert the whole frame to RGBA, then averages that (the
 * method before; kept for the bench's A/B and as the fallback).
 */
export type FrameConversion = 'planar' | 'rgba';

export interface EngineJob {
  /** Same-origin URL of the clip (the host serves it with HTTP range requests). */
  readonly clipUrl: string;
  /** Same-origin URL of the `.task` bundle. */
  readonly modelUrl: string;
  /** Poses MediaPipe may return per frame; > 1 lets the host pick the runner among bystanders. */
  readonly numPoses: number;
  /**
   * 'run': every frame, results streamed. 'bench': every frame too, decoded into memory
   * `benchFrames` at a time, timing `detectForVideo` alone (the model's raw speed), results discarded.
   */
  readonly mode: 'run' | 'bench';
  readonly benchFrames?: number;
  /** Frames per 'frames' message: batching keeps the host bridge cheap. */
  readonly batchSize?: number;
  /**
   * Long side (px) of the frames handed to the landmarker: the decoder reduces each frame by the
   * largest whole factor that keeps it at least this long (input-scale.ts). Absent: full resolution.
   * Landmarks come back in pixels of the original frame either way.
   */
  readonly inputLongSide?: number;
  /** How reduced frames are made (FrameConversion); absent: 'planar'. */
  readonly frameConversion?: FrameConversion;
  /** Which MediaPipe delegate (src-shared/pose/delegate.ts); absent: 'auto'. */
  readonly delegate?: DelegatePreference;
  /**
   * Only the frames of [startS, endS) (seconds of the clip; absent: from the start, to the end): the
   * analysis queue runs the steady window first and the frames before it afterwards
   * (src-shared/analysis/steady-window.ts). Frame indices in 'frames' messages count from the run's
   * first frame; each frame's `t` says where it is in the clip.
   */
  readonly startS?: number;
  readonly endS?: number;
  /**
   * Only this rectangle of each upright frame is handed to the landmarker (the second pass on the
   * runner's region, runner-crop.ts; on even pixels, inside the frame, else the run fails at 'open').
   * `inputLongSide` then applies to the crop's size; landmarks still come back in pixels of the
   * whole frame, and z on the whole frame's scale.
   */
  readonly crop?: CropRect;
}

export interface EngineError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** Where it failed, so the host can word the message for a PT. */
  readonly stage: 'model' | 'open' | 'decode' | 'detect';
  /** Index of the frame being decoded/detected when it failed, if any. */
  readonly frame?: number;
}

export interface EngineFrame {
  readonly index: number;
  /** Presentation time, seconds (true timestamp from the container). */
  readonly t: number;
  /** Number of poses found (0 = no pose). */
  readonly count: number;
  /** base64 of Float32Array(count × POSE_FLOATS), little-endian. */
  readonly poses: string;
}

export type HostToEngine =
  | { readonly type: 'start'; readonly seq: number; readonly job: EngineJob }
  | { readonly type: 'cancel'; readonly seq: number }
  /**
   * Hold detection before the next frame, and go on: the queue holds a pose run while a capture take
   * records, so capture has the processor (issue 16 item 5). The decoder stops by itself once its
   * frames in flight are not taken.
   */
  | { readonly type: 'pause'; readonly seq: number }
  | { readonly type: 'resume'; readonly seq: number };

export type EngineToHost =
  | {
      readonly type: 'opened';
      readonly seq: number;
      readonly width: number;
      readonly height: number;
      readonly codec: string;
      readonly modelLoadMs: number;
      /** Size of the frames the landmarker is handed (width / factor); absent from older engines. */
      readonly inputWidth?: number;
      readonly inputHeight?: number;
      /** The delegate the model runs on, and why (logged by the host; absent from older engines). */
      readonly delegate?: PoseDelegate;
      readonly delegateReason?: string;
    }
  | { readonly type: 'frames'; readonly seq: number; readonly frames: readonly EngineFrame[] }
  | {
      readonly type: 'done';
      readonly seq: number;
      readonly frames: number;
      /** Wall time of the frame loop (decode + detect), ms. */
      readonly loopMs: number;
      /** Time inside detectForVideo, ms. */
      readonly detectMs: number;
    }
  | { readonly type: 'bench'; readonly seq: number; readonly frames: number; readonly detectMs: number }
  | { readonly type: 'cancelled'; readonly seq: number; readonly frames: number }
  | { readonly type: 'error'; readonly seq: number; readonly error: EngineError };

/**
 * Electron host only: the IPC channel carrying engine → host messages from the engine window's
 * preload to main. Here, not in contract/transport.ts, so the two preload bundles share no module:
 * a sandboxed preload cannot `require` a shared chunk.
 */
export const IPC_POSE_ENGINE = 'stridelab:pose-engine';
