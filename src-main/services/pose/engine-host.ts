import { chromium, type Browser, type Page } from 'playwright-core';
import type {
  EngineError,
  EngineFrame,
  EngineJob,
  EngineToHost,
  HostToEngine,
  PoseModelName,
} from '../../../src-shared/pose/engine-protocol';
import { startEngineServer } from './host-server';
import { defaultModelDir, defaultRendererDir, modelFile } from './paths';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium';

/**
 * The Node host of the pose engine, for where Electron is absent (CLI, tests, bench, browser mode):
 * it serves the built engine page on 127.0.0.1 and drives it in headless Debian Chromium through
 * playwright-core. The engine itself (page + worker) is the same one Electron would load: no second
 * implementation.
 */

/**
 * Longest silence from the engine before a run is declared failed. Generous: loading the heavy
 * model and its first frame take a few seconds, more on a loaded 2-core machine, and a 'frames'
 * message comes every 15 frames (heavy: ~6 fps here, so every ~3 s).
 */
const STALL_MS = 120_000;

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
  readonly signal?: AbortSignal;
  readonly rendererDir?: string;
  readonly modelDir?: string;
  readonly onOpened?: (info: { width: number; height: number; codec: string; modelLoadMs: number }) => void;
  readonly onFrames?: (frames: readonly EngineFrame[]) => void;
}

export interface EngineRunResult {
  readonly frames: number;
  /** 'run': wall time of the decode+detect loop; 'bench': time inside detectForVideo only. */
  readonly loopMs: number;
  readonly detectMs: number;
  /** Every request the page and its worker made, and those refused for leaving 127.0.0.1. */
  readonly requests: readonly string[];
  readonly blocked: readonly string[];
  /** Requests the page's Content-Security-Policy refused (before they reached the network). */
  readonly refusedByCsp: readonly string[];
}

/** What the engine page exposes (src-renderer/src/pose-engine/main.ts); typed here without the DOM lib. */
interface EnginePageGlobal {
  stridelabPoseEngine?: { post(msg: HostToEngine): void };
}

function abortError(): Error {
  const e = new Error('Pose detection was cancelled.');
  e.name = 'AbortError';
  return e;
}

export interface GuardedBrowser {
  readonly browser: Browser;
  readonly page: Page;
  /** Every request the page and its workers made. */
  readonly requests: string[];
  /** Requests refused by the network guard for leaving `origin`. */
  readonly blocked: string[];
  /** Chromium's console reports of requests the Content-Security-Policy refused. */
  readonly refusedByCsp: string[];
}

/**
 * Headless Chromium whose pages can reach `origin` (our 127.0.0.1 server) and nothing else.
 * MediaPipe's tasks-vision holds a telemetry logger that POSTs to an outside host; our CSP refuses
 * it in the page and the worker, and this guard aborts anything that would still leave, keeping a
 * log so tests can prove that nothing did.
 */
export async function launchGuardedBrowser(origin: string): Promise<GuardedBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS],
    headless: true,
    // Playwright's own Ctrl-C handler exits the whole process (code 130) before the CLI's abort
    // can clean up: the commands handle SIGINT themselves and close the browser on abort.
    handleSIGINT: false,
  });
  const requests: string[] = [];
  const blocked: string[] = [];
  const refusedByCsp: string[] = [];
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (r) => void requests.push(r.url()));
    const page = await context.newPage();
    page.on('console', (m) => {
      const text = m.text();
      if (/Content Security Policy/i.test(text)) refusedByCsp.push(text);
    });
    return { browser, page, requests, blocked, refusedByCsp };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

export async function runEngine(opts: EngineRunOptions): Promise<EngineRunResult> {
  if (opts.signal?.aborted) throw abortError();
  const server = await startEngineServer({
    staticRoot: opts.rendererDir ?? defaultRendererDir(),
    clipPath: opts.clipPath,
    modelDir: opts.modelDir ?? defaultModelDir(),
  });
  let guarded: GuardedBrowser | undefined;
  let abortCleanup = (): void => undefined;
  try {
    guarded = await launchGuardedBrowser(server.origin);
    const { page, requests, blocked, refusedByCsp } = guarded;
    const seq = 1;
    let settle!: { resolve: (r: EngineRunResult) => void; reject: (e: Error) => void };
    const finished = new Promise<EngineRunResult>((resolve, reject) => (settle = { resolve, reject }));
    finished.catch(() => undefined); // observed below; avoid an unhandled rejection while we set up
    const onAbort = (): void => settle.reject(abortError());
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    abortCleanup = () => opts.signal?.removeEventListener('abort', onAbort);
    page.on('crash', () =>
      settle.reject(new PoseEngineError('engine', 'The pose engine crashed (out of memory?).')),
    );
    page.on('pageerror', (e) =>
      settle.reject(new PoseEngineError('engine', `The pose engine page failed: ${e.message}`)),
    );
    const result = (loopMs: number, frames: number, detectMs: number): EngineRunResult => ({
      frames,
      loopMs,
      detectMs,
      requests,
      blocked,
      refusedByCsp,
    });
    // Awaited before the page loads: the binding must exist when the engine first posts.
    // A watchdog: an engine that stops talking (a worker script gone, a wedged decoder) must fail
    // the run, not hang it. Every message, including each batch of frames, resets it.
    let lastHeard = performance.now();
    const watchdog = setInterval(() => {
      if (performance.now() - lastHeard > STALL_MS)
        settle.reject(
          new PoseEngineError('engine', `The pose engine stopped responding for ${STALL_MS / 1000} s.`),
        );
    }, 1000);
    const stopWatchdog = abortCleanup;
    abortCleanup = () => {
      clearInterval(watchdog);
      stopWatchdog();
    };
    await page.exposeFunction('stridelabPoseHost', (msg: EngineToHost) => {
      lastHeard = performance.now();
      if (msg.seq !== seq && msg.type !== 'error') return;
      switch (msg.type) {
        case 'opened':
          opts.onOpened?.(msg);
          return;
        case 'frames':
          opts.onFrames?.(msg.frames);
          return;
        case 'done':
          return settle.resolve(result(msg.loopMs, msg.frames, msg.detectMs));
        case 'bench':
          return settle.resolve(result(msg.detectMs, msg.frames, msg.detectMs));
        case 'cancelled':
          return settle.reject(abortError());
        case 'error':
          return settle.reject(new PoseEngineError(msg.error.stage, msg.error.message, msg.error.frame));
      }
    });
    await page.goto(server.engineUrl);
    await page.waitForFunction(() => Boolean((globalThis as EnginePageGlobal).stridelabPoseEngine));
    const job: EngineJob = {
      clipUrl: server.clipUrl,
      modelUrl: server.modelUrl(modelFile(opts.model)),
      numPoses: opts.numPoses,
      mode: opts.mode ?? 'run',
      benchFrames: opts.benchFrames,
    };
    const start: HostToEngine = { type: 'start', seq, job };
    await page.evaluate((m) => (globalThis as EnginePageGlobal).stridelabPoseEngine!.post(m), start);
    return await finished;
  } finally {
    abortCleanup();
    await guarded?.browser.close().catch(() => undefined);
    await server.close();
  }
}
