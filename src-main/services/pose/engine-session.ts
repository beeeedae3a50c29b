import type {
  EngineError,
  EngineFrame,
  EngineJob,
  FrameConversion,
  EngineToHost,
  HostToEngine,
  PoseModelName,
} from '../../../src-shared/pose/engine-protocol';
import { parseEngineMessage } from '../../../src-shared/pose/engine-messages';
import type { DelegatePreference, PoseDelegate } from '../../../src-shared/pose/delegate';
import { POSE_INPUT_LONG_SIDE } from '../../../src-shared/pose/input-scale';
import type { CropRect } from '../../../src-shared/pose/runner-crop';
import { modelFile } from './paths';

/**
 * One run of the pose engine, whoever hosts the page: the Node host (headless Chromium through
 * playwright-core, engine-host.ts) and Electron (a hidden window, src-main/electron/pose-engine.ts)
 * differ only in how they load the page and carry messages (an EngineTransport). The protocol —
 * start, the job's sequence number, validation of every message, progress callbacks, the watchdog,
 * cancel, and turning the engine's errors into PoseEngineErrors — is written once, here.
 */

/** A failure inside the engine, with where it happened (model, open, decode, detect). */
export class PoseEngineError extends Error {
  constructor(
    readonly stage: EngineError['stage'] | 'engine',
    message: string,
    readonly frame?: number,
  ) {
    super(message);
    this.name = 'PoseEngineError';
  }
}

export interface EngineRunOptions {
  readonly clipPath: string;
  readonly model: PoseModelName;
  readonly numPoses: number;
  readonly mode?: EngineJob['mode'];
  readonly benchFrames?: number;
  /**
   * Long side of the frames handed to the landmarker (EngineJob.inputLongSide): by default
   * POSE_INPUT_LONG_SIDE, chosen from the accuracy measurement (docs/pose-engine.md, "Input
   * resolution"); 0 hands over full frames (that measurement's reference, the bench's raw rate).
   */
  readonly inputLongSide?: number;
  /** MediaPipe's delegate: 'auto' (GPU where a hardware one answers) by default. */
  readonly delegate?: DelegatePreference;
  /** How reduced frames are made (EngineJob.frameConversion): 'planar' by default; 'rgba' for A/B. */
  readonly frameConversion?: FrameConversion;
  /** Only the frames shown in [startS, endS) of the clip (EngineJob.startS/endS). */
  readonly startS?: number;
  readonly endS?: number;
  /** Only this rectangle of each frame (EngineJob.crop: a later pass on the runner's region). */
  readonly crop?: CropRect;
  /** Holds the run between two frames while set (RunHold); the watchdog waits meanwhile. */
  readonly hold?: RunHold;
  readonly signal?: AbortSignal;
  /** The built renderer (Node host only; Electron serves its own from app://). */
  readonly rendererDir?: string;
  readonly modelDir?: string;
  readonly onOpened?: (info: {
    width: number;
    height: number;
    codec: string;
    modelLoadMs: number;
    inputWidth?: number;
    inputHeight?: number;
    delegate?: PoseDelegate;
    delegateReason?: string;
  }) => void;
  readonly onFrames?: (frames: readonly EngineFrame[]) => void;
}

/** What the page asked the network for (the Node host logs it; Electron refuses at its session). */
export interface EngineNetworkLog {
  /** Every request the page and its worker made, and those refused for leaving the app's origin. */
  readonly requests: readonly string[];
  readonly blocked: readonly string[];
  /** Requests the page's Content-Security-Policy refused (before they reached the network). */
  readonly refusedByCsp: readonly string[];
}

export interface EngineRunResult extends EngineNetworkLog {
  readonly frames: number;
  /** 'run': wall time of the decode+detect loop; 'bench': time inside detectForVideo only. */
  readonly loopMs: number;
  readonly detectMs: number;
  /** Closing the host after the last message (browser or window shutdown): a fixed cost, like start-up. */
  readonly closeMs: number;
  /** The delegate the model ran on and why ('CPU' from an engine too old to say). */
  readonly delegate: PoseDelegate;
  readonly delegateReason: string;
  /** Size of the frames the landmarker was handed (the clip's, from an engine too old to say). */
  readonly inputWidth: number | null;
  readonly inputHeight: number | null;
}

/**
 * A switch that holds a run between two frames and lets it go on, without losing what it has done:
 * the analysis queue holds pose runs while a capture take records (capture has priority, issue 16
 * item 5). Held, the engine stops detecting and its decoder stops once its few frames in flight wait.
 */
export interface RunHold {
  readonly held: boolean;
  /** Called with each change; returns the unsubscribe. */
  subscribe(fn: (held: boolean) => void): () => void;
}

export function createRunHold(): RunHold & { set(held: boolean): void } {
  const listeners = new Set<(held: boolean) => void>();
  let held = false;
  return {
    get held() {
      return held;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    set(next) {
      if (next === held) return;
      held = next;
      for (const fn of listeners) fn(held);
    },
  };
}

/** Runs the engine on a clip: the seam Electron fills with its own host (setEngineRunner). */
export type EngineRunner = (opts: EngineRunOptions) => Promise<EngineRunResult>;

/** How a host reaches the engine page. */
export interface EngineTransport {
  /**
   * Load the engine page, route what it sends to `window.stridelabPoseHost` into `onMessage`
   * (unchecked: the session validates), report a page that dies to `onFailure`, and resolve once
   * `window.stridelabPoseEngine` exists.
   */
  open(handlers: {
    readonly onMessage: (raw: unknown) => void;
    readonly onFailure: (e: PoseEngineError) => void;
  }): Promise<void>;
  /** Call `window.stridelabPoseEngine.post(msg)` in the page. */
  post(msg: HostToEngine): Promise<void>;
  /** Where the page fetches the clip and a model (same origin as the page). */
  readonly clipUrl: string;
  modelUrl(file: string): string;
  network(): EngineNetworkLog;
  close(): Promise<void>;
}

/**
 * Longest silence from the engine before a run is declared failed. Generous: loading the heavy
 * model and its first frame take a few seconds, more on a loaded 2-core machine, and a 'frames'
 * message comes every 15 frames (heavy: ~6 fps here, so every ~3 s).
 */
export const STALL_MS = 120_000;

export function abortError(): Error {
  const e = new Error('Pose detection was cancelled.');
  e.name = 'AbortError';
  return e;
}

export async function runEngineSession(
  transport: EngineTransport,
  opts: EngineRunOptions,
  stallMs = STALL_MS,
): Promise<EngineRunResult> {
  if (opts.signal?.aborted) {
    await transport.close().catch(() => undefined); // frees what the host set up (e.g. a grant)
    throw abortError();
  }
  const seq = 1;
  let settle!: { resolve: (r: EngineRunResult) => void; reject: (e: Error) => void };
  let settled = false;
  const finished = new Promise<EngineRunResult>(
    (resolve, reject) =>
      (settle = {
        resolve: (r) => ((settled = true), resolve(r)),
        reject: (e) => ((settled = true), reject(e)),
      }),
  );
  finished.catch(() => undefined); // observed below; avoid an unhandled rejection while we set up
  let opened: Extract<EngineToHost, { type: 'opened' }> | undefined;
  const result = (loopMs: number, frames: number, detectMs: number): EngineRunResult => ({
    frames,
    loopMs,
    detectMs,
    closeMs: 0,
    delegate: opened?.delegate ?? 'CPU',
    delegateReason: opened?.delegateReason ?? 'not reported by the engine',
    inputWidth: opened?.inputWidth ?? null,
    inputHeight: opened?.inputHeight ?? null,
    ...transport.network(),
  });
  const onAbort = (): void => {
    settle.reject(abortError());
    // Best effort: the transport is closed right after, which stops the engine anyway.
    transport.post({ type: 'cancel', seq }).catch(() => undefined);
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // A watchdog: an engine that stops talking (a worker script gone, a wedged decoder) must fail
  // the run, not hang it. Every message, including each batch of frames, resets it.
  let lastHeard = performance.now();
  const watchdog = setInterval(
    () => {
      // A held run is silent by design: the watchdog counts from its release.
      if (opts.hold?.held) lastHeard = performance.now();
      if (performance.now() - lastHeard > stallMs)
        settle.reject(
          new PoseEngineError('engine', `The pose engine stopped responding for ${stallMs / 1000} s.`),
        );
    },
    Math.min(1000, stallMs / 4),
  );
  let unhold = (): void => undefined;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      clearInterval(watchdog);
      unhold();
      opts.signal?.removeEventListener('abort', onAbort);
      await transport.close().catch(() => undefined);
    })());
  const onMessage = (raw: unknown): void => {
    if (settled) return;
    lastHeard = performance.now();
    const msg = parseEngineMessage(raw);
    if (typeof msg === 'string')
      return settle.reject(
        new PoseEngineError('engine', `The pose engine sent a malformed message (${msg}).`),
      );
    if (msg.seq !== seq && msg.type !== 'error') return; // a stale job's message
    try {
      switch (msg.type) {
        case 'opened':
          opened = msg;
          return opts.onOpened?.(msg);
        case 'frames':
          return opts.onFrames?.(msg.frames);
        case 'done':
          return settle.resolve(result(msg.loopMs, msg.frames, msg.detectMs));
        case 'bench':
          return settle.resolve(result(msg.detectMs, msg.frames, msg.detectMs));
        case 'cancelled':
          return settle.reject(abortError());
        case 'error':
          return settle.reject(new PoseEngineError(msg.error.stage, msg.error.message, msg.error.frame));
      }
    } catch (e) {
      // A consumer refusing what the engine sent (e.g. a pose of the wrong size) fails the run.
      settle.reject(new PoseEngineError('engine', e instanceof Error ? e.message : String(e)));
    }
  };
  try {
    await Promise.race([transport.open({ onMessage, onFailure: (e) => settle.reject(e) }), finished]);
    if (!settled) {
      const job: EngineJob = {
        clipUrl: transport.clipUrl,
        modelUrl: transport.modelUrl(modelFile(opts.model)),
        numPoses: opts.numPoses,
        mode: opts.mode ?? 'run',
        benchFrames: opts.benchFrames,
        inputLongSide: (opts.inputLongSide ?? POSE_INPUT_LONG_SIDE) || undefined,
        delegate: opts.delegate ?? 'auto',
        ...(opts.frameConversion ? { frameConversion: opts.frameConversion } : {}),
        ...(opts.startS !== undefined ? { startS: opts.startS } : {}),
        ...(opts.endS !== undefined ? { endS: opts.endS } : {}),
        ...(opts.crop ? { crop: opts.crop } : {}),
      };
      await Promise.race([transport.post({ type: 'start', seq, job }), finished]);
      if (opts.hold) {
        const toEngine = (held: boolean): void =>
          void transport.post({ type: held ? 'pause' : 'resume', seq }).catch(() => undefined);
        if (opts.hold.held) toEngine(true);
        unhold = opts.hold.subscribe(toEngine);
      }
    }
    const r = await finished;
    const closing = performance.now();
    await close();
    return { ...r, closeMs: performance.now() - closing };
  } finally {
    await close();
  }
}
