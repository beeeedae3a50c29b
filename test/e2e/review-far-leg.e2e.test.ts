import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { flickerLeftLeg } from '../../src-shared/gait/testing/hide-leg';
import { storeLandmarks, TREADMILL_CLIP } from '../review/fixtures/pose-store';
import { startReviewApp, type ReviewApp } from '../review/fixtures/review-app';

/**
 * The review's "What to work on first" with one clip open says what the report says of a far leg
 * the same camera could not measure in another condition (src-shared/report/far-leg.ts), in
 * Chromium on the built renderer. A session with two side clips (the sample clip imported as flat
 * and as incline, each given the landmarks of a synthetic runner of its frame size and rate: a
 * stiff knee on both legs, peak 18° in stance), flat with its left (far) leg flickering as a
 * half-hidden leg does, incline with it seen. Open on incline, the panel says its left knee's
 * finding is tentative and why, after the right's; before, it listed both as whole. With
 * STRIDELAB_SHOTS set, a picture of the page to look at.
 */
let r: ReviewApp;
let page: Page;

const runner = (seed: number) =>
  generateRunner({
    view: 'side',
    // The sample clip's frames: 12 s at 30 fps, 720x1280.
    fps: 30,
    durationS: 12,
    width: 720,
    height: 1280,
    seed,
    noisePx: 2,
    stanceKneePeakDeg: 18,
    kneeAtIcDeg: 8,
    kneeAtToDeg: 10,
  }).series;

beforeAll(async () => {
  r = await startReviewApp();
  const flat = await r.importClip(TREADMILL_CLIP, 'side', 'Flat');
  const incline = await r.importClip(TREADMILL_CLIP, 'side', 'Incline');
  await storeLandmarks(r.app.services.library, flat.id, flickerLeftLeg(runner(3)));
  await storeLandmarks(r.app.services.library, incline.id, runner(5));
  ({ page } = await r.openPage(`#/sessions/${r.sessionId}/review/${incline.id}`));
  await page.getByTestId('review-work-first').waitFor({ timeout: 120_000 });
});
afterAll(async () => {
  await r?.close();
});

describe("the review's first three and a far leg of another condition", () => {
  it("says incline's left (far) knee finding is tentative, and why, after the right's", async () => {
    const tentative = page.getByTestId('review-work-first-tentative');
    await tentative.waitFor({ timeout: 60_000 });
    expect(await tentative.textContent()).toBe(
      " · tentative: the left (far) leg's peak knee flexion in stance was not measurable from the same camera in Flat",
    );
    const items = await page.getByTestId('review-work-first').locator('li').allTextContents();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^Stiff knee in stance \(right\) · “/);
    expect(items[0]).not.toMatch(/tentative/);
    expect(items[1]).toMatch(/^Stiff knee in stance \(left\) · “.*” · tentative: the left \(far\) leg's/);
    const dir = process.env.STRIDELAB_SHOTS;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, 'review-far-leg.png'), fullPage: true });
      await page.getByTestId('review-work-first').screenshot({ path: join(dir, 'review-far-leg-panel.png') });
    }
  });
});
