import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToEngine } from '../../../src-shared/pose/engine-protocol';
import { chromiumLaunchOptions } from '../chromium';
import type { BackgroundWork } from '../process/priority';
import {
  abortError,
  PoseEngineError,
  runEngineSession,
  type EngineRunOptions,
  type EngineRunResult,
  type EngineTransport,
} from './engine-session';
import { EngineRoutes } from './engine-routes';
import { startEngineServer } from './host-server';
import { defaultModelDir, defaultRendererDir } from './paths';

export {
  PoseEngineError,
  type EngineRunOptions,
  type EngineRunResult,
  type EngineRunner,
} from './engine-session';

/**
 * The Node host of the pose engine, for where Electron is absent (CLI, tests, bench, browser mode):
 * it serves the built engine page on 127.0.0.1 and drives it in headless Debian Chromium through
 * playwright-core. The engine itself (page + worker) and the run's protocol (engine-session.ts)
 * are the same ones Electron uses: no second implementation.
 */

/** What the engine page exposes (src-renderer/src/pose-engine/main.ts); typed here without the DOM lib. */
interface EnginePageGlobal {
  stridelabPoseEngine?: { post(msg: HostToEngine): void };
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
export async function launchGuardedBrowser(origin: string, work?: BackgroundWork): Promise<GuardedBrowser> {
  // Dies with this process; Playwright's signal handlers off (services/chromium.ts).
  const browser = await chromium.launch(chromiumLaunchOptions([], undefined, work));
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

/** The engine in headless Chromium on a per-run loopback server (the default EngineRunner). */
export async function runEngine(opts: EngineRunOptions): Promise<EngineRunResult> {
  const routes = new EngineRoutes();
  const grant = routes.grant(opts.clipPath, opts.modelDir ?? defaultModelDir());
  const server = await startEngineServer({ staticRoot: opts.rendererDir ?? defaultRendererDir(), routes });
  let guarded: GuardedBrowser | undefined;
  let closed = false;
  const transport: EngineTransport = {
    clipUrl: `${server.origin}${grant.clipPath}`,
    modelUrl: (file) => `${server.origin}${grant.modelPath(file)}`,
    async open({ onMessage, onFailure }) {
      // Below the app (process/priority.ts): the recorder and the PT's pages come first (issue 16).
      guarded = await launchGuardedBrowser(server.origin, 'analysis');
      // Cancelled while Chromium started: close() has run already and could not see it.
      if (closed) {
        await guarded.browser.close().catch(() => undefined);
        throw abortError();
      }
      const { page } = guarded;
      page.on('crash', () =>
        onFailure(new PoseEngineError('engine', 'The pose engine crashed (out of memory?).')),
      );
      page.on('pageerror', (e) =>
        onFailure(new PoseEngineError('engine', `The pose engine page failed: ${e.message}`)),
      );
      // Awaited before the page loads: the binding must exist when the engine first posts.
      await page.exposeFunction('stridelabPoseHost', onMessage);
      await page.goto(server.engineUrl);
      await page.waitForFunction(() => Boolean((globalThis as EnginePageGlobal).stridelabPoseEngine));
    },
    async post(msg) {
      await guarded?.page.evaluate((m) => (globalThis as EnginePageGlobal).stridelabPoseEngine!.post(m), msg);
    },
    network: () => ({
      requests: guarded?.requests ?? [],
      blocked: guarded?.blocked ?? [],
      refusedByCsp: guarded?.refusedByCsp ?? [],
    }),
    async close() {
      closed = true;
      grant.revoke();
      await guarded?.browser.close().catch(() => undefined);
      await server.close();
    },
  };
  return runEngineSession(transport, opts);
}
