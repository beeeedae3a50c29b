import {
  POSE_FLOATS,
  type FrameConversion,
  type PoseModelName,
} from '../../../src-shared/pose/engine-protocol';
import { secondPassCrop, type CropRect } from '../../../src-shared/pose/runner-crop';
import { PoseEngineError, type EngineRunResult, type RunHold } from './engine-session';
import { engineRunner } from './engine-runner';
import { ClipError, probeClip, type ClipInfo } from './probe';
import { choosePerson, type CandidateFrame, type PoseCandidates } from './series';
import type { Box } from './track';

/** Said in progress while the second pass runs (runner-crop.ts). */
export const SECOND_PASS_STAGE = "second pass on the runner's region";

/**
 * A run's progress as the engine gives it; the time left is added by the process's one estimate
 * (time-left.ts), never per run here.
 */
export interface PassProgress {
  readonly framesDone: number;
  readonly totalFrames: number;
  /**
   * SECOND_PASS_STAGE during the second pass on the runner's region; the frames of both passes then
   * count (the first pass's done, the second's to do). Absent during the first pass.
   */
  readonly stage?: string;
  /** Set on the report of an engine's start (model loaded, clip opened): start-up, not pace. */
  readonly restarted?: boolean;
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
  readonly onProgress?: (p: PassProgress) => void;
  /**
   * Every frame detected so far, in order, after each batch (the queue's steady-window checkpoints);
   * a second pass on the runner's region reports its own frames, from the first again.
   */
  readonly onFrames?: (frames: readonly CandidateFrame[], source: ClipInfo) => void;
  readonly rendererDir?: string;
  readonly modelDir?: string;
}

export interface DetectResult {
  readonly candidates: PoseCandidates;
  readonly engine: EngineRunResult;
  /**
   * Frames where the runner (track.ts's default choice) was found by the first pass, and by the
   * second pass on his region where one ran (null where none); `crop`: that region, when its pass
   * found him in more frames and its candidates are the result.
   */
  readonly runnerFrames: { readonly first: number; readonly second: number | null };
  readonly crop: CropRect | null;
}

/**
 * Every frame's candidates, the runner found as well as the clip allows: where the first pass finds
 * him in too few frames and he is small in the frame, a second pass on a fixed crop around him
 * (src-shared/pose/runner-crop.ts), kept where it finds him in more frames. Its landmarks are in
 * pixels of the whole frame as the first pass's are, so nothing after this knows which pass gave
 * them. The one path for the pose service, the analysis queue and the CLI.
 */
export async function detectPoses(opts: DetectOptions): Promise<DetectResult> {
  const first = await detectPass(opts);
  const runner = (c: PoseCandidates): { found: number; boxes: Box[] } => {
    const boxes = choosePerson(c).boxes.filter((b): b is Box => b !== null);
    return { found: boxes.length, boxes };
  };
  const one = runner(first.candidates);
  const { width, height } = first.candidates.source;
  const crop = secondPassCrop(one.found, first.candidates.frames.length, one.boxes, width, height);
  if (!crop) return { ...first, runnerFrames: { first: one.found, second: null }, crop: null };
  const before = first.candidates.frames.length;
  const second = await detectPass({
    ...opts,
    crop,
    onProgress: opts.onProgress
      ? (p) =>
          opts.onProgress!({
            ...p,
            framesDone: before + p.framesDone,
            totalFrames: before + p.totalFrames,
            stage: SECOND_PASS_STAGE,
          })
      : undefined,
  });
  const two = runner(second.candidates).found;
  const runnerFrames = { first: one.found, second: two };
  return two > one.found ? { ...second, runnerFrames, crop } : { ...first, runnerFrames, crop: null };
}

/**
 * One pass over the clip (or `crop` of each frame): probe it in Node (fast, clear errors for bad
 * files), then run the engine and gather every frame's candidates. Progress at most every 250 ms.
 */
async function detectPass(
  opts: DetectOptions & { readonly crop?: CropRect },
): Promise<{ candidates: PoseCandidates; engine: EngineRunResult }> {
  const source = await probeClip(opts.clipPath, opts.clipName);
  const model = opts.model ?? 'full';
  const numPoses = opts.numPoses ?? 2;
  const frames: CandidateFrame[] = [];
  let lastReport = 0;
  const report = (force: boolean, restarted = false): void => {
    if (!opts.onProgress) return;
    const now = performance.now();
    if (!force && now - lastReport < 250) return;
    lastReport = now;
    opts.onProgress({
      framesDone: frames.length,
      totalFrames: source.frameCount,
      ...(restarted ? { restarted } : {}),
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
    ...(opts.crop ? { crop: opts.crop } : {}),
    ...(opts.hold ? { hold: opts.hold } : {}),
    signal: opts.signal,
    rendererDir: opts.rendererDir,
    modelDir: opts.modelDir,
    onOpened: () => report(true, true),
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
