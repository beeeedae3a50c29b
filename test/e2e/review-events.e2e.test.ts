import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { holdCalls } from '../helpers/late-calls';
import type { GaitAnalysis } from '../../src-shared/gait';
import { Landmark, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { Recording } from '../../src-shared/contract/recordings';
import { settled, type ReviewApp } from '../review/fixtures/review-app';
import { appAnalysis, reviewSession, sideClipReview } from './review-session';

/**
 * Gait-event correction in the review (issue 20 item 3), end to end in Chromium on the sample
 * treadmill clip with its real MediaPipe landmarks: `I` on a frame two after a detected left contact
 * moves that contact; the step table, the summary and the timeline follow; Ctrl+Z / Ctrl+Shift+Z walk
 * it; it is kept over a reload; the panel's Delete button removes it (undoable), and the clip's events
 * export in the hand-label format. Keys pressed before the review's saved work is read (an event, a
 * key frame, a landmark point) build on that work once it is read.
 */
let r: ReviewApp;
let page: Page;
let guard: { offsite: string[]; errors: string[] };
let rec: Recording;
let gait: GaitAnalysis;
let series: LandmarkSeries;

reviewSession(sideClipReview(), async (s) => ({ r, page, guard, rec, series, gait } = await appAnalysis(s)));

const edits = () => r.call<unknown[]>('review:eventEdits', { recordingId: rec.id });
const status = () => page.locator('.transport [role="status"]').textContent();
const leftIcMark = (frame: number) =>
  page.locator(`[data-testid="timeline"] .lane.left .ev.ic[data-frame="${frame}"]`);
const row = (frame: number) => page.locator(`[data-testid="step-table"] tbody tr[data-ic-frame="${frame}"]`);

describe('correcting a gait event by hand', () => {
  it('moves a left contact with I, every value follows, undo / redo, kept over a reload, deleted by mouse', async () => {
    // A clean left step (the summary's mean is over clean steps), away from the clip's ends.
    const step = gait.variables
      .find((v) => v.id === 'knee-flexion-ic')!
      .left.values.filter((v) => v.clean)[2]!;
    const ic = step.frame;
    const to = ic + 2;
    const cell = page.locator('[data-testid="variable-knee-flexion-ic"] td[data-side="left"]');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < 40 && (await settled(page, 0)) < ic; i++) await page.keyboard.press(']');
    expect(await settled(page, 0)).toBe(ic);
    await expect.poll(() => leftIcMark(ic).count()).toBe(1);
    const before = await cell.textContent();
    // The step's knee flexion at contact (the step table's first value column).
    const kneeOf = (frame: number) => row(frame).locator('td').nth(2).textContent();
    const rowBefore = await kneeOf(ic);

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await settled(page, 0)).toBe(to);
    await page.keyboard.press('i');
    await expect.poll(status).toBe(`Left initial contact moved from frame ${ic} to ${to}.`);
    await expect.poll(edits).toEqual([{ op: 'move', kind: 'initial-contact', side: 'left', from: ic, to }]);
    // The analysis follows: the timeline's mark, the step's row (its frame, its values, ✎), the summary.
    await expect.poll(() => leftIcMark(to).getAttribute('class')).toMatch(/corrected/);
    await expect.poll(() => leftIcMark(ic).count()).toBe(0);
    await expect.poll(() => row(to).getAttribute('data-corrected')).toBe('true');
    expect(await kneeOf(to)).not.toBe(rowBefore);
    await expect.poll(() => cell.textContent()).not.toBe(before);
    const after = await cell.textContent();
    expect(await page.getByTestId('events-count').textContent()).toContain('1 correction by hand');
    await page.screenshot({ path: '/tmp/review-events-corrected.png', fullPage: true });

    // Undo and redo through the review's one history.
    await page.keyboard.press('Control+z');
    await expect.poll(edits).toEqual([]);
    await expect.poll(() => cell.textContent()).toBe(before);
    await expect.poll(() => leftIcMark(ic).count()).toBe(1);
    await expect.poll(() => leftIcMark(to).count()).toBe(0);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(edits).toHaveLength(1);
    await expect.poll(() => cell.textContent()).toBe(after);

    // Stored: a reload shows the corrected contact and the same numbers.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByTestId('summary').waitFor();
    await expect.poll(() => leftIcMark(to).getAttribute('class')).toMatch(/corrected/);
    await expect.poll(() => cell.textContent()).toBe(after);

    // The mouse: go to the corrected contact from its row, delete it with the panel's button, undo.
    await row(to).click();
    expect(await settled(page, 0)).toBe(to);
    await page.getByRole('button', { name: 'Delete event here' }).click();
    await expect.poll(() => leftIcMark(to).count()).toBe(0);
    await expect.poll(() => row(to).count()).toBe(0);
    await expect.poll(edits).toHaveLength(2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => leftIcMark(to).getAttribute('class')).toMatch(/corrected/);
    await expect.poll(edits).toHaveLength(1);

    // Export: the clip's events in the hand-label format, the moved contact on its new frame.
    await page.getByRole('button', { name: 'Export events' }).click();
    await page.getByTestId('events-download').waitFor();
    const out = await r.call<{ labels: { events: { kind: string; side: string; frame: number }[] } }>(
      'review:exportEvents',
      { recordingId: rec.id },
    );
    const lefts = out.labels.events.filter((e) => e.kind === 'initial-contact' && e.side === 'left');
    expect(lefts.map((e) => e.frame)).toContain(to);
    expect(lefts.map((e) => e.frame)).not.toContain(ic);
    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
  });

  it("adds a correction keyed before the clip's saved ones are read to them, never replaces them", async () => {
    const saved = await edits();
    expect(saved).toHaveLength(1);
    // The saved corrections are answered only after the PT has keyed a new one (a busy server;
    // the clip's analysis, and so the keys, are ready before).
    const late = await holdCalls(page, 'review:eventEdits');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByTestId('summary').waitFor();
    const ic = gait.variables.find((v) => v.id === 'knee-flexion-ic')!.left.values.filter((v) => v.clean)[4]!
      .frame;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < 60 && (await settled(page, 0)) < ic; i++) await page.keyboard.press(']');
    expect(await settled(page, 0)).toBe(ic);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await settled(page, 0)).toBe(ic + 2);
    await page.keyboard.press('i');
    late.release();
    await expect.poll(status).toBe(`Left initial contact moved from frame ${ic} to ${ic + 2}.`);
    await late.stop();
    await expect
      .poll(edits)
      .toEqual([...saved, { op: 'move', kind: 'initial-contact', side: 'left', from: ic, to: ic + 2 }]);
    expect(guard.errors).toEqual([]);
  });

  it('accepts a left contact added 10 frames after another, and says so beside it and in the quality list', async () => {
    // A clean left step well after the ones edited above; the sample clip's stride is about 21 frames.
    const ic = gait.variables.find((v) => v.id === 'knee-flexion-ic')!.left.values.filter((v) => v.clean)[6]!
      .frame;
    const said =
      /This left contact is 10 frames after the previous one; the runner's stride is about 2\d frames: check it, or delete one\./;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < 60 && (await settled(page, 0)) < ic; i++) await page.keyboard.press(']');
    expect(await settled(page, 0)).toBe(ic);
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    expect(await settled(page, 0)).toBe(ic + 10);
    await page.keyboard.press('i');
    await expect.poll(status).toBe(`Left initial contact added on frame ${ic + 10}.`);
    await expect.poll(() => page.getByTestId('events-panel').textContent()).toMatch(said);
    await expect.poll(() => page.getByTestId('review-quality').textContent()).toMatch(said);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('events-panel').textContent()).not.toMatch(said);
    expect(guard.errors).toEqual([]);
  });

  it('re-marks the key frame of a frame with K pressed before the saved ones are read', async () => {
    const marksAt0 = async () =>
      (
        await r.call<{ recordingId: string; frame: number }[]>('review:keyFrames', { sessionId: r.sessionId })
      ).filter((k) => k.recordingId === rec.id && k.frame === 0).length;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    expect(await settled(page, 0)).toBe(0);
    await page.keyboard.press('k');
    await expect.poll(marksAt0).toBe(1);
    // The saved key frames are answered only after K was pressed again on that frame.
    const late = await holdCalls(page, 'review:keyFrames');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByTestId('summary').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    expect(await settled(page, 0)).toBe(0);
    await page.keyboard.press('k');
    late.release();
    await expect.poll(status).toMatch(/^Key frame marked: .*, frame 0\.$/);
    await late.stop();
    expect(await marksAt0()).toBe(1);
    expect(guard.errors).toEqual([]);
  });

  it("undoes a point corrected before the clip's saved corrections are read back to the saved point", async () => {
    const corrections = () =>
      r.call<{ frame: number; landmark: string; x: number; y: number }[]>('review:corrections', {
        recordingId: rec.id,
      });
    const ankleAt = async (frame: number) =>
      (await corrections()).filter((c) => c.frame === frame && c.landmark === 'rightAnkle');
    const frame = gait.variables
      .find((v) => v.id === 'knee-flexion-ic')!
      .left.values.filter((v) => v.clean)[3]!.frame;
    const ankle = series.frames[frame]!.image![Landmark.rightAnkle]!;
    /** To the frame, E, the right ankle chosen, moved by `keys`, Enter. */
    const correctAnkle = async (keys: readonly string[]) => {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Home');
      for (let i = 0; i < 60 && (await settled(page, 0)) < frame; i++) await page.keyboard.press(']');
      expect(await settled(page, 0)).toBe(frame);
      await page.keyboard.press('e');
      for (let i = 0; i < 17 && !/right ankle/.test((await status()) ?? ''); i++)
        await page.keyboard.press('.');
      for (const key of keys) await page.keyboard.press(key);
      await page.keyboard.press('Enter');
    };
    // The PT's earlier correction: 20 px right.
    await correctAnkle(['Alt+Shift+ArrowRight', 'Alt+Shift+ArrowRight']);
    await expect.poll(status).toBe(`Moved the right ankle on frame ${frame}.`);
    await expect.poll(async () => (await ankleAt(frame))[0]?.x).toBeCloseTo(ankle[0] + 20, 6);
    // Reopened on a busy server: the saved corrections are answered only after the point is moved
    // again (3 px up from where the page shows it) and Enter pressed.
    const late = await holdCalls(page, 'review:corrections');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByTestId('summary').waitFor();
    await correctAnkle(['Alt+ArrowUp', 'Alt+ArrowUp', 'Alt+ArrowUp']);
    late.release();
    await expect.poll(status).toBe(`Moved the right ankle on frame ${frame}.`);
    await late.stop();
    await expect.poll(async () => (await ankleAt(frame))[0]?.y).toBeCloseTo(ankle[1] - 3, 6);
    // Undo puts the earlier correction back; it does not delete the point's correction.
    await page.keyboard.press('Control+z');
    await expect.poll(status).toMatch(/^Undone: /);
    await expect
      .poll(async () => (await ankleAt(frame)).map((c) => [c.x, c.y]))
      .toEqual([[expect.closeTo(ankle[0] + 20, 6), expect.closeTo(ankle[1], 6)]]);
    await page.keyboard.press('Escape');
    expect(guard.errors).toEqual([]);
  });
});
