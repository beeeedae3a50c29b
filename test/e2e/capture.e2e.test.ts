import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureTake } from '../../src-shared/contract/capture';
import type { Recording } from '../../src-shared/contract/recordings';
import { guardPage, launchChromium } from '../helpers/browser';
import { holdCalls } from '../helpers/late-calls';
import { callServed, serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { captureSession, expectFramesKeptOrLossSaid, openCaptureOf, takeSaved } from './capture-takes';

/**
 * Capture end to end: the real app (stridelab serve on a temp library) in Debian Chromium with
 * Chromium's fake cameras. `device-count=2` gives two cameras (a file given with
 * --use-file-for-fake-video-capture gives only one), each a moving test picture at the rate we
 * set, so the frame counts can be predicted: 5 s at 15 fps = 75 frames per clip. The take is
 * stopped by the app's own timer ("Stop after 5 s"), not by the test. 15 fps rather than 30: on
 * 2 cores shared with other test runs (load average 15–19 measured), the whole browser stalls for
 * 70–90 ms now and then and the recorder loses the frames of the stall at 30 fps (3–4 per 5 s);
 * the capture pipeline under test is the same at any rate.
 */
let app: Served;
const tmp = tempDir();
let sessionId = '';
let patientId = '';

const call = <T>(channel: string, input: unknown): Promise<T> => callServed<T>(app, channel, input);

beforeAll(async () => {
  app = await serve(tmp.path, ['--no-auto-analysis']);
  ({ patientId, sessionId } = await captureSession(app));
});
afterAll(async () => {
  await app?.stop();
  tmp.cleanup();
});

const openCapture = (browser: Browser, id = sessionId): ReturnType<typeof openCaptureOf> =>
  openCaptureOf(app, browser, id);

/** Both fake cameras at 320×240 (the smallest picture: the quickest takes on a busy machine). */
async function openTwoSmallCameras(browser: Browser): Promise<Page> {
  const { page } = await openCapture(browser);
  await page.waitForSelector('section.capture[data-cameras="2"]');
  for (const view of ['Side', 'Rear']) await page.getByLabel(`${view} picture size`).selectOption('320x240');
  // Both views reopened at the new size (either can be the slower one on a busy machine).
  for (const view of ['side', 'rear'])
    await expect
      .poll(() => page.getByTestId(`camera-mode-${view}`).textContent(), { timeout: 20_000 })
      .toMatch(/320×240/);
  return page;
}

describe('recording two cameras into the session', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream=device-count=2,fps=15',
      // Capture must not be throttled as a background page would be.
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
    ]);
  });
  afterAll(async () => browser?.close());

  // One retry: this test counts frames, and on a machine shared with other test runs a stall of the
  // whole browser can still drop a few (measured: 0–2 of 75 usually, 3–4 on a bad run). The test is
  // written to be repeatable (it looks at its own take only).
  it(
    'records 5 s from both cameras with R: two clips of every frame sent (or the loss said), aligned, in the session',
    { retry: 1 },
    async () => {
      const { page, guard } = await openCapture(browser);
      await page.waitForSelector('section.capture[data-cameras="2"]');
      // The best mode the fake camera offers is 15 fps: below 60, so the PT is warned.
      await expect
        .poll(() => page.getByTestId('fps-warning-side').textContent())
        .toMatch(/^15 fps is below the 60 fps needed/);
      // Small pictures keep two encoders light on a 2-core machine.
      for (const view of ['Side', 'Rear']) {
        await page.getByLabel(`${view} picture size`).selectOption('320x240');
      }
      for (const view of ['side', 'rear']) {
        await expect
          .poll(() => page.getByTestId(`camera-mode-${view}`).textContent(), { timeout: 20_000 })
          .toMatch(/320×240 at 15 fps/);
      }
      await page.getByLabel('Stop after (s)').fill('5');
      await page.getByRole('heading', { name: 'Record' }).click(); // leave the field: keys go to the page
      await page.keyboard.press('r');
      await page.waitForSelector('section.capture[data-phase="recording"]');
      await takeSaved(page);

      const takeId = await page.locator('section.capture').getAttribute('data-last-take');
      const take = (await call<CaptureTake[]>('capture:takes', { sessionId })).find((t) => t.id === takeId);
      expect(take!).toMatchObject({ status: 'saved', condition: { label: 'flat' } });
      expect(take!.name).toMatch(/^flat · take \d+$/);
      await expectFramesKeptOrLossSaid(page, take!, 5, 15);
      // Both clips start within a frame (67 ms at 15 fps) of the shared start.
      const offsets = take!.clips.map((c) => c.startOffsetMs);
      expect(Math.abs(offsets[0]! - offsets[1]!)).toBeLessThan(100);

      const ids = take!.clips.map((c) => c.recordingId);
      const recordings = (await call<Recording[]>('recordings:list', { sessionId })).filter((r) =>
        ids.includes(r.id),
      );
      expect(recordings.map((r) => r.view).sort()).toEqual(['rear', 'side']);
      for (const r of recordings) {
        expect(r).toMatchObject({ proxyStatus: 'ready', condition: { label: 'flat', inclinePct: 0 } });
        expect(r.probe).toMatchObject({ codec: 'h264', width: 320, height: 240, nominalFps: 15 });
        expect(take!.clips.find((c) => c.view === r.view)!.recordingId).toBe(r.id);
      }

      // Instant replay: Space plays both views of the last take.
      await page.keyboard.press(' ');
      await expect
        .poll(() =>
          page.getByTestId('replay-side').evaluate((v) => {
            const video = v as unknown as { paused: boolean; ended: boolean };
            return !video.paused || video.ended;
          }),
        )
        .toBe(true);
      await page.keyboard.press(' ');

      // Review accepts both clips: the locked players open them, frame-exact, on frame 0.
      const side = recordings.find((r) => r.view === 'side')!.id;
      const rear = recordings.find((r) => r.view === 'rear')!.id;
      await page.evaluate(
        (h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h),
        `#/sessions/${sessionId}/review/${side}/${rear}`,
      );
      for (const k of [0, 1]) {
        const player = page.locator(`[data-player="${k}"][data-settled="true"]`);
        await player.waitFor({ timeout: 20_000 });
        expect(await player.getAttribute('data-frame')).toBe('0');
      }
      expect(guard.errors).toEqual([]);
      expect(guard.offsite).toEqual([]);
      await page.close();
    },
  );

  it('discards a bad take with one key: its clips go to the trash', async () => {
    const page = await openTwoSmallCameras(browser);
    await page.getByLabel('Stop after (s)').fill('1');
    await page.getByRole('heading', { name: 'Record' }).click();
    const before = await call<Recording[]>('recordings:list', { sessionId });
    await page.keyboard.press('r');
    await takeSaved(page);
    const takeId = await page.locator('section.capture').getAttribute('data-last-take');
    const saved = (await call<CaptureTake[]>('capture:takes', { sessionId })).find((t) => t.id === takeId)!;
    expect(await call<Recording[]>('recordings:list', { sessionId })).toHaveLength(before.length + 2);
    await page.keyboard.press('Delete');
    await page.waitForSelector('section.capture[data-last-take-state="discarded"]');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(`${saved.name} discarded: its clips are in the trash.`);
    // The session is as before the take: its two clips are in the trash, the earlier ones untouched.
    expect(await call<Recording[]>('recordings:list', { sessionId })).toEqual(before);
    const takes = await call<CaptureTake[]>('capture:takes', { sessionId });
    expect(takes.find((t) => t.id === takeId)!.status).toBe('discarded');
    await page.close();
  });

  it('discards a take whose Delete came while it was still being saved', async () => {
    const page = await openTwoSmallCameras(browser);
    await page.getByLabel('Stop after (s)').fill('1');
    await page.getByRole('heading', { name: 'Record' }).click();
    const before = await call<Recording[]>('recordings:list', { sessionId });
    // The save is answered only after Delete was pressed (a busy machine takes seconds to save).
    const finish = await holdCalls(page, 'capture:finish');
    await page.keyboard.press('r');
    await page.waitForSelector('section.capture[data-last-take-state="saving"]', { timeout: 40_000 });
    await page.keyboard.press('Delete');
    finish.release();
    await page.waitForSelector('section.capture[data-last-take-state="discarded"]', { timeout: 40_000 });
    await finish.stop();
    const takeId = await page.locator('section.capture').getAttribute('data-last-take');
    const take = (await call<CaptureTake[]>('capture:takes', { sessionId })).find((t) => t.id === takeId)!;
    expect(take.status).toBe('discarded');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(`${take.name} discarded: its clips are in the trash.`);
    expect(await call<Recording[]>('recordings:list', { sessionId })).toEqual(before);
    await page.close();
  });

  it('starts no take while a camera is still opening, and says so', async () => {
    const page = await browser.newPage();
    const guard = guardPage(page);
    // The rear camera answers only when the test lets it (a camera slow to open, as a USB camera
    // on a busy PC is): R pressed meanwhile must not record the side view alone without a word.
    await page.addInitScript({
      content: `(() => {
        const media = navigator.mediaDevices;
        const original = media.getUserMedia.bind(media);
        const held = new Promise((resolve) => (globalThis.__openRear = resolve));
        media.getUserMedia = async (constraints) => {
          const exact = constraints && constraints.video && constraints.video.deviceId
            ? constraints.video.deviceId.exact : undefined;
          const rear = (await media.enumerateDevices()).find((d) => d.label === 'fake_device_1');
          if (rear && exact === rear.deviceId) await held;
          return original(constraints);
        };
      })();`,
    });
    await page.goto(app.appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await page.goto(new URL(`/#/sessions/${sessionId}/capture`, app.url).href);
    await page.waitForSelector('section.capture[data-cameras="2"]');
    await expect.poll(() => page.getByTestId('camera-mode-side').textContent()).toMatch(/^Camera gives/);
    const takesBefore = (await call<CaptureTake[]>('capture:takes', { sessionId })).length;
    await page.getByRole('heading', { name: 'Record' }).click();
    await page.keyboard.press('r');
    // Whichever comes: the page's word, or a take under way.
    await page
      .locator('[data-testid="capture-problem"], section.capture:not([data-phase="idle"])')
      .first()
      .waitFor();
    expect(await page.locator('section.capture').getAttribute('data-phase')).toBe('idle');
    expect(await page.getByTestId('capture-problem').textContent()).toBe(
      'The rear camera is still starting: press R again once its picture shows.',
    );
    expect(await call<CaptureTake[]>('capture:takes', { sessionId })).toHaveLength(takesBefore);
    await page.evaluate(() => (globalThis as unknown as { __openRear: () => void }).__openRear());
    await expect.poll(() => page.getByTestId('camera-mode-rear').textContent()).toMatch(/^Camera gives/);
    expect(guard.errors).toEqual([]);
    await page.close();
  });

  it('says which camera is busy and what to do, while the other one works', async () => {
    const page = await browser.newPage();
    // Chromium's fake cameras cannot be "in use by another program", so the second one answers
    // as a real camera held by a video call does: getUserMedia rejects with NotReadableError
    // (Media Capture and Streams §10). What is under test is the page's handling of it.
    await page.addInitScript({
      content: `(() => {
        const media = navigator.mediaDevices;
        const original = media.getUserMedia.bind(media);
        media.getUserMedia = async (constraints) => {
          const exact = constraints && constraints.video && constraints.video.deviceId
            ? constraints.video.deviceId.exact : undefined;
          const busy = (await media.enumerateDevices()).find((d) => d.label === 'fake_device_1');
          if (busy && exact === busy.deviceId)
            throw new DOMException('Could not start video source', 'NotReadableError');
          return original(constraints);
        };
      })();`,
    });
    await page.goto(app.appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await page.goto(new URL(`/#/sessions/${sessionId}/capture`, app.url).href);
    await expect
      .poll(() => page.getByTestId('camera-error-rear').textContent())
      .toMatch(/^The rear camera is busy or not answering: another program .* may be using it\./);
    await expect.poll(() => page.getByTestId('camera-mode-side').textContent()).toMatch(/^Camera gives/);
    await page.close();
  });

  it('loses at most the last second: after a restart the take is imported from what reached the disk', async () => {
    const page = await openTwoSmallCameras(browser);
    await page.getByLabel('Condition').fill('crash test');
    await page.getByRole('heading', { name: 'Record' }).click();
    await page.keyboard.press('r');
    // The app says when 3 s of both cameras are on disk; then StrideLab dies without warning.
    // At least 3 (not exactly 3: on a loaded machine two acknowledgements can land in one render).
    await expect
      .poll(async () => Number(await page.getByTestId('seconds-saved').getAttribute('data-seconds')), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(3);
    const crashed = new Promise((done) => app.child.once('exit', done));
    app.child.kill('SIGKILL');
    await crashed;
    await page.close();

    app = await serve(tmp.path, ['--no-auto-analysis']); // recovery runs as the app starts
    let take: CaptureTake | undefined;
    await expect
      .poll(
        async () => {
          const takes = await call<CaptureTake[]>('capture:takes', { sessionId });
          take = takes.find((t) => t.condition.label === 'crash test');
          return take?.status;
        },
        { timeout: 40_000, interval: 500 },
      )
      .toBe('recovered');
    const recordings = await call<Recording[]>('recordings:list', { sessionId });
    for (const clip of take!.clips) {
      expect(clip.recordingId, JSON.stringify(clip)).toBeTruthy();
      // At least the 3 s acknowledged before the crash, as much as was on disk. Judged on the
      // clip's duration (the recorder's timestamps follow the clock), not on its frame count:
      // on a loaded machine Chromium's fake camera delivers fewer than its 15 frames a second
      // (CI once saved 42 frames in 3 s), which is the camera's loss, not the crash's.
      const recording = recordings.find((r) => r.id === clip.recordingId)!;
      expect(recording.probe.durationS, JSON.stringify(recording.probe)).toBeGreaterThanOrEqual(3 - 2 / 15);
      expect(clip.frameCount!).toBeGreaterThanOrEqual(15);
      expect(clip.startOffsetMs).toBeGreaterThanOrEqual(0);
      expect(clip.startOffsetMs).toBeLessThan(200);
    }
    expect(
      recordings
        .filter((r) => r.condition.label === 'crash test')
        .map((r) => r.view)
        .sort(),
    ).toEqual(['rear', 'side']);
  });
});

describe('without cameras', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(['--use-fake-ui-for-media-stream']);
  });
  afterAll(async () => browser?.close());

  it("lays last session's picture over each view (G) to place the cameras the same way", async () => {
    const next = await call<{ id: string }>('sessions:create', { patientId, date: '2026-12-05' });
    const { page, guard } = await openCapture(browser, next.id);
    await page.getByRole('heading', { name: 'Record' }).click();
    await page.keyboard.press('g');
    await expect
      .poll(() => page.getByTestId('ghost-status').textContent())
      .toBe('Showing the session of 2026-11-21.');
    const latest = (await call<Recording[]>('recordings:list', { sessionId }))
      .filter((r) => r.view === 'side')
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0]!;
    const ghost = page.getByTestId('ghost-side');
    expect(await ghost.getAttribute('src')).toContain(`/api/media/${latest.id}/thumb`);
    await expect
      .poll(() => ghost.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await page.keyboard.press('g');
    await ghost.waitFor({ state: 'detached' });
    expect(guard.errors).toEqual([]);
    await page.close();
  });

  it('says in plain words that no camera was found, and records nothing', async () => {
    const takesBefore = (await call<CaptureTake[]>('capture:takes', { sessionId })).length;
    const { page } = await openCapture(browser);
    await expect
      .poll(() => page.getByTestId('camera-list-error').textContent())
      .toMatch(/^No camera was found\. Plug in the side and rear cameras/);
    await page.getByRole('heading', { name: 'Record' }).click();
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('capture-problem').textContent()).toMatch(/No camera is ready/);
    expect(await call<CaptureTake[]>('capture:takes', { sessionId })).toHaveLength(takesBefore);
    await page.close();
  });
});
