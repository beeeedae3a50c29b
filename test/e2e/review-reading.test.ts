import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Recording } from '../../src-shared/contract/recordings';
import { analyzeGait } from '../../src-shared/gait';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { cycleGap } from '../../src-shared/review/curve-gaps';
import type { Measurement } from '../../src-shared/review/measure';
import { ZOOM_STEP } from '../../src-shared/review/zoom';
import { setHash, settled, type ReviewApp } from '../review/fixtures/review-app';
import { reviewSession } from './review-session';

/**
 * A review a PT can read with the patient beside them, in Chromium on the built renderer: the
 * portrait treadmill clip (720 × 1280, imported through the real ingest, with its real MediaPipe
 * landmarks) uses the window's height; zoom from the keys and the wheel, pan by dragging; measure
 * tools on their keys, their points still exact under the zoom, the angle given as flexion; legends;
 * the curves' playhead and the missing side said; one player in the whole space; choosing another
 * clip keeps the moment; the clip title carries the session's speed and incline.
 */
let r: ReviewApp;
let page: Page;
let guard: { offsite: string[]; errors: string[] };
let flat: Recording;
let incline: Recording;
let series: LandmarkSeries;

reviewSession(
  {
    session: { date: '2026-11-20', treadmillSpeedsKmh: [11], treadmillInclinesPct: [0, 5] },
    clips: [
      { view: 'side', condition: 'flat' },
      { view: 'side', condition: 'incline' },
    ],
    open: { review: [0] },
    waitFor: 'summary',
    settle: true,
  },
  async (s) => {
    ({
      r,
      page,
      guard,
      clips: [flat, incline],
    } = s);
    series = await r.call<LandmarkSeries>('pose:series', { recordingId: flat.id });
  },
);

/** An element's inline style, as the node-side type-check knows no DOM types. */
interface Styled {
  readonly style: { readonly transform: string; readonly display: string; readonly left: string };
}

const stage = (k = 0) => page.locator(`[data-player="${k}"] .player-stage`);
const zoomLevel = async (k = 0) => Number(await stage(k).getAttribute('data-zoom'));
const transform = (k = 0) =>
  page
    .locator(`[data-player="${k}"] .player-zoom`)
    .evaluate((el) => (el as unknown as Styled).style.transform);

describe('one portrait clip', () => {
  it('says the condition with the speed and incline typed on the session form', async () => {
    expect(await page.locator('[data-player="0"] .player-title').textContent()).toBe(
      'Side · flat · 11 km/h · 0 % incline',
    );
  });

  it('uses the height of the window for a portrait clip', async () => {
    const box = (await stage().boundingBox())!;
    // 1000 px window: it used to stop at 60 % of it (600 px).
    expect(box.height).toBeGreaterThan(700);
    expect(box.height / box.width).toBeCloseTo(1280 / 720, 1);
  });

  it('zooms with Z, Shift+Z and 0, and with the wheel at the pointer', async () => {
    expect(await zoomLevel()).toBe(1);
    await page.keyboard.press('z');
    await expect.poll(zoomLevel).toBeCloseTo(ZOOM_STEP, 2);
    await page.keyboard.press('z');
    await expect.poll(zoomLevel).toBeCloseTo(ZOOM_STEP ** 2, 2);
    await page.keyboard.press('Shift+Z');
    await expect.poll(zoomLevel).toBeCloseTo(ZOOM_STEP, 2);
    await page.keyboard.press('0');
    await expect.poll(zoomLevel).toBe(1);
    const box = (await stage().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8);
    await page.mouse.wheel(0, -200);
    await expect.poll(zoomLevel).toBeCloseTo(ZOOM_STEP ** 2, 2);
    // The playback speed keys are untouched by the zoom.
    expect(await page.getByTestId('rate').textContent()).toBe('1×');
  });

  it('pans a zoomed picture by dragging, and never past its edges', async () => {
    const box = (await stage().boundingBox())!;
    const before = await transform();
    await page.mouse.move(box.x + 200, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 260, box.y + 340, { steps: 4 });
    await page.mouse.up();
    await expect.poll(transform).not.toBe(before);
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 10, box.y + box.height - 10, { steps: 4 });
    await page.mouse.up();
    // Dragged far to the bottom right: the picture's top left corner stops at the box's.
    await expect.poll(transform).toMatch(/^translate\(0px, 0px\) scale\(/);
    await page.keyboard.press('0');
    await expect.poll(zoomLevel).toBe(1);
  });

  it('arms the measure tools from their keys; points clicked on a zoomed picture land where clicked', async () => {
    await page.keyboard.press('z');
    await page.keyboard.press('z');
    await expect.poll(zoomLevel).toBeCloseTo(ZOOM_STEP ** 2, 2);
    const z = await zoomLevel();
    const t = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(await transform())!;
    const [tx, ty] = [Number(t[1]), Number(t[2])];
    const box = (await stage().boundingBox())!;
    const k = (box.width / 720) * z;
    await page.keyboard.press('d');
    expect(await page.getByRole('button', { name: /^Distance/ }).getAttribute('aria-pressed')).toBe('true');
    const frame = await settled(page, 0);
    await page.mouse.click(box.x + 100, box.y + 100);
    await page.mouse.click(box.x + 100, box.y + 300);
    const saved = async () =>
      (await r.call<Measurement[]>('review:measurements', { sessionId: r.sessionId })).filter(
        (m) => m.frame === frame,
      );
    await expect.poll(async () => (await saved()).length).toBe(1);
    const [m] = await saved();
    const want = [
      [(100 - tx) / k, (100 - ty) / k],
      [(100 - tx) / k, (300 - ty) / k],
    ];
    // Within about a screen pixel (mouse positions are whole pixels); a pick that ignored the zoom
    // would be off by a hundred.
    m!.points.forEach((p, i) => {
      expect(Math.abs(p[0] - want[i]![0]!)).toBeLessThan(1.5);
      expect(Math.abs(p[1] - want[i]![1]!)).toBeLessThan(1.5);
    });
    await page.keyboard.press('d');
    expect(await page.getByRole('button', { name: /^Distance/ }).getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('0');
  });

  it('gives a three-point angle as flexion, as the overlay does', async () => {
    await page.keyboard.press('a');
    const box = (await stage().boundingBox())!;
    const [cx, cy] = [box.x + 150, box.y + 400];
    // Thigh straight up from the knee, shank down and forward at 45°: 135° between, 45° of flexion.
    await page.mouse.click(cx, cy - 100);
    await page.mouse.click(cx, cy);
    await page.mouse.click(cx + 100, cy + 100);
    await expect
      .poll(() => page.getByTestId('measurements').textContent())
      .toContain('45.0° flexion (135.0° between the lines)');
    await page.keyboard.press('Escape');
  });

  it('explains the overlay colours, the timeline and the step table marks', async () => {
    const overlay = await page.getByTestId('overlay-legend').textContent();
    for (const words of ['left side', 'right side', 'reference line', 'unsure'])
      expect(overlay).toContain(words);
    const timeline = await page.getByTestId('timeline-legend').textContent();
    for (const words of ['initial contact', 'toe-off', 'key frame', 'frame on screen'])
      expect(timeline).toContain(words);
    expect(await page.getByTestId('step-legend').textContent()).toContain('left out of the averages');
  });

  it('marks the playhead on the curves, and says why a side has no cycle curve', async () => {
    const marker = page.locator('[data-testid="curves"] .chart-marker').first();
    await expect.poll(() => marker.evaluate((el) => (el as unknown as Styled).style.display)).toBe('block');
    const at = () => marker.evaluate((el) => (el as unknown as Styled).style.left);
    const before = await at();
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    await settled(page, 0);
    await expect.poll(at).not.toBe(before);
    // The same engine on the same landmarks (the clip is not trimmed): what is missing, and why.
    const gait = analyzeGait({ series, view: 'side' });
    const pick = page.locator('.curve-pick select');
    const angle = await pick.inputValue();
    const label = await pick.locator('option:checked').textContent();
    const want = (['left', 'right'] as const).flatMap((s) => cycleGap(gait, angle, s, label!) ?? []);
    // The page's own analysis counts strides after its event detection in the worker; the side and
    // the reason are what must agree.
    const shown = await page.getByTestId('curve-gap').allTextContents();
    expect(shown.map((g) => g.split(':')[0])).toEqual(want.map((g) => g.split(':')[0]));
    expect(shown.length).toBeGreaterThan(0);
    for (const g of shown)
      expect(g).toMatch(/^(Left|Right): no curve, only \d+ of \d+ (left|right) strides (has|have) the angle/);
  });

  it('gives both angle charts a y scale a PT can read a value off', async () => {
    // The time chart used to print a single "0": now 4–6 nice ticks in degrees, over the data.
    const boxes = page.locator('[data-testid="curves"] .uplot-box');
    await expect.poll(() => boxes.nth(0).getAttribute('data-y-ticks')).toBeTruthy();
    for (const k of [0, 1]) {
      const labels = (await boxes.nth(k).getAttribute('data-y-ticks'))!.split('|');
      expect(labels.length).toBeGreaterThanOrEqual(3);
      expect(labels.length).toBeLessThanOrEqual(6);
      for (const l of labels) expect(l).toMatch(/^-?\d+(\.\d+)?°$/);
      const v = labels.map((l) => Number.parseFloat(l));
      const steps = v.slice(1).map((x, i) => x - v[i]!);
      expect(new Set(steps).size).toBe(1);
    }
  });
});

describe('two players', () => {
  it('keeps the moment when a player gets another clip, and shows one player alone with F', async () => {
    const n = await settled(page, 0);
    expect(n).toBeGreaterThan(0);
    await page.getByLabel('Right player').selectOption(incline.id);
    await page.locator('[data-player="1"]').waitFor();
    expect(await settled(page, 0)).toBe(n);
    expect(await settled(page, 1)).toBe(n);
    expect(await page.locator('[data-player="1"] .player-title').textContent()).toBe(
      'Side · incline · 11 km/h · 5 % incline',
    );
    await page.keyboard.press('f');
    await page.locator('[data-player="1"]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-player]').count()).toBe(1);
    await page.getByRole('button', { name: 'All players' }).click();
    await page.locator('[data-player="1"]').waitFor();
    await page.getByLabel('Right player').selectOption('');
    await page.locator('[data-player="1"]').waitFor({ state: 'detached' });
    expect(await settled(page, 0)).toBe(n);
    await setHash(page, `#/sessions/${r.sessionId}`);
    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
  });
});
