import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Recording } from '../../src-shared/contract/recordings';
import { analyzeGait } from '../../src-shared/gait';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { readSeries, storeLandmarks, storeNoPose, TREADMILL_LANDMARKS } from '../review/fixtures/pose-store';
import { makeBarcodeClip } from '../review/fixtures/barcode-clip';
import {
  codeOnScreen,
  setHash,
  settled,
  startReviewApp,
  type ReviewApp,
} from '../review/fixtures/review-app';

/**
 * The review end to end, in Debian Chromium on the built renderer: every control must put on
 * screen exactly the frame it names. The clips encode their own frame number in their pixels, so
 * the test reads the truth from the canvas, not from the label.
 */
let r: ReviewApp;
let page: Page;
let guard: { offsite: string[]; errors: string[] };
const FRAMES = 90;

beforeAll(async () => {
  r = await startReviewApp();
  const clip = await makeBarcodeClip({
    out: join(r.home, 'barcode-30.mp4'),
    width: 640,
    height: 360,
    rate: '30',
    frames: FRAMES,
  });
  // Pose detection finds no one on a bar code: the clips count as analysed, without overlays.
  for (const view of ['side', 'rear'] as const)
    await storeNoPose(r.app.services.library, await r.importClip(clip, view, 'flat'));
  ({ page, guard } = await r.openPage(`#/sessions/${r.sessionId}/review`));
});
afterAll(async () => {
  await r?.close();
});

/** Both players show frame `n`: by their data attribute, their label, and the pixels on the canvas. */
async function bothShow(n: number): Promise<void> {
  for (const k of [0, 1]) {
    expect(await settled(page, k)).toBe(n);
    expect(await codeOnScreen(page, k)).toBe(n);
    expect(await page.locator(`[data-player="${k}"] .player-frame`).textContent()).toMatch(
      new RegExp(`^Frame ${n} · `),
    );
  }
}

describe('frame-exact review, two locked players', () => {
  it('opens side and rear of the condition, on frame 0', async () => {
    await page.locator('[data-player="1"]').waitFor();
    await bothShow(0);
  });

  it('steps one frame with the arrows and ten with Shift, both players together', async () => {
    for (let i = 1; i <= 12; i++) {
      await page.keyboard.press('ArrowRight');
      await bothShow(i);
    }
    await page.keyboard.press('Shift+ArrowRight');
    await bothShow(22);
    await page.keyboard.press('ArrowLeft');
    await bothShow(21);
    await page.keyboard.press('Shift+ArrowLeft');
    await bothShow(11);
  });

  it('scrubs to the last frame and stops there', async () => {
    await page.locator('input.scrub').focus();
    await page.keyboard.press('End');
    await bothShow(FRAMES - 1);
    await page.keyboard.press('ArrowRight');
    await bothShow(FRAMES - 1);
    await page.keyboard.press('Home');
    await bothShow(0);
  });

  it('pauses in slow motion on a frame that is the frame shown', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 4; i++) await page.keyboard.press('-');
    await expect.poll(() => page.getByTestId('rate').textContent()).toBe('0.125×');
    await page.keyboard.press('Space');
    // Wait for the app to show a later frame, then pause: the pause point must be a whole frame.
    await expect
      .poll(async () => Number(await page.locator('[data-player="0"]').getAttribute('data-frame')))
      .toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Space');
    const n = await settled(page, 0);
    expect(n).toBeGreaterThanOrEqual(3);
    await bothShow(n);
    await page.keyboard.press('ArrowRight');
    await bothShow(n + 1);
    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
  });
});

describe('a clip with dropped frames (variable frame rate)', () => {
  it('steps through existing frames and shows their true capture times', async () => {
    const drop = [10, 11, 40];
    const clip = await makeBarcodeClip({
      out: join(r.home, 'barcode-dropped.mp4'),
      width: 640,
      height: 360,
      rate: '30',
      frames: 60,
      drop,
    });
    const rec = await r.importClip(clip, 'side', 'dropped');
    await storeNoPose(r.app.services.library, rec);
    await setHash(page, `#/sessions/${r.sessionId}/review/${rec.id}`);
    await page.locator('[data-player="1"]').waitFor({ state: 'detached' });
    const kept = Array.from({ length: 60 }, (_, n) => n).filter((n) => !drop.includes(n));
    expect(await settled(page, 0)).toBe(0);
    for (let i = 1; i <= 12; i++) {
      await page.keyboard.press('ArrowRight');
      expect(await settled(page, 0)).toBe(i);
      // Frame i of the clip is source frame kept[i]: the picture is that one, the time is its own.
      expect(await codeOnScreen(page, 0)).toBe(kept[i]);
      expect(await page.locator('[data-player="0"] .player-frame').textContent()).toBe(
        `Frame ${i} · ${(kept[i]! / 30).toFixed(3)} s`,
      );
    }
  });
});

describe('event jumps, loops and a stored alignment: frame-exact in both players', () => {
  const OFFSET = 5;
  let ics: number[];
  let side: Recording;
  let rear: Recording;
  beforeAll(async () => {
    // A bar-coded clip with the sample run's landmarks (same size, rate and length): the gait engine
    // finds real contacts on it, and the pixels still tell which frame is on screen.
    const clip = await makeBarcodeClip({
      out: join(r.home, 'barcode-360.mp4'),
      width: 720,
      height: 1280,
      rate: '30',
      frames: 360,
    });
    side = await r.importClip(clip, 'side', 'synced');
    rear = await r.importClip(clip, 'rear', 'synced');
    await storeLandmarks(r.app.services.library, side.id, readSeries(TREADMILL_LANDMARKS));
    const series = await r.call<LandmarkSeries>('pose:series', { recordingId: side.id });
    ics = analyzeGait({ series, view: 'side' })
      .events.filter((e) => e.kind === 'initial-contact')
      .map((e) => e.frame)
      .sort((a, b) => a - b);
    // The rear camera started later: the same moment is 5 frames earlier in its clip.
    await r.call('sync:set', {
      sessionId: r.sessionId,
      recordingAId: side.id,
      recordingBId: rear.id,
      offsetFrames: OFFSET,
    });
    await setHash(page, `#/sessions/${r.sessionId}/review/${side.id}/${rear.id}`);
    // The gait analysis runs in a worker: seconds on a quiet machine, more on a loaded one.
    await page.getByTestId('summary').waitFor({ timeout: 120_000 });
  });

  /** Player 0 shows side frame n and player 1 the rear frame of the same moment, by their pixels. */
  async function aligned(n: number): Promise<void> {
    expect(await settled(page, 0)).toBe(n);
    expect(await codeOnScreen(page, 0)).toBe(n);
    const m = Math.max(0, n - OFFSET);
    expect(await settled(page, 1)).toBe(m);
    expect(await codeOnScreen(page, 1)).toBe(m);
  }

  it('jumps to initial contacts with [ and ]', async () => {
    expect(ics.length).toBeGreaterThan(6);
    await aligned(0);
    await page.keyboard.press(']');
    await aligned(ics[0]!);
    await page.keyboard.press(']');
    await aligned(ics[1]!);
    await page.keyboard.press(']');
    await aligned(ics[2]!);
    await page.keyboard.press('[');
    await aligned(ics[1]!);
  });

  it('loops the current stride and pauses on a whole frame inside it', async () => {
    const from = await settled(page, 0);
    await page.keyboard.press('l');
    await expect
      .poll(async () => Number(await page.locator('[data-player="0"]').getAttribute('data-frame')))
      .not.toBe(from);
    await page.keyboard.press('Space');
    const n = await settled(page, 0);
    await aligned(n);
    // A stride: from this contact to the next contact of the same foot, two contacts later.
    expect(n).toBeGreaterThanOrEqual(from);
    expect(n).toBeLessThan(ics[ics.indexOf(from) + 2]!);
    await page.keyboard.press('l');
  });

  it('steps by the active player, and moves one player alone when unlocked', async () => {
    await page.keyboard.press(']');
    const n = await settled(page, 0);
    await page.keyboard.press('2');
    await page.keyboard.press('ArrowRight');
    await aligned(n + 1);
    await page.getByLabel('Lock players').uncheck();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    expect(await settled(page, 1)).toBe(n + 1 - OFFSET + 1);
    expect(await codeOnScreen(page, 1)).toBe(n + 1 - OFFSET + 1);
    expect(await settled(page, 0)).toBe(n + 1);
    await page.getByLabel('Lock players').check();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    // Locked again: back to the stored alignment, the active (rear) player keeping its frame.
    await aligned(n + 2);
  });

  it('nudges the alignment by a frame from the review (stored by the sync service)', async () => {
    const n = await settled(page, 0);
    await expect
      .poll(() => page.getByTestId('sync-nudge').textContent())
      .toContain(`offset +${OFFSET} frames`);
    await page.getByRole('button', { name: 'Right clip one frame later' }).click();
    await expect
      .poll(() => page.getByTestId('sync-nudge').textContent())
      .toContain(`offset +${OFFSET + 1} frames`);
    expect(await settled(page, 0)).toBe(n);
    expect(await settled(page, 1)).toBe(n - OFFSET - 1);
    expect(await codeOnScreen(page, 1)).toBe(n - OFFSET - 1);
    const stored = await r.call<{ offsetFramesA: number }>('sync:get', {
      sessionId: r.sessionId,
      recordingAId: side.id,
      recordingBId: rear.id,
    });
    expect(stored.offsetFramesA).toBe(OFFSET + 1);
    expect(guard.errors).toEqual([]);
  });
});
