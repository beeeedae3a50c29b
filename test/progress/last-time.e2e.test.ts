import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recording } from '../../src-shared/contract/recordings';
import type { GaitAnalysis } from '../../src-shared/gait/schema';
import { generateRunner } from '../../src-shared/gait/synthetic';
import type { LastTimeClip } from '../../src-shared/progress';
import { frameAt } from '../../src-shared/media/timestamps';
import { constantRateTable } from '../../src-shared/review/frames';
import { buildScene, DEFAULT_TOGGLES } from '../../src-shared/review/scene';
import { earlierTimeAt, eventTimes, pairedIndex } from '../../src-shared/review/stride-align';
import { tempDir } from '../helpers/tmp';
import { makeBarcodeClip } from '../review/fixtures/barcode-clip';
import { storeLandmarks } from '../review/fixtures/pose-store';
import { codeOnScreen, settled, startReviewApp, type ReviewApp } from '../review/fixtures/review-app';

/**
 * "Last time vs today" side by side (issue 18 item 2), end to end in Chromium on the built renderer
 * (`npx electron-vite build` first): one patient, two sessions, each a side clip imported through the
 * real ingest. The clips carry their frame number as a bar code, so the test reads from the pixels
 * which frame each player really shows; their landmarks are synthetic runners of different cadence
 * (160 then, 172 now) filmed at different rates (30 fps then, 60 fps now). Stepping today's clip onto
 * each right initial contact must show last time's paired right contact, stride after stride.
 * Screenshots go to $STRIDELAB_SHOTS when set.
 */
let r: ReviewApp;
let page: Page;
let guard: { offsite: string[]; errors: string[] };
let today: Recording;
let before: Recording;
let framesNow = 0;
let framesThen = 0;
const shots = process.env.STRIDELAB_SHOTS;
const work = tempDir('stridelab-last-time-');

async function importInto(sessionId: string, file: string): Promise<Recording> {
  const res = await fetch(`${r.app.server.url}/api/upload?name=${encodeURIComponent('then.mp4')}`, {
    method: 'POST',
    headers: { 'x-stridelab-token': r.app.server.token, 'content-type': 'application/octet-stream' },
    body: readFileSync(file),
  });
  const body = (await res.json()) as { result: { uploadId: string } };
  return r.call<Recording>('recordings:import', {
    sessionId,
    source: { kind: 'upload', uploadId: body.result.uploadId },
    view: 'side',
    condition: { label: 'flat' },
    jobId: 'lasttimejob1x',
    allowDuplicate: true,
  });
}

async function clipWithRunner(fps: number, cadence: number, seed: number, dutyFactor?: number) {
  const runner = generateRunner({
    view: 'side',
    fps,
    cadence,
    durationS: 4,
    width: 640,
    height: 360,
    seed,
    ...(dutyFactor !== undefined && { dutyFactor }),
  });
  const file = await makeBarcodeClip({
    out: join(work.path, `runner-${fps}.mp4`),
    width: 640,
    height: 360,
    rate: String(fps),
    frames: runner.series.frames.length,
  });
  return { runner, file };
}

beforeAll(async () => {
  r = await startReviewApp();
  const session = await r.call<{ patientId: string }>('sessions:get', { id: r.sessionId });
  const earlier = await r.call<{ id: string }>('sessions:create', {
    patientId: session.patientId,
    date: '2026-10-02',
    treadmillSpeedsKmh: [11],
  });
  const now = await clipWithRunner(60, 172, 2);
  // Last time a shorter contact (duty factor 0.28 against 0.36): aligned on the contact, the phase
  // puts last time's toe-off about 2 frames away from where aligning on the toe-off puts it.
  const then = await clipWithRunner(30, 160, 1, 0.28);
  framesNow = now.runner.series.frames.length;
  framesThen = then.runner.series.frames.length;
  today = await r.importClip(now.file, 'side', 'flat');
  before = await importInto(earlier.id, then.file);
  await storeLandmarks(r.app.services.library, today.id, now.runner.series);
  await storeLandmarks(r.app.services.library, before.id, then.runner.series);
  ({ page, guard } = await r.openPage(`#/sessions/${r.sessionId}/review/${today.id}`));
  await page.getByTestId('summary').waitFor({ timeout: 120_000 });
}, 300_000);
afterAll(async () => {
  await r?.close();
  work.cleanup();
});

/** One event of a clip (right initial contact by default), as the one analysis path finds it, in its own clock. */
async function rightContacts(
  id: string,
  fps: number,
  frames: number,
  kind: 'initial-contact' | 'toe-off' = 'initial-contact',
) {
  const clip = await r.call<LastTimeClip>('progress:lastTimeClip', { recordingId: id });
  const table = constantRateTable(frames, fps);
  const ev = clip.events.filter((e) => e.kind === kind && e.foot === 'right');
  const contacts = clip.events.filter((e) => e.kind === 'initial-contact').map((e) => e.frame);
  return {
    table,
    frames: ev.map((e) => e.frame),
    times: eventTimes(ev.map((e) => table.times[e.frame]!)),
    contacts: [...contacts].sort((a, b) => a - b),
  };
}

/** Today's player onto `target`: jump by contacts (]) while one lies before it, then step frame by frame. */
async function goTo(target: number, contacts: readonly number[]): Promise<void> {
  let f = await settled(page, 0);
  if (f > target) {
    await page.keyboard.press('Home');
    f = await settled(page, 0);
  }
  for (let k = 0; k < 40; k++) {
    const next = contacts.find((c) => c > f);
    if (next === undefined || next > target) break;
    await page.keyboard.press(']');
    f = await settled(page, 0);
  }
  for (let k = f; k < target; k++) await page.keyboard.press('ArrowRight');
  expect(await settled(page, 0)).toBe(target);
}

/** The angle labels the last-time player draws on its frame on screen. */
async function lastTimeLabels(frame: number): Promise<string[]> {
  await expect.poll(() => settled(page, 1)).toBe(frame);
  const stage = page.locator('[data-testid="last-time-player"] .overlay-box');
  await expect.poll(async () => (await stage.getAttribute('data-labels')) ?? '').not.toBe('');
  return ((await stage.getAttribute('data-labels')) ?? '').split('|').sort();
}

/** The labels of a clip's frame with the gait engine's angle values (the curves' and the report's). */
async function engineLabels(id: string, frame: number): Promise<string[]> {
  const clip = await r.call<LastTimeClip>('progress:lastTimeClip', { recordingId: id });
  const { analysis } = await r.call<{ analysis: GaitAnalysis }>('gait:analyze', {
    recordingId: id,
    cutoffHz: 'auto',
  });
  const at = clip.series!.frames.findIndex((f) => f.index === frame);
  const valueOf = (gaitId: string, side: 'left' | 'right' | 'body') => {
    const a =
      analysis.angles.find((x) => x.id === gaitId && x.side === side) ??
      analysis.angles.find((x) => x.id === gaitId && x.side === 'body');
    return a?.values[at] ?? undefined;
  };
  return buildScene(clip.series!.frames[at], 'side', DEFAULT_TOGGLES, valueOf)
    .flatMap((p) => (p.kind === 'arc' || p.kind === 'reference' ? [p.label] : []))
    .sort();
}

describe('last time vs today, side by side', () => {
  it('steps both clips together stride by stride on the right initial contact, across frame rates', async () => {
    const bar = page.getByTestId('last-time');
    // One click: the newest earlier visit's clip of the same view and condition.
    await bar.getByRole('button', { name: 'Beside last visit (2026-10-02)' }).click();
    expect(await bar.getByLabel('Last time beside today').inputValue()).toBe(`0:${before.id}`);
    await page.locator('[data-testid="last-time-player"][data-aligned="true"]').waitFor({ timeout: 60_000 });
    // Last time stands in the right player, and the Right player picker names it as it names today's
    // clips (it read "— none —" beside last time's picture on the walk of a returning patient's visit).
    await expect
      .poll(() => page.getByLabel('Right player').locator('option:checked').textContent())
      .toMatch(/^Last time: 2026-10-02 · Side · flat · 11 km\/h.* \(then\.mp4\)$/);
    // Last time's session had 11 km/h on its form, today's none: said, not hidden.
    await expect
      .poll(() => page.getByTestId('last-time-notes').textContent())
      .toContain('speed 11 km/h then, not recorded now');

    const now = await rightContacts(today.id, 60, framesNow);
    const then = await rightContacts(before.id, 30, framesThen);
    expect(now.frames.length).toBeGreaterThanOrEqual(5);
    const pairing = { today: now.times, earlier: then.times, shift: 0 };
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    let seen = 0;
    for (let jumps = 0; jumps < 30 && seen < now.frames.length; jumps++) {
      await page.keyboard.press(']');
      const f = await settled(page, 0);
      const i = now.frames.indexOf(f);
      if (i < 0) continue; // a left contact
      const want = then.frames[pairedIndex(pairing, i)]!;
      expect(await settled(page, 1)).toBe(want);
      // The picture itself: the bar code of last time's frame on screen.
      expect(await codeOnScreen(page, 1)).toBe(want);
      seen++;
    }
    expect(seen).toBe(now.frames.length);

    // Mid-stride: last time's frame follows by phase (3 frames at 60 fps after today's 2nd contact).
    await page.keyboard.press('Home');
    for (let k = 0; k < 40 && (await settled(page, 0)) !== now.frames[1]; k++) await page.keyboard.press(']');
    for (let k = 0; k < 9; k++) await page.keyboard.press('ArrowRight');
    const mid = now.frames[1]! + 9;
    expect(await settled(page, 0)).toBe(mid);
    const expected = frameAt(then.table.times, earlierTimeAt(pairing, now.table.times[mid]!)!);
    expect(await settled(page, 1)).toBe(expected);
    expect(expected).toBeGreaterThan(then.frames[pairedIndex(pairing, 1)]!);
    // Last time's angle labels are the engine's values, as today's are, not the angles measured on
    // the drawn points (which read trunk -10° then beside 10° now on the same frame of the sample clip).
    expect(await lastTimeLabels(expected)).toEqual(await engineLabels(before.id, expected));

    // Last time's next stride with today's: the same contact of today shows the next one of then.
    await page.keyboard.press('Home');
    for (let k = 0; k < 40 && (await settled(page, 0)) !== now.frames[0]; k++) await page.keyboard.press(']');
    await bar.getByRole('button', { name: 'Last time\u2019s next stride' }).click();
    await expect.poll(() => settled(page, 1)).toBe(then.frames[1]);
    expect(await page.getByTestId('last-time-stride').textContent()).toMatch(/^stride 2 of \d+/);
    await bar.getByRole('button', { name: 'Last time\u2019s previous stride' }).click();
    await expect.poll(() => settled(page, 1)).toBe(then.frames[0]);
    expect(guard.errors, guard.errors.join('\n')).toEqual([]);
  }, 240_000);

  it('aligned on the chosen event: on right toe-off each of today\u2019s toe-offs shows last time\u2019s', async () => {
    const bar = page.getByTestId('last-time');
    const now = await rightContacts(today.id, 60, framesNow, 'toe-off');
    const then = await rightContacts(before.id, 30, framesThen, 'toe-off');
    const nowIc = await rightContacts(today.id, 60, framesNow);
    const thenIc = await rightContacts(before.id, 30, framesThen);
    expect(now.frames.length).toBeGreaterThanOrEqual(4);
    const onToeOff = { today: now.times, earlier: then.times, shift: 0 };
    const onContact = { today: nowIc.times, earlier: thenIc.times, shift: 0 };
    // What aligning on the contact would show at today's toe-offs: the test is only worth its name
    // if the choice changes last time's frame somewhere (the shorter contact of last time).
    const byContact = now.frames.map((f) => {
      const t = earlierTimeAt(onContact, now.table.times[f]!);
      return t === undefined ? undefined : frameAt(then.table.times, t);
    });
    const byToeOff = now.frames.map((_, i) => then.frames[pairedIndex(onToeOff, i)]!);
    expect(byToeOff.some((f, i) => byContact[i] !== undefined && Math.abs(f - byContact[i]!) >= 1)).toBe(
      true,
    );

    await bar.getByLabel('Aligned on').selectOption({ label: 'Right toe-off' });
    await page.locator('[data-testid="last-time-player"][data-aligned="true"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('last-time-stride').textContent()).toMatch(/^stride 1 of \d+/);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < now.frames.length; i++) {
      await goTo(now.frames[i]!, nowIc.contacts);
      expect(await settled(page, 1)).toBe(byToeOff[i]);
      expect(await codeOnScreen(page, 1)).toBe(byToeOff[i]);
    }
    // Back on the right contact: the same toe-off of today shows the contact's phase again.
    await bar.getByLabel('Aligned on').selectOption({ label: 'Right initial contact' });
    const last = now.frames.length - 1;
    if (byContact[last] !== undefined) await expect.poll(() => settled(page, 1)).toBe(byContact[last]);
    expect(guard.errors, guard.errors.join('\n')).toEqual([]);
  }, 240_000);

  it('draws last time\u2019s skeleton over today\u2019s picture when the ghost is on', async () => {
    const magenta = () =>
      page.locator('[data-player="0"] .overlay-stage canvas').evaluateAll((canvases) => {
        let n = 0;
        for (const el of canvases) {
          const c = el as unknown as {
            width: number;
            height: number;
            getContext(k: '2d'): { getImageData(...a: number[]): { data: ArrayLike<number> } };
          };
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 0; i < d.length; i += 4)
            if (d[i]! > 200 && d[i + 1]! < 130 && d[i + 2]! > 170 && d[i + 3]! > 100) n++;
        }
        return n;
      });
    expect(await magenta()).toBe(0);
    await page.getByLabel('Ghost of last time over today').check();
    await expect.poll(magenta).toBeGreaterThan(200);
    await expect.poll(() => page.getByTestId('last-time-notes').textContent()).toContain('hip centre');
    if (shots) await page.screenshot({ path: join(shots, 'last-time-ghost.png'), fullPage: true });
    await page.getByLabel('Ghost of last time over today').uncheck();
    await expect.poll(magenta).toBe(0);
    await page.getByTestId('last-time').getByRole('button', { name: 'Close last time' }).click();
    await expect.poll(() => page.getByTestId('last-time-player').count()).toBe(0);
    // The Right player picker's "— none —" takes last time's player away too, and says "— none —" again.
    await page
      .getByTestId('last-time')
      .getByRole('button', { name: 'Beside last visit (2026-10-02)' })
      .click();
    await page.getByTestId('last-time-player').waitFor({ timeout: 60_000 });
    await page.getByLabel('Right player').selectOption({ label: '— none —' });
    await expect.poll(() => page.getByTestId('last-time-player').count()).toBe(0);
    expect(await page.getByLabel('Right player').locator('option:checked').textContent()).toBe('— none —');
    expect(guard.errors, guard.errors.join('\n')).toEqual([]);
    expect(guard.offsite).toEqual([]);
  }, 120_000);
});
