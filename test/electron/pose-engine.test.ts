import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IPC_POSE_ENGINE } from '../../src-shared/pose/engine-protocol';
import { electronEngineRunner } from '../../src-main/electron/pose-engine';
import { detectPoses } from '../../src-main/services/pose/run';
import { engineRunner, setEngineRunner } from '../../src-main/services/pose/engine-runner';
import { runEngine } from '../../src-main/services/pose/engine-host';
import { EngineRoutes } from '../../src-main/services/pose/engine-routes';
import { startEngineServer, type EngineServer } from '../../src-main/services/pose/host-server';
import { appRoot } from '../../src-main/paths';
import { defaultModelDir, defaultRendererDir } from '../../src-main/services/pose/paths';
import { launchChromium } from '../helpers/browser';
import { FIXTURES, media, requireEngineBuild } from '../pose/helpers';
import { standInElectron, type StandIn } from './stand-in';

/**
 * The Electron host of the pose engine (src-main/electron/pose-engine.ts), its own code, driven with
 * stand-ins for BrowserWindow and ipcMain over headless Chromium (stand-in.ts), the built preload
 * bundle in the page, and an origin serving what main.ts's app:// handler serves (the built
 * renderer, and the clip and model through the same EngineRoutes). The services pick it up through
 * setEngineRunner, as main.ts does.
 */
const routes = new EngineRoutes();
let server: EngineServer;
let browser: Browser;
let standIn: StandIn;

beforeAll(async () => {
  requireEngineBuild();
  server = await startEngineServer({ staticRoot: defaultRendererDir(), routes });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(() => setEngineRunner(runEngine));

function useElectronHost(): StandIn {
  standIn = standInElectron(browser);
  setEngineRunner(
    electronEngineRunner({
      appOrigin: server.origin,
      routes,
      preload: join(appRoot(), 'out', 'preload', 'pose-engine.cjs'),
      modelDir: defaultModelDir(),
      electron: standIn.electron,
    }),
  );
  return standIn;
}

/** After any run: no open grant, no IPC listener, no window left. */
function expectCleanedUp(s: StandIn): void {
  expect(routes.size).toBe(0);
  expect(s.ipcMain.listenerCount(IPC_POSE_ENGINE)).toBe(0);
  expect(s.windows.every((w) => w.isDestroyed())).toBe(true);
}

describe('pose engine in Electron (hidden window + preload + app routes)', () => {
  it('runs the real engine on every frame of a real clip through the services', async () => {
    const s = useElectronHost();
    expect(engineRunner()).not.toBe(runEngine);
    const { candidates } = await detectPoses({
      clipPath: media('pose2sim_single_cam01.mp4'),
      model: 'lite',
      // A forged 'done' from another window must not end the run early.
      onProgress: () =>
        s.ipcMain.emit(
          IPC_POSE_ENGINE,
          { sender: {}, senderFrame: { url: `${server.origin}/pose-engine.html` } },
          { type: 'done', seq: 1, frames: 0, loopMs: 0, detectMs: 0 },
        ),
    });
    expect(candidates.frames).toHaveLength(100);
    const withPose = candidates.frames.filter((f) => f.poses.length > 0).length;
    expect(withPose / 100).toBeGreaterThanOrEqual(0.98);
    candidates.frames.forEach((f, i) => expect(f.t).toBeCloseTo(i / 60, 4));
    // One hidden, sandboxed, isolated window without Node.
    expect(s.windows).toHaveLength(1);
    expect(s.windows[0]!.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expectCleanedUp(s);
  }, 180_000);

  it('cancels: the run rejects as cancelled and leaves no window, listener or grant', async () => {
    const s = useElectronHost();
    const abort = new AbortController();
    const run = detectPoses({
      clipPath: media('treadmill_side_zzzhushi_male_side.mp4'),
      model: 'lite',
      signal: abort.signal,
      onProgress: (p) => {
        if (p.framesDone > 0) abort.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expectCleanedUp(s);
  }, 180_000);

  it('fails the run on a malformed message from the page, naming what was wrong', async () => {
    const s = useElectronHost();
    let sent: Promise<unknown> | undefined;
    const run = detectPoses({
      clipPath: join(FIXTURES, 'no_person_testsrc.mp4'),
      model: 'lite',
      // Once the engine has opened the clip, the page itself sends a frame with a negative index.
      // The run fails on it and closes the page, possibly before evaluate returns: hence the catch.
      onProgress: () =>
        void (sent ??= s.windows[0]!.page.then((p) =>
          p.evaluate(() =>
            (globalThis as unknown as { stridelabPoseHost(m: unknown): void }).stridelabPoseHost({
              type: 'frames',
              seq: 1,
              frames: [{ index: -1, t: 0, count: 0, poses: '' }],
            }),
          ),
        ).catch(() => undefined)),
    });
    await expect(run).rejects.toThrow(/malformed message \(frames\.0\.index/);
    expectCleanedUp(s);
  }, 120_000);
});
