import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reviewSession } from './review-session';

/**
 * Issue 19 in the review, in Chromium on the built renderer, on the treadmill sample clip with its
 * real MediaPipe landmarks: "What to work on first" says it is weighted by the session's complaint
 * and painful side (ReviewPage gives them; before, the review ranked by effect size alone), the
 * summary lists the arm variables (the far arm not measurable), and the overlay draws the near
 * elbow's flexion. With STRIDELAB_SHOTS set, a picture of the page to look at.
 */
let page: Page;

reviewSession(
  {
    session: {
      date: '2026-11-20',
      complaint: 'right proximal hamstring pain',
      injurySide: 'right',
      treadmillSpeedsKmh: [11],
    },
    clips: [{ view: 'side', condition: 'flat' }],
    open: { review: [0] },
    waitFor: 'summary',
    settle: true,
  },
  (s) => ({ page } = s),
);

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
