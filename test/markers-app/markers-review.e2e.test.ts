import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { analyzeGait } from '../../src-shared/gait';
import type { MarkerTracks } from '../../src-shared/contract/markers';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { Recording } from '../../src-shared/contract/recordings';
import { reviewSession, sideClipReview } from '../e2e/review-session';
import { setHash, settled, videoPointOnScreen, type ReviewApp } from '../review/fixtures/review-app';
import { readSeries, TREADMILL_CLIP, TREADMILL_LANDMARKS } from '../review/fixtures/pose-store';
import { markersOnSample, sampleTiltDeg, type MarkerTruth } from './marker-clip';

/**
 * A PT's whole task with taped markers (issue 15, "done when"), end to end in Chromium on the built
 * renderer and the real services: the sample treadmill run with an ASIS and a PSIS marker drawn on
 * the runner's pelvis at a designed pelvic tilt (truth), imported through the real ingest, with the
 * clip's real MediaPipe landmarks. In Review the PT switches Markers mode on, finds the bright
 * markers on the first frame, names two of them, tracks them (progress, background), and reads
 * pelvic tilt at initial contact per side with its source; drags a marker to correct it and undoes.
 */
let r: ReviewApp;
let page: Page;
let guard: { offsite: string[]; errors: string[] };
let rec: Recording;
let truth: MarkerTruth[];
const series: LandmarkSeries = readSeries(TREADMILL_LANDMARKS);

const CACHE = join(tmpdir(), 'stridelab-markers-e2e');
const CLIP = join(CACHE, 'treadmill-side-markers.mp4');

beforeAll(async () => {
  mkdirSync(CACHE, { recursive: true });
  ({ truth } = await markersOnSample(TREADMILL_CLIP, series, CLIP));
}, 300_000);
reviewSession(
  sideClipReview({ file: CLIP, series }),
  (s) =>
    ({
      r,
      page,
      guard,
      clips: [rec],
    } = s),
);

const screenOf = (x: number, y: number) => videoPointOnScreen(page, x, y, series.source.width);

const point = (name: string, frame: number) => truth.find((t) => t.name === name)!.points[frame]!;

describe('skin markers in Review', () => {
  /** Pelvic tilt at initial contact per side, as Review's marker table shows it. */
  let shown = { left: '', right: '' };
  it('names two markers once, tracks them, shows pelvic tilt per side from the markers, corrects one', async () => {
    const frame = truth[0]!.points.findIndex((p) => p !== null);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < frame; i++) await page.keyboard.press('ArrowRight');
    expect(await settled(page, 0)).toBe(frame);

    await page.getByRole('button', { name: 'Markers mode', exact: true }).click();
    await page.getByRole('button', { name: `Find bright markers on frame ${frame}` }).click();
    await expect.poll(() => page.getByTestId('markers-message').textContent()).toMatch(/possible marker/);
    await page.screenshot({ path: '/tmp/markers-found.png' });

    for (const [name, label] of [
      ['rightAsis', 'Right ASIS'],
      ['rightPsis', 'Right PSIS'],
    ] as const) {
      const at = await screenOf(point(name, frame).x, point(name, frame).y);
      await page.mouse.click(at.x, at.y);
      await page.getByTestId('marker-naming').waitFor();
      await page
        .getByLabel('Other marker name')
        .selectOption(name)
        .catch(async () => {
          // Suggested names are buttons, not in the other-names list.
          await page.getByTestId('marker-naming').getByRole('button', { name: label }).click();
        });
      await expect.poll(() => page.getByTestId('markers-message').textContent()).toBe(`Named ${label}.`);
    }
    await expect.poll(() => page.getByTestId('marker-names').textContent()).toMatch(/Right ASIS.*Right PSIS/);
    await page.screenshot({ path: '/tmp/markers-named.png' });

    await page.getByRole('button', { name: 'Track markers' }).click();
    const row = page.getByTestId('marker-variable-pelvic-tilt-ic');
    await row.waitFor({ timeout: 120_000 });
    expect(await row.getAttribute('data-source')).toBe('markers');
    expect(await row.textContent()).toMatch(/right ASIS and PSIS markers/);

    // Review's summary beside it names each variable's source: the pelvis markers measure no
    // landmark variable, so the knee stays the pose landmarks' (hybrid analysis).
    const knee = page.getByTestId('variable-knee-flexion-ic');
    expect(await knee.getAttribute('data-source')).toBe('landmarks');
    expect(await knee.getByTestId('variable-source').textContent()).toBe('from pose landmarks');

    shown = { left: '', right: '' };
    for (const side of ['left', 'right'] as const)
      shown[side] = (await row.locator(`td[data-side="${side}"]`).textContent())!;
    await page.screenshot({ path: '/tmp/markers-tracked.png', fullPage: true });

    // Drag the ASIS 12 px down on the frame on screen: a hand correction; Ctrl+Z gives it back.
    const tracks = () => r.call<MarkerTracks>('markers:tracks', { recordingId: rec.id });
    const asis = (await tracks()).tracks.find((t) => t.name === 'rightAsis')!.points[frame]!;
    const from = await screenOf(asis.x, asis.y);
    const to = await screenOf(asis.x, asis.y + 12);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await tracks()).corrections.length).toBe(1);
    const moved = (await tracks()).tracks.find((t) => t.name === 'rightAsis')!.points[frame]!;
    expect(moved.state).toBe('hand');
    expect(Math.abs(moved.y - (asis.y + 12))).toBeLessThan(2);
    // The review says so once the move is in its history; then Ctrl+Z undoes it.
    await expect
      .poll(() => page.getByTestId('markers-message').textContent())
      .toBe(`Moved the Right ASIS marker on frame ${frame}.`);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await tracks()).corrections.length).toBe(0);

    // The report: the marker rows with their source, and the markers on the side key frames.
    await page.keyboard.press('Control+p');
    const rows = page.getByTestId('marker-rows');
    await rows.waitFor({ timeout: 120_000 });
    expect(await rows.locator('[data-testid="marker-row-pelvic-tilt-ic"]').getAttribute('data-source')).toBe(
      'markers',
    );
    expect(await rows.textContent()).toMatch(/Skin markers \(right ASIS and PSIS markers\)/);
    // The values-against-references table names the source of every row (issue 15 item 3): here
    // each is the pose landmarks', the pelvis markers having no landmark counterpart.
    const variables = page.getByTestId('variable-row');
    const count = await variables.count();
    expect(count).toBeGreaterThan(8);
    const sources = await variables.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-source'),
        tr.querySelector('[data-testid="row-source"]')?.textContent ?? null,
      ]),
    );
    expect(sources).toEqual(Array.from({ length: count }, () => ['landmarks', 'Source: pose landmarks']));
    await expect
      .poll(() => page.locator('[data-testid="keyframe-markers"] circle').count())
      .toBeGreaterThan(1);
    await rows.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/markers-report-rows.png' });
    await page.locator('[data-testid="keyframe-markers"]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/markers-report-keyframes.png' });
    // One key frame at three device pixels a pixel, to look at the markers drawn over the picture.
    const big = await r.browser.newPage({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 3 });
    await big.goto(r.app.server.appUrl);
    await big.waitForSelector('body[data-ready="true"]');
    await setHash(big, `#/sessions/${r.sessionId}/report`);
    const figure = big
      .getByTestId('keyframe')
      .filter({ has: big.getByTestId('keyframe-markers') })
      .first();
    await figure.waitFor({ timeout: 120_000 });
    await figure.screenshot({ path: '/tmp/markers-report-keyframe.png' });
    await big.close();

    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
  }, 300_000);

  // The tracker once lost the PSIS disc on the runner's light clothing here at frame 2 (docs/markers.md,
  // "Tracking": the local search now cuts at several levels and weighs blobs by their looks); the
  // core alone on this clip is test/markers-app/sample-tracking.test.ts.
  it('shows the designed pelvic tilt within 1° per side', () => {
    // The truth: the designed tilt at the engine's contacts, averaged per side.
    const gait = analyzeGait({ series, view: 'side' });
    const meanAt = (side: 'left' | 'right') => {
      const ts = gait.events.filter((e) => e.kind === 'initial-contact' && e.side === side).map((e) => e.t);
      return ts.reduce((a, t) => a + sampleTiltDeg(t), 0) / ts.length;
    };
    for (const side of ['left', 'right'] as const) {
      const value = Number(/(-?\d+\.\d)°/.exec(shown[side])![1]);
      expect(Math.abs(value - meanAt(side)), `${side}: ${shown[side]}`).toBeLessThan(1);
    }
  });
});
