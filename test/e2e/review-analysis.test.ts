import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { GaitAnalysis } from '../../src-shared/gait';
import { Landmark, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { Recording } from '../../src-shared/contract/recordings';
import { settled, type ReviewApp } from '../review/fixtures/review-app';
import { appAnalysis, reviewSession, sideClipReview } from './review-session';

/**
 * The review with landmarks and gait analysis, end to end in Chromium: overlays and their toggles,
 * jumps to initial contacts, a hand correction that changes a variable (and its undo/redo), and key
 * frames stored for the report. The clip is the sample treadmill run imported through the real
 * ingest; its landmarks are real MediaPipe output on that clip, put in the pose store.
 */
let r: ReviewApp;
let page: Page;
let guard: { offsite: string[]; errors: string[] };
let rec: Recording;
let series: LandmarkSeries;
let gait: GaitAnalysis;

reviewSession(sideClipReview(), async (s) => ({ r, page, guard, rec, series, gait } = await appAnalysis(s)));

interface CanvasLike {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
}

/** Pixels painted on the overlay's static layer (konva's first canvas). */
async function overlayInk(): Promise<number> {
  return page
    .locator('[data-player="0"] .overlay-stage canvas')
    .first()
    .evaluate((el) => {
      const c = el as unknown as CanvasLike;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
}

const ics = (): number[] =>
  gait.events
    .filter((e) => e.kind === 'initial-contact')
    .map((e) => e.frame)
    .sort((a, b) => a - b);

describe('overlays', () => {
  it('draws the skeleton, and each toggle takes its part away', async () => {
    await expect.poll(overlayInk).toBeGreaterThan(500);
    const all = await overlayInk();
    await page.keyboard.press('o');
    await expect.poll(overlayInk).toBe(0);
    await page.keyboard.press('o');
    await expect.poll(overlayInk).toBe(all);
    await page.getByLabel('Skeleton', { exact: true }).uncheck();
    await expect.poll(overlayInk).toBeLessThan(all);
    await page.getByLabel('Angles', { exact: true }).uncheck();
    await page.getByLabel('Trunk', { exact: true }).uncheck();
    await page.getByLabel('Tibia', { exact: true }).uncheck();
    await expect.poll(overlayInk).toBe(0);
    for (const name of ['Skeleton', 'Angles', 'Trunk', 'Tibia'])
      await page.getByLabel(name, { exact: true }).check();
    await expect.poll(overlayInk).toBe(all);
  });
});

describe('gait events', () => {
  it('jumps to the next and previous initial contact found by the gait engine', async () => {
    const list = ics();
    expect(list.length).toBeGreaterThan(6);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(']');
    expect(await settled(page, 0)).toBe(list[0]);
    await page.keyboard.press(']');
    expect(await settled(page, 0)).toBe(list[1]);
    await page.keyboard.press(']');
    expect(await settled(page, 0)).toBe(list[2]);
    await page.keyboard.press('[');
    expect(await settled(page, 0)).toBe(list[1]);
  });

  it('goes to a step’s initial contact from the step table', async () => {
    const row = page.locator('[data-testid="step-table"] tbody tr').nth(4);
    const target = Number(await row.getAttribute('data-ic-frame'));
    await row.click();
    expect(await settled(page, 0)).toBe(target);
  });

  it('shows a ratio in percent in the summary, as the report prints it', async () => {
    // Duty factor (contact / stride time): the engine's ratio, the PT's percent, with its spread.
    const duty = gait.variables.find((v) => v.id === 'duty-factor')!.left;
    const cell = page.locator('[data-testid="variable-duty-factor"] td[data-side="left"]');
    const [lo, hi] = duty.uncertainty!.interval;
    // The spread over steps, then the 95% interval of the mean beneath it (issue 20 item 4).
    await expect
      .poll(() => cell.textContent())
      .toBe(
        `${(duty.mean! * 100).toFixed(1)} ± ${(duty.sd! * 100).toFixed(1)}% (n ${duty.n})` +
          `95% CI ${(lo * 100).toFixed(1)}% to ${(hi * 100).toFixed(1)}%`,
      );
    expect(await cell.getByTestId('mean-interval').getAttribute('title')).toMatch(
      /^95% interval of the mean/,
    );
  });

  it('shows times in ms and says what each L − R interval tells, as the report does', async () => {
    const step = gait.variables.find((v) => v.id === 'step-time')!;
    const row = page.locator('[data-testid="variable-step-time"]');
    await expect
      .poll(() => row.locator('td[data-side="left"]').textContent())
      .toMatch(
        new RegExp(
          `^${(step.left.mean! * 1000).toFixed(0)} ± ${(step.left.sd! * 1000).toFixed(0)} ms \\(n ${step.left.n}\\)95% CI`,
        ),
      );
    // The sample's step-time L − R is inside its interval (docs/uncertainty.md §8): a PT must not read it as an effect.
    const [lo, hi] = step.symmetry!.uncertainty!.interval;
    expect(lo < 0 && hi > 0).toBe(true);
    const verdict = row.getByTestId('diff-verdict');
    expect(await verdict.textContent()).toBe('within noise');
    expect(await verdict.getAttribute('title')).toBe('within what the measurement resolves');
    expect(await row.getByTestId('diff-interval').textContent()).toBe(
      `${(lo * 1000).toFixed(0)} ms to ${(hi * 1000).toFixed(0)} ms`,
    );
  });

  it('says "not measurable" for a side the camera cannot measure, with no number and no L − R', async () => {
    const hidden = gait.variables.filter((v) => v.view !== 'rear' && v.right.notMeasurable);
    expect(hidden.length).toBeGreaterThan(0);
    for (const v of hidden) {
      const row = page.locator(`[data-testid="variable-${v.id}"]`);
      const cell = row.locator('td[data-side="right"]');
      expect(await cell.textContent()).toBe('not measurable');
      expect(await cell.getAttribute('title')).toContain(v.right.notMeasurable!.remedy);
      expect(await row.locator('td[data-side="diff"]').textContent()).toBe('—');
    }
  });
});

describe('seeking from the timeline and the curves', () => {
  it('a click on the timeline or the angle curve shows the frame of that moment', async () => {
    const times = series.frames.map((f) => f.t);
    const span = times.at(-1)! + (times[1]! - times[0]!) - times[0]!;
    const timeline = page.getByTestId('timeline');
    const tl = (await timeline.boundingBox())!;
    await timeline.click({ position: { x: tl.width * 0.25, y: tl.height / 2 } });
    const f = await settled(page, 0);
    // The frame on screen covers the clicked moment (within a pixel's worth of time).
    const clicked = times[0]! + 0.25 * span;
    const slack = span / tl.width;
    expect(times[f]!).toBeLessThanOrEqual(clicked + slack);
    expect((times[f + 1] ?? Infinity) + slack).toBeGreaterThan(clicked);

    const chart = page.getByTestId('curves').locator('.u-over').first();
    const cb = (await chart.boundingBox())!;
    await chart.click({ position: { x: cb.width * 0.75, y: cb.height / 2 } });
    const g = await settled(page, 0);
    expect(times[g]! / span).toBeGreaterThan(0.7);
    expect(times[g]! / span).toBeLessThan(0.8);
  });
});

describe('hand correction', () => {
  it('dragging a knee on a contact frame changes knee flexion at contact; undo and redo', async () => {
    // A clean step (the summary's mean is over clean steps only) whose value is read at its contact frame.
    const step = gait.variables.find((v) => v.id === 'knee-flexion-ic')!.left.values.find((v) => v.clean)!;
    const frame = step.frame;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    // Go there with the keyboard: `]` until the player shows the frame.
    await page.keyboard.press('Home');
    for (let i = 0; i < 40 && (await settled(page, 0)) < frame; i++) await page.keyboard.press(']');
    expect(await settled(page, 0)).toBe(frame);
    const cell = page.locator('[data-testid="variable-knee-flexion-ic"] td[data-side="left"]');
    const before = await cell.textContent();

    await page.keyboard.press('e');
    const stage = page.locator('[data-player="0"] .overlay-stage');
    await stage.locator('canvas').first().waitFor();
    const box = (await stage.boundingBox())!;
    const scale = box.width / series.source.width;
    const knee = series.frames[frame]!.image![Landmark.leftKnee]!;
    const x = box.x + knee[0] * scale;
    const y = box.y + knee[1] * scale;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 40, y - 10, { steps: 5 });
    await page.mouse.move(x + 80, y - 20, { steps: 5 });
    await page.mouse.up();

    await expect.poll(() => cell.textContent()).not.toBe(before);
    const after = await cell.textContent();
    const stored = await r.call<{ frame: number; landmark: string; x: number }[]>('review:corrections', {
      recordingId: rec.id,
    });
    expect(stored).toMatchObject([{ frame, landmark: 'leftKnee' }]);
    expect(stored[0]!.x).toBeGreaterThan(knee[0] + 40);

    await page.keyboard.press('Control+z');
    await expect.poll(() => cell.textContent()).toBe(before);
    await expect.poll(() => r.call('review:corrections', { recordingId: rec.id })).toEqual([]);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => cell.textContent()).toBe(after);
    await page.keyboard.press('e');
  });
});

describe('hand correction from the keyboard', () => {
  it('chooses a point, moves it pixel by pixel and saves it; Escape drops an unsaved move', async () => {
    const dragged = (await r.call<{ frame: number }[]>('review:corrections', { recordingId: rec.id })).map(
      (c) => c.frame,
    );
    const frame = ics().find((f) => !dragged.includes(f))!;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < 40 && (await settled(page, 0)) < frame; i++) await page.keyboard.press(']');
    expect(await settled(page, 0)).toBe(frame);
    const status = page.locator('.transport [role="status"]');

    await page.keyboard.press('e');
    for (let i = 0; i < 17 && !/right ankle/.test((await status.textContent()) ?? ''); i++)
      await page.keyboard.press('.');
    await expect
      .poll(() => status.textContent())
      .toBe('Correcting the right ankle: Alt+arrows move it, Enter saves.');
    const moveBy20Right3Up = async (): Promise<void> => {
      for (const key of [
        'Alt+Shift+ArrowRight',
        'Alt+Shift+ArrowRight',
        'Alt+ArrowUp',
        'Alt+ArrowUp',
        'Alt+ArrowUp',
      ])
        await page.keyboard.press(key);
    };
    await moveBy20Right3Up();
    // The frame did not change (Alt+arrows are not steps) and nothing is saved before Enter.
    expect(await settled(page, 0)).toBe(frame);
    await page.keyboard.press('Escape');
    await expect.poll(() => status.textContent()).toBe('The right ankle is back where it was.');
    const corrections = () =>
      r.call<{ frame: number; landmark: string; x: number; y: number }[]>('review:corrections', {
        recordingId: rec.id,
      });
    expect((await corrections()).filter((c) => c.frame === frame)).toEqual([]);

    await moveBy20Right3Up();
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe(`Moved the right ankle on frame ${frame}.`);
    const ankle = series.frames[frame]!.image![Landmark.rightAnkle]!;
    const saved = (await corrections()).filter((c) => c.frame === frame);
    expect(saved).toMatchObject([{ landmark: 'rightAnkle' }]);
    expect(saved[0]!.x).toBeCloseTo(ankle[0] + 20, 6);
    expect(saved[0]!.y).toBeCloseTo(ankle[1] - 3, 6);

    // Undone like a drag; then Escape (nothing unsaved) stops correcting.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await corrections()).filter((c) => c.frame === frame)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('.');
    await expect.poll(() => status.textContent()).toBe('Press E to correct points first.');
  });
});

describe('manual tools', () => {
  it('measures a three-point angle on the frame, saved with the session, undoable', async () => {
    const frame = await settled(page, 0);
    await page.getByRole('button', { name: /^Angle as flexion / }).click();
    // The tools sit beside the step table, below the players: bring the picture back into view.
    await page.locator('[data-player="0"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-player="0"] .overlay-stage').boundingBox())!;
    // A right angle on screen: up, corner, right.
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.click(cx, cy - 60);
    await page.mouse.click(cx, cy);
    await page.mouse.click(cx + 60, cy);
    await page.getByTestId('measurements').getByText('90.0°').waitFor();
    const saved = await r.call<{ tool: string; frame: number; points: number[][] }[]>('review:measurements', {
      sessionId: r.sessionId,
    });
    expect(saved).toMatchObject([{ tool: 'angle', frame }]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await expect.poll(() => r.call('review:measurements', { sessionId: r.sessionId })).toEqual([]);
  });
});

describe('key frames', () => {
  it('marks the frame on screen with its event and the overlays that are on, for the report', async () => {
    await page.keyboard.press('Home');
    await page.keyboard.press(']');
    const frame = await settled(page, 0);
    const ic = gait.events.find((e) => e.kind === 'initial-contact' && e.frame === frame)!;
    await page.getByLabel('Trunk', { exact: true }).uncheck();
    await page.keyboard.press('k');
    const expected = `${ic.side === 'left' ? 'Left' : 'Right'} initial contact`;
    await page.getByTestId('key-frames').getByText(expected).waitFor();
    const marks = await r.call<
      {
        frame: number;
        label: string;
        event: string;
        side: string;
        t: number;
        overlays: { trunk: boolean; skeleton: boolean };
      }[]
    >('review:keyFrames', { sessionId: r.sessionId });
    expect(marks).toMatchObject([
      { frame, label: expected, event: 'IC', side: ic.side, overlays: { trunk: false, skeleton: true } },
    ]);
    expect(marks[0]!.t).toBeCloseTo(series.frames[frame]!.t, 6);

    // The report reads the mark: its picture for that side and event is the PT's frame.
    const bundle = await r.call<{
      model: {
        conditions: { keyFrames: { frame: number; event: string; side: string; chosenBy: string }[] }[];
      };
    }>('report:get', { sessionId: r.sessionId });
    const pt = bundle.model.conditions.flatMap((c) => c.keyFrames).filter((x) => x.chosenBy === 'pt');
    expect(pt).toMatchObject([{ frame, event: 'IC', side: ic.side }]);
    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
  });
});

describe('report preview', () => {
  it('opens from the review with Ctrl+P', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+p');
    await page.waitForURL(new RegExp(`#/sessions/${r.sessionId}/report$`));
    await page.getByRole('heading', { name: 'Report', level: 1 }).first().waitFor();
  });
});
