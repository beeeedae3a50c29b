import {
  POSE_FLOATS,
  type FrameConversion,
  type PoseModelName,
} from '../../../src-shared/pose/engine-protocol';
import {
  nextPassCrop,
  RUNNER_CROP,
  type CropRect,
  type PassBoxes,
} from '../../../src-shared/pose/runner-crop';
import { PoseEngineError, type EngineRunResult, type RunHold } from './engine-session';
import { engineRunner } from './engine-runner';
import { ClipError, probeClip, type ClipInfo } from './probe';
import { choosePerson, poseBox, poseCount, type CandidateFrame, type PoseCandidates } from './series';
import type { Box } from './track';

/** Said in progress while the second pass runs (runner-crop.ts). */
export const SECOND_PASS_STAGE = "second pass on the runner's region";
/** Said in progress while a third pass runs, on the runner's own region (runner-crop.ts). */
export const THIRD_PASS_STAGE = "third pass on the runner's own region";
/** The stage of each pass after the first, in order (RUNNER_CROP.maxPasses in all). */
const LATER_STAGES = [SECOND_PASS_STAGE, THIRD_PASS_STAGE] as const;

/**
 * A run's progress as the engine gives it; the time left is added by the process's one estimate
 * (time-left.ts), never per run here.
 */
export interface PassProgress {
  readonly framesDone: number;
  readonly totalFrames: number;
  /**
   * SECOND_PASS_STAGE or THIRD_PASS_STAGE during a later pass on the runner's region; the frames of
   * every pass then count (the earlier passes' done, this one's to do). Absent during the first pass.
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
  /**
   * Where the first pass looks: the region an earlier part of the clip kept (input.ts); absent or
   * null, the whole frame. The passes after it are decided from it as from the whole frame's.
   */
  readonly region?: CropRect | null;
  /** Holds the run between frames while set (engine-session.ts). */
  readonly hold?: RunHold;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: PassProgress) => void;
  /**
   * Every frame detected so far, in order, after each batch (the queue's steady-window checkpoints);
   * a later pass on the runner's region reports its own frames, from the first again.
   */
  readonly onFrames?: (frames: readonly CandidateFrame[], source: ClipInfo) => void;
  readonly rendererDir?: string;
  readonly modelDir?: string;
}

export interface DetectResult {
  readonly candidates: PoseCandidates;
  readonly engine: EngineRunResult;
  /**
   * Frames where the runner (track.ts's default choice) was found by the first pass (on `region`
   * where one was given), and by the second and third passes on his region where they ran (null
   * where not); `crop`: the region of the pass that found him in the most frames, whose candidates
   * are the result (null: the whole frame's).
   */
  readonly runnerFrames: {
    readonly first: number;
    readonly second: number | null;
    readonly third: number | null;
  };
  readonly crop: CropRect | null;
}

/**
 * Every frame's candidates, the runner found as well as the clip allows: where a pass finds him in
 * too few frames and he is small in what it saw, another pass on a fixed crop around him (or, where
 * he was found too rarely to place it, around every pose: src-shared/pose/runner-crop.ts), three at
 * most; the pass that finds him in the most frames is kept. The first pass looks at the whole frame,
 * or at the region an earlier part of the clip kept (`region`). Its landmarks are in pixels of the
 * whole frame as the first pass's are, so nothing after this knows which pass gave them. The one path
 * for the pose service, the analysis queue and the CLI.
 */
export async function detectPoses(opts: DetectOptions): Promise<DetectResult> {
  const given = opts.region;
  const first = await detectPass(given ? { ...opts, crop: given } : opts);
  const { width, height } = first.candidates.source;
  // The runner as the crop decision sees him, on one pass of one part. The series is chosen again
  // (toSeries) over the stored clip: the steady window's parts joined, the recording's times, and
  // the PT's pick, so this choice cannot stand in for it; on 7,200 frames it costs 0.1-0.3 s.
  const boxesOf = (c: PoseCandidates, region: CropRect | null): PassBoxes => {
    const runner = choosePerson(c).boxes.filter((b): b is Box => b !== null);
    const all = c.frames.flatMap((f) => Array.from({ length: poseCount(f) }, (_, p) => poseBox(f.poses, p)));
    return { found: runner.length, total: c.frames.length, runner, all, region };
  };
  const passes = [{ ...first, boxes: boxesOf(first.candidates, given ?? null), crop: given ?? null }];
  for (let n = 1; n < RUNNER_CROP.maxPasses; n++) {
    const crop = nextPassCrop(passes[n - 1]!.boxes, width, height);
    if (!crop) break;
    const before = passes.reduce((sum, p) => sum + p.candidates.frames.length, 0);
    const stage = LATER_STAGES[n - 1];
    const pass = await detectPass({
      ...opts,
      crop,
      onProgress: opts.onProgress
        ? (p) =>
            opts.onProgress!({
              ...p,
              framesDone: before + p.framesDone,
              totalFrames: before + p.totalFrames,
              stage,
            })
        : undefined,
    });
    passes.push({ ...pass, boxes: boxesOf(pass.candidates, crop), crop });
  }
  // The earliest of those that found him in the most frames.
  const best = passes.reduce((a, b) => (b.boxes.found > a.boxes.found ? b : a));
  const found = passes.map((p) => p.boxes.found);
  return {
    candidates: best.candidates,
    engine: best.engine,
    runnerFrames: { first: found[0]!, second: found[1] ?? null, third: found[2] ?? null },
    crop: best.crop,
  };
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
