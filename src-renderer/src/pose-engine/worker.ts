/**
 * The pose engine: decode every frame of a clip with WebCodecs (mediabunny) and run MediaPipe Pose
 * Landmarker on it, CPU delegate, VIDEO mode. Runs in a dedicated Web Worker so the page (and, in
 * Electron, the UI) never blocks. Why this route rather than ffmpeg frames piped from Node: see
 * docs/pose-engine.md (decoding runs on the decoder's own threads, in parallel with inference, and
 * raw frames never cross a process boundary).
 */
import type { PoseLandmarker, PoseLandmarkerResult } from '@mediapipe/tasks-vision';
import type {
  EngineError,
  EngineFrame,
  EngineJob,
  EngineToHost,
  HostToEngine,
} from '../../../src-shared/pose/engine-protocol';
import { inputSize } from '../../../src-shared/pose/input-scale';
import type { DecodedFrame } from './decode';
import { openRemoteClip } from './remote-clip';
import { createDelegatedLandmarker, type DelegatedLandmarker } from './landmarker';
import { packPoses, toBase64, type FramePlace } from './pack';

/** The worker's global scope, typed narrowly (the web tsconfig has the DOM lib, not WebWorker). */
const scope = self as unknown as {
  postMessage(msg: EngineToHost): void;
  onmessage: ((ev: MessageEvent<HostToEngine>) => void) | null;
};

let cancelRequested = false;
/** Set while the host holds the run (HostToEngine 'pause'); resolving `resumed` lets it go on. */
let paused = false;
let resumed: (() => void) | null = null;
const whilePaused = async (): Promise<void> => {
  while (paused && !cancelRequested) await new Promise<void>((r) => (resumed = r));
};

const post = (msg: EngineToHost): void => scope.postMessage(msg);

function engineError(e: unknown, stage: EngineError['stage'], frame?: number): EngineError {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack, stage, frame };
}

const createLandmarker = (job: EngineJob): Promise<DelegatedLandmarker> =>
  createDelegatedLandmarker({
    modelUrl: job.modelUrl,
    numPoses: job.numPoses,
    delegate: job.delegate ?? 'auto',
  });

/**
 * VIDEO mode requires strictly increasing timestamps (ms, converted to integer µs inside). The
 * container's times can repeat after rounding; nudge by 1 ms then. The true time is reported
 * separately in each frame's `t`.
 */
function makeClock(): (tSeconds: number) => number {
  let last = -Infinity;
  return (tSeconds) => {
    const ms = Math.max(Math.round(tSeconds * 1e6) / 1e3, last + 1);
    last = ms;
    return ms;
  };
}

async function run(seq: number, job: EngineJob): Promise<void> {
  const t0 = performance.now();
  let landmarker: PoseLandmarker;
  let delegated: DelegatedLandmarker;
  try {
    delegated = await createLandmarker(job);
    landmarker = delegated.landmarker;
  } catch (e) {
    post({ type: 'error', seq, error: engineError(e, 'model') });
    return;
  }
  let clip;
  try {
    clip = await openRemoteClip(
      job.clipUrl,
      4,
      job.inputLongSide,
      { startS: job.startS, endS: job.endS },
      job.frameConversion,
      job.crop,
    );
  } catch (e) {
    landmarker.close();
    post({ type: 'error', seq, error: engineError(e, 'open') });
    return;
  }
  const crop = job.crop ?? { x: 0, y: 0, width: clip.width, height: clip.height };
  const input = inputSize(crop.width, crop.height, clip.factor);
  post({
    type: 'opened',
    seq,
    width: clip.width,
    height: clip.height,
    codec: clip.codec,
    modelLoadMs: performance.now() - t0,
    inputWidth: input.width,
    inputHeight: input.height,
    delegate: delegated.choice.delegate,
    delegateReason: delegated.choice.reason,
  });
  const clock = makeClock();
  const detect = (frame: DecodedFrame): PoseLandmarkerResult =>
    landmarker.detectForVideo(frame.image, clock(frame.t));
  let final: EngineToHost | void;
  try {
    if (job.mode === 'bench') final = await bench(seq, job, clip.frames(), detect);
    // MediaPipe's landmarks are fractions of the frame it saw, which covers the original's pixels
    // [0, input × factor) of the crop (a partial block at the edge is dropped): scale back to those
    // pixels and add the crop's place in the frame; z, relative to the width MediaPipe saw, is put
    // on the whole frame's width.
    else
      final = await stream(seq, job, clip.frames(), detect, {
        x: crop.x,
        y: crop.y,
        width: input.width * clip.factor,
        height: input.height * clip.factor,
        // Without a crop z stays as MediaPipe gives it (the frame it saw is the whole frame).
        zScale: job.crop ? (input.width * clip.factor) / clip.width : 1,
      });
  } finally {
    // close() flushes MediaPipe's telemetry (a POST to an outside host, refused by our CSP and the
    // host's network guard); report the end only after it, so the host sees that attempt too.
    landmarker.close();
    clip.dispose();
  }
  if (final) post(final);
}

async function stream(
  seq: number,
  job: EngineJob,
  frames: AsyncGenerator<DecodedFrame>,
  detect: (f: DecodedFrame) => PoseLandmarkerResult,
  place: FramePlace,
): Promise<EngineToHost | void> {
  const batchSize = job.batchSize ?? 15;
  let batch: EngineFrame[] = [];
  let index = 0;
  let detectMs = 0;
  const loopStart = performance.now();
  try {
    for (;;) {
      let next: IteratorResult<DecodedFrame>;
      try {
        next = await frames.next();
      } catch (e) {
        post({ type: 'error', seq, error: engineError(e, 'decode', index) });
        return;
      }
      if (next.done) break;
      const frame = next.value;
      if (paused) await whilePaused(); // no await per frame when not held: the loop stays as it was
      if (cancelRequested) {
        post({ type: 'cancelled', seq, frames: index });
        return;
      }
      let result: PoseLandmarkerResult;
      const d0 = performance.now();
      try {
        result = detect(frame);
      } catch (e) {
        post({ type: 'error', seq, error: engineError(e, 'detect', index) });
        return;
      }
      detectMs += performance.now() - d0;
      frame.release?.();
      const packed = packPoses(result, place);
      batch.push({ index, t: frame.t, count: packed.count, poses: toBase64(packed.data) });
      index++;
      if (batch.length >= batchSize) {
        post({ type: 'frames', seq, frames: batch });
        batch = [];
        // Let a pending 'cancel' message in before the next frame.
        await new Promise((r) => setTimeout(r, 0));
      }
    }
  } finally {
    await frames.return(undefined);
  }
  if (batch.length) post({ type: 'frames', seq, frames: batch });
  return { type: 'done', seq, frames: index, loopMs: performance.now() - loopStart, detectMs };
}

/**
 * The bench's "raw detectForVideo fps": the model alone on every frame of the clip, the same frames
 * the pipeline sees (a subset would measure different content: frames where the tracker holds are
 * cheaper than ones where the person detector runs again). Frames are decoded in chunks of
 * `benchFrames` into memory, then timed inside `detectForVideo` only, chunk after chunk, so memory
 * stays bounded and VIDEO mode's tracking runs through the whole clip as in a real run. The first call
 * (graph compile, 0.3–0.6 s here) is counted, as the pipeline counts it.
 */
async function bench(
  seq: number,
  job: EngineJob,
  frames: AsyncGenerator<DecodedFrame>,
  detect: (f: DecodedFrame) => PoseLandmarkerResult,
): Promise<EngineToHost> {
  const chunk = job.benchFrames ?? 120;
  let total = 0;
  let detectMs = 0;
  for (let done = false; !done && !cancelRequested;) {
    const loaded: DecodedFrame[] = [];
    for (;;) {
      const next = await frames.next();
      if (next.done) {
        done = true;
        break;
      }
      loaded.push(next.value);
      if (loaded.length >= chunk) break;
    }
    const t0 = performance.now();
    for (const f of loaded) detect(f);
    detectMs += performance.now() - t0;
    for (const f of loaded) f.release?.();
    total += loaded.length;
    // A sign of life per chunk (no frames: results are discarded here) for the host's watchdog.
    post({ type: 'frames', seq, frames: [] });
  }
  return { type: 'bench', seq, frames: total, detectMs };
}

scope.onmessage = (ev: MessageEvent<HostToEngine>) => {
  const msg = ev.data;
  if (msg.type === 'cancel' || msg.type === 'resume') {
    if (msg.type === 'cancel') cancelRequested = true;
    paused = false;
    resumed?.();
    resumed = null;
    return;
  }
  if (msg.type === 'pause') {
    paused = true;
    return;
  }
  cancelRequested = false;
  paused = false;
  run(msg.seq, msg.job).catch((e: unknown) =>
    post({ type: 'error', seq: msg.seq, error: engineError(e, 'detect') }),
  );
};
