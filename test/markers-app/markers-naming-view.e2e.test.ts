import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { reviewSession, sideClipReview } from '../e2e/review-session';
import { settled } from '../review/fixtures/review-app';
import { readSeries, TREADMILL_CLIP, TREADMILL_LANDMARKS } from '../review/fixtures/pose-store';
import { markersOnSample, type MarkerTruth } from './marker-clip';

/**
 * Naming the markers at a clinic's screen size (1366x768): the sample treadmill run (a portrait
 * clip) with an ASIS and a PSIS drawn on the pelvis, imported through the real ingest with its real
 * landmarks. Walking it, the PT pressed "Find bright markers" under the player and the candidates
 * were ringed on a picture scrolled out of view; a click on one asked "which is it?" below the fold,
 * so each marker named cost a scroll down and back up. The picture and the question are now in
 * view together, the question beside the picture, clear of the marker clicked.
 */
let page: Page;
let guard: { offsite: string[]; errors: string[] };
let truth: MarkerTruth[];
const series: LandmarkSeries = readSeries(TREADMILL_LANDMARKS);

// The same cached clip as markers-review.e2e (marker-clip.ts: written once, renamed into place).
const CACHE = join(tmpdir(), 'stridelab-markers-e2e');
const CLIP = join(CACHE, 'treadmill-side-markers.mp4');
const shots = process.env.STRIDELAB_SHOTS;

beforeAll(async () => {
  mkdirSync(CACHE, { recursive: true });
  ({ truth } = await markersOnSample(TREADMILL_CLIP, series, CLIP));
}, 300_000);
reviewSession(
  { ...sideClipReview({ file: CLIP, series }), viewport: { width: 1366, height: 768 } },
  (s) => ({ page, guard } = s),
);

/** The element's box lies wholly in the window (no scrolling needed to see it). */
async function inView(l: Locator): Promise<{ top: number; bottom: number; inside: boolean }> {
  const b = (await l.boundingBox())!;
  const h = page.viewportSize()!.height;
  return {
    top: Math.round(b.y),
    bottom: Math.round(b.y + b.height),
    inside: b.y >= 0 && b.y + b.height <= h,
  };
}

describe('naming skin markers at 1366x768', () => {
  it('rings the candidates on a picture in view, and asks which marker it is beside the picture', async () => {
    const frame = truth[0]!.points.findIndex((p) => p !== null);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < frame; i++) await page.keyboard.press('ArrowRight');
    expect(await settled(page, 0)).toBe(frame);

    await page.getByRole('button', { name: 'Markers mode', exact: true }).click();
    // The PT reaches the panel's button under the player, as a mouse user does.
    const find = page.getByRole('button', { name: `Find bright markers on frame ${frame}` });
    await find.scrollIntoViewIfNeeded();
    await find.click();
    await expect.poll(() => page.getByTestId('markers-message').textContent()).toMatch(/possible marker/);
    const picture = page.locator('[data-player="0"] .overlay-box');
    // What was found is shown where it was found: the picture, whole, in the window.
    expect(await inView(picture)).toMatchObject({ inside: true });

    const box = (await picture.boundingBox())!;
    const k = box.width / series.source.width;
    for (const [name, label] of [
      ['rightAsis', 'Right ASIS'],
      ['rightPsis', 'Right PSIS'],
    ] as const) {
      // Clicked where the marker is on screen now, without scrolling.
      const p = truth.find((t) => t.name === name)!.points[frame]!;
      const at = { x: box.x + p.x * k, y: box.y + p.y * k };
      await page.mouse.click(at.x, at.y);
      const naming = page.getByTestId('marker-naming');
      await naming.waitFor();
      if (shots) await page.screenshot({ path: join(shots, `markers-naming-${name}.png`) });
      // The question and the picture in the window together, the question off the marker clicked.
      expect(await inView(naming)).toMatchObject({ inside: true });
      expect(await inView(picture)).toMatchObject({ inside: true });
      const q = (await naming.boundingBox())!;
      const covers = at.x >= q.x && at.x <= q.x + q.width && at.y >= q.y && at.y <= q.y + q.height;
      expect(covers).toBe(false);
      const suggested = naming.getByRole('button', { name: label, exact: true });
      if (await suggested.count()) await suggested.click();
      else await naming.getByLabel('Other marker name').selectOption(name);
      await expect.poll(() => page.getByTestId('markers-message').textContent()).toBe(`Named ${label}.`);
      // Answered: the question goes, the picture stays where it was.
      expect(await naming.count()).toBe(0);
      expect(await inView(picture)).toMatchObject({ inside: true });
    }
    await expect.poll(() => page.getByTestId('marker-names').textContent()).toMatch(/Right ASIS.*Right PSIS/);
    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
  }, 180_000);
});
