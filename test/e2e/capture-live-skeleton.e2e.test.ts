import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureTake } from '../../src-shared/contract/capture';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { launchChromium } from '../helpers/browser';
import { callServed, serve, type Served } from '../helpers/serve';
import { SHARED_MEDIA } from '../helpers/media';
import { tempDir } from '../helpers/tmp';
import { captureSession, expectFramesKeptOrLossSaid, openCaptureOf, takeSaved } from './capture-takes';

/**
 * Capture with one real-looking camera: the real app (stridelab serve on a temp library) in Debian
 * Chromium, whose fake camera plays the real treadmill clip, so the live skeleton (K) has a runner to
 * find; then a take of the side view alone. The two-camera takes are in capture.e2e.test.ts (why 15
 * fps: see there).
 */
let app: Served;
const tmp = tempDir();
const MEDIA = SHARED_MEDIA;
let sessionId = '';

const call = <T>(channel: string, input: unknown): Promise<T> => callServed<T>(app, channel, input);
const openCapture = (browser: Browser): ReturnType<typeof openCaptureOf> =>
  openCaptureOf(app, browser, sessionId);

beforeAll(async () => {
  app = await serve(tmp.path, ['--no-auto-analysis']);
  ({ sessionId } = await captureSession(app));
});
afterAll(async () => {
  await app?.stop();
  tmp.cleanup();
});

describe('one real-looking camera: a treadmill clip played as the fake camera', () => {
  let browser: Browser;
  beforeAll(async () => {
    // A running person, so the live skeleton has someone to find: 3 s of the treadmill clip as
    // Y4M (Chromium loops the file), 360×640 so the runner is large enough for the lite model, 15 fps
    // to spare the busy machine (see the top of this file).
    const y4m = join(tmp.path, 'treadmill-side.y4m');
    execFileSync(ffmpegPath(), [
      ...['-v', 'error', '-nostdin', '-y', '-i', join(MEDIA, 'treadmill_side_zzzhushi_male_side.mp4')],
      ...['-t', '3', '-vf', 'scale=360:640,fps=15', '-pix_fmt', 'yuv420p', y4m],
    ]);
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ]);
  });
  afterAll(async () => browser?.close());

  it('draws the live skeleton on the runner (K), then records the side view alone', async () => {
    const { page, guard } = await openCapture(browser);
    await page.waitForSelector('section.capture[data-cameras="1"]');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Only one camera was found/);
    await expect.poll(() => page.getByTestId('camera-mode-side').textContent()).toMatch(/360×640 at 15 fps/);
    await page.getByRole('heading', { name: 'Record' }).click();
    await page.keyboard.press('k');
    // Loading the model (13 MB of wasm to compile) takes seconds on a quiet machine and far more
    // beside another Chromium run: wait for the page to say it is on, or why not.
    await expect
      .poll(() => page.getByTestId('skeleton-status').textContent(), { timeout: 90_000 })
      .toMatch(/^Skeleton on \(lite model\)\.$|stopped|could not start/);
    expect(await page.getByTestId('skeleton-status').textContent()).toBe('Skeleton on (lite model).');
    // The lite model finds the runner: most of the 33 landmarks are drawn.
    const skeleton = page.getByTestId('skeleton-side');
    const drawn = async () => Number(await skeleton.getAttribute('data-points'));
    await expect
      // The first frames through a model just compiled: 0 answered in 30 s once, on a CI machine
      // loaded by the other Chromium files running beside this one.
      .poll(drawn, { timeout: 90_000 })
      .toBeGreaterThanOrEqual(20)
      .catch(async (e: unknown) => {
        // Say which way it failed: frames never reached the model, or it saw no one on them.
        const frames = await skeleton.getAttribute('data-frames');
        const status = await page.getByTestId('skeleton-status').textContent();
        throw new Error(
          `live skeleton: ${await drawn()} points after ${frames ?? 0} frames answered; "${status}"`,
          {
            cause: e,
          },
        );
      });
    await page.getByLabel('Condition').fill('incline 6 %');
    await page.getByLabel('Stop after (s)').fill('2');
    await page.getByRole('heading', { name: 'Record' }).click();
    await page.keyboard.press('r');
    await takeSaved(page);
    const takes = await call<CaptureTake[]>('capture:takes', { sessionId });
    const take = takes.find((t) => t.condition.label === 'incline 6 %')!;
    expect(take).toMatchObject({ name: 'incline 6 % · take 1', condition: { inclinePct: 6 } });
    expect(take.clips.map((c) => c.view)).toEqual(['side']);
    await expectFramesKeptOrLossSaid(page, take, 2, 15);
    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
    await page.close();
  }, 300_000);
});
