import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  readSeries,
  storeLandmarks,
  TREADMILL_CLIP,
  TREADMILL_LANDMARKS,
} from '../review/fixtures/pose-store';
import { settled, startReviewApp, type ReviewApp } from '../review/fixtures/review-app';

/**
 * Issue 19 in the review, in Chromium on the built renderer, on the treadmill sample clip with its
 * real MediaPipe landmarks: "What to work on first" says it is weighted by the session's complaint
 * and painful side (ReviewPage gives them; before, the review ranked by effect size alone), the
 * summary lists the arm variables (the far arm not measurable), and the overlay draws the near
 * elbow's flexion. With STRIDELAB_SHOTS set, a picture of the page to look at.
 */
let r: ReviewApp;
let page: Page;

beforeAll(async () => {
  r = await startReviewApp();
  await r.call('sessions:update', {
    id: r.sessionId,
    fields: {
      date: '2026-11-20',
      complaint: 'right proximal hamstring pain',
      injurySide: 'right',
      treadmillSpeedsKmh: [11],
    },
  });
  const flat = await r.importClip(TREADMILL_CLIP, 'side', 'flat');
  await storeLandmarks(r.app.services.library, flat.id, readSeries(TREADMILL_LANDMARKS));
  ({ page } = await r.openPage(`#/sessions/${r.sessionId}/review/${flat.id}`));
  await page.getByTestId('summary').waitFor({ timeout: 120_000 });
  await settled(page, 0);
});
afterAll(async () => {
  await r?.close();
});

describe('the review and issue 19', () => {
  it('ranks the first three by the session’s complaint and painful side, and says so', async () => {
    const how = page.getByTestId('review-work-first-how');
    await how.waitFor({ timeout: 60_000 });
    expect(await how.textContent()).toMatch(
      /weighted by the complaint \(“right proximal hamstring pain”\) and the painful side \(right\)/,
    );
  });

  it('lists the arm variables in the summary, the far arm not measurable', async () => {
    const summary = (await page.getByTestId('summary').textContent()) ?? '';
    expect(summary).toMatch(/Arm swing/);
    expect(summary).toMatch(/Elbow flexion/);
    const dir = process.env.STRIDELAB_SHOTS;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, 'review-issue19.png'), fullPage: true });
    }
  });
});
