import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { settled } from '../review/fixtures/review-app';
import { reviewSession } from './review-session';

/**
 * Two portrait clips side by side in Review, in Chromium on the built renderer, at the clinic
 * laptop's window sizes: the sample clip (720x1280, a phone held upright) imported as the side and
 * the rear view of one condition, with its real landmarks. Each picture filled 43 % of its player's
 * width at 1366x768 (280 of 655 px, dark bands either side), the transport under them. Now the
 * transport, the timeline and the frame's events sit beside the players: each picture fills at
 * least 75 % of its player's width, centred in it, undistorted (the clip's aspect ratio), the whole
 * picture and its caption in the window without scrolling, and the transport's Play in view too.
 * With STRIDELAB_SHOTS set, pictures of the window to look at.
 */
let page: Page;

reviewSession(
  {
    clips: [
      { view: 'side', condition: 'flat' },
      { view: 'rear', condition: 'flat' },
    ],
    open: { review: [0, 1] },
  },
  (s) => ({ page } = s),
);

const box = async (selector: string) => (await page.locator(selector).boundingBox())!;

describe('two portrait clips side by side', () => {
  it.each([
    [1366, 768],
    [1920, 1080],
  ])(
    'fill their players at %ix%i, centred and undistorted, with the transport in view',
    async (w, h) => {
      await page.setViewportSize({ width: w, height: h });
      await page.evaluate(() =>
        (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0),
      );
      for (const k of [0, 1]) await settled(page, k);
      // The frame's events are drawn beside the players once the analysis is done.
      await page.locator('[data-testid="timeline"] .ev.ic').first().waitFor({ timeout: 120_000 });
      for (const k of [0, 1]) {
        const player = await box(`[data-player="${k}"]`);
        // Sized on a resize by the player itself: wait until it has taken the new window's size.
        await expect
          .poll(async () => (await box(`[data-player="${k}"] .player-stage`)).width / player.width, {
            timeout: 10_000,
          })
          .toBeGreaterThanOrEqual(0.75);
        const picture = await box(`[data-player="${k}"] .player-stage`);
        expect(picture.height / picture.width).toBeCloseTo(1280 / 720, 1);
        const left = picture.x - player.x;
        const right = player.x + player.width - (picture.x + picture.width);
        expect(Math.abs(left - right)).toBeLessThanOrEqual(3);
        const caption = await box(`[data-player="${k}"] figcaption`);
        expect(caption.y + caption.height).toBeLessThanOrEqual(h);
      }
      const play = await box('.transport button:text-is("Play")');
      expect(play.y + play.height).toBeLessThanOrEqual(h);
      const dir = process.env.STRIDELAB_SHOTS;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: join(dir, `review-portrait-${w}.png`) });
      }
    },
    180_000,
  );
});
