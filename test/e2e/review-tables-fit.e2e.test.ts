import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reviewSession } from './review-session';

/**
 * Review's Summary and Steps tables inside their panels, in Chromium on the built renderer, at the
 * clinic laptop's 1366x768 and at 1920x1080: the sample clip (720x1280) as the side and the rear
 * view of one condition, with its real landmarks. Walking the page at 1440 px, the Summary table
 * was 24 px and the Steps table 18 px wider than their panels: the L − R and Ground contact columns
 * were cut off, their scrollbar some 2000 px down the page. Now each table fits its panel, for
 * either clip active, the page does not scroll sideways, and the head's two player pickers sit on
 * one line with their boxes the same size. With STRIDELAB_SHOTS set, pictures of the window.
 */
let page: Page;

// A clinic's names: a condition spelled out and a phone's file name, long enough that the head's
// two pickers no longer sat on one line at 1366 px and their boxes were staggered.
const condition = 'shod, 12 km/h, 1 % incline, after the 10 min warm-up';
reviewSession(
  {
    clips: [
      { view: 'side', condition },
      { view: 'rear', condition, name: 'PXL_20261207_141502318.TS.rear-camera.mp4' },
    ],
    open: { review: [0, 1] },
  },
  (s) => ({ page } = s),
);

/** How far each table and its panel reach past the panel's own box, and the page past the window. */
async function overflow(): Promise<Record<string, number>> {
  return page.evaluate(() => {
    interface El {
      readonly scrollWidth: number;
      readonly clientWidth: number;
      getBoundingClientRect(): { right: number };
    }
    const doc = (
      globalThis as unknown as { document: { documentElement: El; querySelector(s: string): El | null } }
    ).document;
    const out: Record<string, number> = {
      page: doc.documentElement.scrollWidth - doc.documentElement.clientWidth,
    };
    for (const [name, testid] of [
      ['Summary', 'summary'],
      ['Steps', 'step-table'],
    ]) {
      const panel = doc.querySelector(`section[aria-label="${name}"]`)!;
      const table = doc.querySelector(`[data-testid="${testid}"]`)!;
      out[`${name} panel`] = panel.scrollWidth - panel.clientWidth;
      out[`${name} table`] = Math.ceil(
        table.getBoundingClientRect().right - (panel.getBoundingClientRect().right - 8),
      );
    }
    return out;
  });
}

describe('the Summary and Steps tables fit their panels', () => {
  it.each([
    [1366, 768],
    [1920, 1080],
  ])(
    'at %ix%i, side and rear active, and the player pickers line up',
    async (w, h) => {
      await page.setViewportSize({ width: w, height: h });
      const dir = process.env.STRIDELAB_SHOTS;
      await page.locator('.clip-pick select').nth(1).waitFor();
      const pickers = await page.locator('.clip-pick select').evaluateAll((els) =>
        els.map((e) => {
          const b = e.getBoundingClientRect();
          return { x: b.x, y: b.y, w: b.width, h: b.height };
        }),
      );
      if (dir) {
        mkdirSync(dir, { recursive: true });
        await page.locator('.page-head').screenshot({ path: join(dir, `head-${w}.png`) });
      }
      const found: Record<string, number> = {};
      for (const k of [0, 1]) {
        // The panels follow the active player: keys 1 and 2 choose it (keymap.ts).
        await page.keyboard.press(String(k + 1));
        await page.locator(`[data-player="${k}"].active`).waitFor();
        await page.locator('[data-testid="summary"] [data-testid="mean-interval"]').first().waitFor({
          timeout: 120_000,
        });
        await page.locator('[data-testid="step-table"] tbody tr').first().waitFor();
        const o = await overflow();
        for (const [what, px] of Object.entries(o)) found[`${what}, ${k ? 'rear' : 'side'}`] = px;
        if (dir) await page.locator('.review-panels').screenshot({ path: join(dir, `tables-${w}-${k}.png`) });
      }
      for (const [what, px] of Object.entries(found)) expect(px, what).toBeLessThanOrEqual(0);
      expect(pickers).toHaveLength(2);
      expect(Math.abs(pickers[0]!.y - pickers[1]!.y)).toBeLessThanOrEqual(1);
      expect(Math.abs(pickers[0]!.w - pickers[1]!.w)).toBeLessThanOrEqual(1);
    },
    180_000,
  );
});
