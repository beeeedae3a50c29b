import {
  POSE_FLOATS,
  type FrameConversion,
  type PoseModelName,
} from '../../../src-shared/pose/engine-protocol';
import { PoseEngineError, type EngineRunResult, type RunHold } from './engine-session';
import { engineRunner } from './engine-runner';
import { ClipError, probeClip, type ClipInfo } from './probe';
import type { CandidateFrame, PoseCandidates } from './series';

/**
 * Detect poses on every frame of a clip: probe it in Node (fast, clear errors for bad files), then
 * run the engine and gather every frame's candidates. Progress is reported at most every 250 ms.
 */
export interface PoseProgress {
  readonly framesDone: number;
  readonly totalFrames: number;
  /** Frames per second over the run so far (decode + detect). */
  readonly fps: number;
  /** Estimate from the current rate; null until a rate exists. */
  readonly secondsLeft: number | null;
}

export interface DetectOptions {
  readonly clipPath: string;
  /** How to name the clip to the user (a library recording's proxy is `proxy.mp4` on disk). */
  readonly clipName?: string;
  readonly model?: PoseModelName;
  /**
   * Poses per frame MediaPipe may return. 2 by default: with 1, MediaPipe's tracker can lock onto
   * a bystander (docs/environment.md); with 2 the runner is chosen afterwards (track.ts).
   */
  readonly numPoses?: number;
  /** Long side of the landmarker's frames (engine-session.ts); the engine's default when absent. */
  readonly inputLongSide?: number;
  /** How reduced frames are made (engine-session.ts); 'planar' when absent. */
  readonly frameConversion?: FrameConversion;
  /** Only the frames shown in [startS, endS) of the clip; frames then count from the run's first. */
  readonly startS?: number;
  readonly endS?: number;
  /** Holds the run between frames while set (engine-session.ts). */
  readonly hold?: RunHold;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: PoseProgress) => void;
  /** Every frame detected so far, in order, after each batch (the queue's steady-window checkpoints). */
  readonly onFrames?: (frames: readonly CandidateFrame[], source: ClipInfo) => void;
  readonly rendererDir?: string;
  readonly modelDir?: string;
}

export interface DetectResult {
  readonly candidates: PoseCandidates;
  readonly engine: EngineRunResult;
}

export async function detectPoses(opts: DetectOptions): Promise<DetectResult> {
  const source = await probeClip(opts.clipPath, opts.clipName);
  const model = opts.model ?? 'full';
  const numPoses = opts.numPoses ?? 2;
  const frames: CandidateFrame[] = [];
  let started = 0;
  let lastReport = 0;
  const report = (force: boolean): void => {
    if (!opts.onProgress) return;
    const now = performance.now();
    if (!force && now - lastReport < 250) return;
    lastReport = now;
    const elapsed = (now - started) / 1000;
    const fps = elapsed > 0 ? frames.length / elapsed : 0;
    const left = Math.max(0, source.frameCount - frames.length);
    opts.onProgress({
      framesDone: frames.length,
      totalFrames: source.frameCount,
      fps,
      secondsLeft: fps > 0 ? left / fps : null,
    });
  };
  const engine = await engineRunner()({
    clipPath: opts.clipPath,
    model,
    numPoses,
    inputLongSide: opts.inputLongSide,
    ...(opts.frameConversion ? { frameConversion: opts.frameConversion } : {}),
    ...(opts.startS !== undefined ? { startS: opts.startS } : {}),
    ...(opts.endS !== undefined ? { endS: opts.endS } : {}),
    ...(opts.hold ? { hold: opts.hold } : {}),
    signal: opts.signal,
    rendererDir: opts.rendererDir,
    modelDir: opts.modelDir,
    onOpened: () => {
      started = performance.now();
      report(true);
    },
    onFrames: (batch) => {
      for (const f of batch) {
        const bytes = Buffer.from(f.poses, 'base64');
        if (bytes.length !== f.count * POSE_FLOATS * 4)
          throw new Error(`frame ${f.index}: ${f.count} pose(s) in ${bytes.length} bytes`);
        // Copy into an aligned buffer: Buffer's pool offset need not be a multiple of 4.
        const poses = new Float32Array(bytes.length / 4);
        new Uint8Array(poses.buffer).set(bytes);
        frames[f.index] = { t: f.t, poses };
      }
      report(false);
      if (batch.length) opts.onFrames?.(frames, source);
    },
  });
  report(true);
  // The decoder is the truth about how many frames there are; the container's count is a hint.
  return {
    candidates: { source: { ...source, frameCount: frames.length }, model, numPoses, frames },
    engine,
  };
}

/** A failure in words for a PT, naming the file and, where known, the frame. */
export function describePoseError(e: unknown, file: string): string {
  if (e instanceof ClipError) return e.message;
  if (e instanceof PoseEngineError) {
    switch (e.stage) {
      case 'open':
        return `${file} could not be opened for pose detection (${e.message}).`;
      case 'decode':
        return `${file} is damaged${e.frame !== undefined ? ` at frame ${e.frame}` : ''}: ${e.message}`;
      case 'model':
        return `The pose model could not be loaded (${e.message}). Run \`npm run build\` (or reinstall StrideLab).`;
      default:
        return `Pose detection failed on ${file}${e.frame !== undefined ? ` at frame ${e.frame}` : ''}: ${e.message}`;
    }
  }
  return `Pose detection failed on ${file}: ${e instanceof Error ? e.message : String(e)}`;
}
