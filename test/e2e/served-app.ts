/**
 * The set-up the end-to-end files that start browser mode as a user does share (a real
 * `stridelab serve` process, test/helpers/serve.ts, unlike review-session.ts's in-process app),
 * registered as the file's beforeAll and afterAll: a fresh library, where asked a session with the
 * sample clip and its pose results put in it before the server starts (report/library-fixture.ts),
 * the server under a workstation name where asked, Chromium, and where asked a page on the app once
 * it says it is ready. All of it is closed after the file, the workstation name given back.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServices } from '../../src-main/services';
import { guardPage, launchChromium } from '../helpers/browser';
import { callServed, serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { sessionWithSample } from '../report/library-fixture';

export interface ServedAppOptions {
  /** A session with the sample clip analysed, for a patient of this name. */
  readonly samplePatient?: string;
  /** The server's workstation name (STRIDELAB_WORKSTATION), as another room's edits are told by. */
  readonly workstation?: string;
  /** Open a page of this size on the app, once its body says it is ready. */
  readonly viewport?: { readonly width: number; readonly height: number };
}

export interface ServedApp {
  readonly app: Served;
  readonly browser: Browser;
  /** The library's folder, `tmp.path` (a temporary folder, removed after the file). */
  readonly tmp: { readonly path: string };
  /** The sample's session; empty without `samplePatient`. */
  readonly sessionId: string;
  /** The open page and its guard; absent without `viewport`. */
  readonly page: Page;
  readonly guard: ReturnType<typeof guardPage>;
  call<T>(channel: string, input: unknown): Promise<T>;
}

/** Putting the sample in (its pose results, a report build) and starting the server on two cores. */
const SETUP_MS = 180_000;

/** Registers the set-up; `ready` receives the started app before the file's first test. */
export function servedApp(options: ServedAppOptions, ready: (s: ServedApp) => unknown): void {
  const tmp = tempDir('stridelab-served-e2e-');
  const room = process.env.STRIDELAB_WORKSTATION;
  let app: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    let sessionId = '';
    if (options.samplePatient !== undefined) {
      const services = createServices({ home: tmp.path, transport: 'browser' });
      try {
        ({ sessionId } = await sessionWithSample(services, { patient: options.samplePatient }));
      } finally {
        services.close();
      }
    }
    if (options.workstation !== undefined) process.env.STRIDELAB_WORKSTATION = options.workstation;
    const served = await serve(tmp.path);
    app = served;
    browser = await launchChromium();
    const page = options.viewport ? await browser.newPage({ viewport: options.viewport }) : undefined;
    const guard = page ? guardPage(page) : undefined;
    if (page) {
      await page.goto(served.appUrl);
      await page.waitForSelector('body[data-ready="true"]');
    }
    await ready({
      app: served,
      browser,
      tmp: { path: tmp.path },
      sessionId,
      // A file that opens no page reads neither.
      page: page as Page,
      guard: guard as ReturnType<typeof guardPage>,
      call: <T>(channel: string, input: unknown) => callServed<T>(served, channel, input),
    });
  }, SETUP_MS);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    tmp.cleanup();
    if (options.workstation === undefined) return;
    if (room === undefined) delete process.env.STRIDELAB_WORKSTATION;
    else process.env.STRIDELAB_WORKSTATION = room;
  });
}
