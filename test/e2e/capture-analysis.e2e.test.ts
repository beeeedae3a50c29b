import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionAnalysisStatus } from '../../src-shared/contract/analysis';
import type { CaptureTake } from '../../src-shared/contract/capture';
import { importRecording } from '../../src-main/services/media/import';
import { launchChromium } from '../helpers/browser';
import { loopedClip } from '../helpers/long-clip';
import { SHARED_MEDIA } from '../helpers/media';
import { callServed, serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { tempLibrary } from '../media/helpers';

/**
 * Analysis during capture (issue 16 item 5): while two clips of the last condition are analysed,
 * the next take records with Chromium's fake cameras as in capture.e2e.test.ts (two cameras,
 * 320×240 at 15 fps). Capture has priority: the queue holds all but captureSlots() pose runs while
 * the take records (one on this 2-core machine) and lets them go after.
 *
 * Judged on ratios within this run, not on frame counts: a take without analysis first (the
 * baseline), then the same take with the two pose runs going. Each clip's frames are compared with
 * what its recorded duration should hold at 15 fps; the take with analysis must keep within 0.15 of
 * the baseline's ratio, and its duration within 10 % of the timer's. A loaded 2-core CI machine
 * already loses a few frames per 5 s without any analysis (capture.e2e.test.ts), which the baseline
 * absorbs; the tolerances are wide because the test must not fail on the machine's load, only on
 * capture starving beside the analysis (held pose runs are what keep it from starving).
 */
const tmp = tempDir();
let app: Served;
let sessionId = '';
const clips: string[] = [];
const TAKE_S = 8;
const FPS = 15;

const status = (): Promise<SessionAnalysisStatus> =>
  callServed<SessionAnalysisStatus>(app, 'analysis:status', { sessionId });

beforeAll(async () => {
  // The last condition: two 36 s takes of the real treadmill clip, imported, not yet analysed.
  const home = join(tmp.path, 'library');
  const long = loopedClip(join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'), 3, tmp.path);
  const lib = await tempLibrary(home);
  sessionId = lib.sessionId;
  for (const view of ['side', 'rear'] as const) {
    const rec = await importRecording(lib.library, {
      sessionId,
      sourcePath: long,
      view,
      condition: { label: 'flat' },
      allowDuplicate: true,
    });
    clips.push(rec.id);
  }
  lib.library.close();
  // Analysis is started by the test (the takes' own clips are left alone).
  app = await serve(home, ['--no-auto-analysis']);
}, 240_000);
afterAll(async () => {
  await app?.stop();
  tmp.cleanup();
});

/** Record one take of TAKE_S with the app's timer; returns it once saved. */
async function recordTake(page: Page, during?: () => Promise<void>): Promise<CaptureTake> {
  await page.keyboard.press('r');
  await page.waitForSelector('section.capture[data-phase="recording"]');
  await during?.();
  const settled = page.locator(
    'section.capture:is([data-last-take-state="saved"], [data-last-take-state="failed"])',
  );
  await settled.waitFor({ timeout: 120_000 });
  const takeId = await page.locator('section.capture').getAttribute('data-last-take');
  const take = (await callServed<CaptureTake[]>(app, 'capture:takes', { sessionId })).find(
    (t) => t.id === takeId,
  )!;
  expect(take.status, JSON.stringify(take)).toBe('saved');
  return take;
}

/** The smallest kept-frames ratio of a take's clips: frames over what their duration holds at FPS. */
const keptRatio = (take: CaptureTake): number =>
  Math.min(...take.clips.map((c) => c.frameCount! / ((c.durationMs / 1000) * FPS)));

describe('a take while the last condition is analysed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      `--use-fake-device-for-media-stream=device-count=2,fps=${FPS}`,
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
    ]);
  });
  afterAll(async () => browser?.close());

  it('records as many frames as without analysis; the pose runs are held meanwhile and go on after', async () => {
    const page = await browser.newPage();
    await page.goto(app.appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await page.goto(new URL(`/#/sessions/${sessionId}`, app.url).href);
    await page.getByRole('button', { name: 'Record with cameras' }).click();
    await page.waitForSelector('section.capture[data-cameras="2"]');
    for (const view of ['Side', 'Rear'])
      await page.getByLabel(`${view} picture size`).selectOption('320x240');
    // Both views reopened at the new size (either can be the slower one on a busy machine).
    for (const view of ['side', 'rear'])
      await expect
        .poll(() => page.getByTestId(`camera-mode-${view}`).textContent(), { timeout: 20_000 })
        .toMatch(/320×240/);
    await page.getByLabel('Stop after (s)').fill(String(TAKE_S));
    await page.getByRole('heading', { name: 'Record' }).click(); // keys to the page, not the field

    const baseline = await recordTake(page);

    // The last condition's two clips analysed at once (full model), both finding poses.
    for (const recordingId of clips) await callServed(app, 'analysis:start', { recordingId, model: 'full' });
    await expect
      .poll(
        async () =>
          (await status()).clips.filter(
            (c) => clips.includes(c.recordingId) && c.state === 'pose' && (c.fraction ?? 0) > 0,
          ).length,
        { timeout: 240_000, interval: 500 },
      )
      .toBe(2);

    const heldSeen: number[] = [];
    const withAnalysis = await recordTake(page, async () => {
      // While the take records, all but one of the two runs are held (2 cores: captureSlots() = 1).
      await expect
        .poll(async () => (await status()).clips.filter((c) => c.heldForCapture).length, { timeout: 20_000 })
        .toBe(1);
      heldSeen.push(1);
    });
    const ratios = { baseline: keptRatio(baseline), withAnalysis: keptRatio(withAnalysis) };
    console.log('kept-frame ratios', ratios, 'clips', JSON.stringify(withAnalysis.clips));
    expect(heldSeen).toEqual([1]);
    expect(ratios.withAnalysis).toBeGreaterThanOrEqual(ratios.baseline - 0.15);
    for (const c of withAnalysis.clips)
      expect(Math.abs(c.durationMs / 1000 - TAKE_S) / TAKE_S).toBeLessThan(0.1);

    // The take has ended: the held run goes on where it stopped (nothing held, both still finding poses
    // or done, none failed).
    await expect
      .poll(async () => (await status()).clips.filter((c) => c.heldForCapture).length, { timeout: 30_000 })
      .toBe(0);
    const after = (await status()).clips.filter((c) => clips.includes(c.recordingId));
    expect(
      after.every(
        (c) => c.state === 'pose' || c.state === 'sync' || c.state === 'gait' || c.state === 'done',
      ),
    ).toBe(true);
    for (const recordingId of clips) await callServed(app, 'analysis:cancel', { recordingId });
    await page.close();
  }, 600_000);
});
