import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveTracks } from '../../src-main/services/markers/store';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { flickerLeftLeg } from '../../src-shared/gait/testing/hide-leg';
import { Landmark } from '../../src-shared/pose/landmarks';
import type { ReportBundle } from '../../src-shared/report/model';
import { splitFindings } from '../../src-shared/report/priorities';
import { workFirstItem } from '../../src-shared/report/work-first-item';
import { kneeMarkers } from '../../src-shared/review/testing/marker-legs';
import type { ReviewApp } from '../review/fixtures/review-app';
import { reviewSession } from './review-session';

/**
 * The review's "What to work on first" with one clip open lists what the report lists for the
 * session, in Chromium on the built renderer: the same findings in the same order, in the same
 * words (src-shared/report/session-findings.ts). A session with two side clips (the sample clip
 * imported as flat and as incline, each given the landmarks of a synthetic runner of its frame size
 * and rate: a stiff knee on both legs, peak 18° in stance), flat with its left (far) hip and knee
 * flickering as a half-hidden leg does, incline with them seen. Open on incline, the panel says the
 * knee finding on both sides is tentative on the left, firm on the right, as the report does
 * (before, it listed the two sides apart, the right as whole and the left as tentative). Then knee
 * markers are tracked on flat's left leg: the report reads flat's left knee from them (hybrid
 * analysis), so nothing is doubted, and the panel says so too (before, it read flat's landmarks and
 * kept the left tentative). Then the PT's words are saved in the report (a finding pinned in their
 * words, the leader set aside): the open review lists them as the report prints them. With
 * STRIDELAB_SHOTS set, pictures of the panel to look at.
 */
let r: ReviewApp;
let flatId: string;
let inclineId: string;

const runner = (seed: number) =>
  generateRunner({
    view: 'side',
    // The sample clip's frames: 12 s at 30 fps, 720x1280.
    fps: 30,
    durationS: 12,
    width: 720,
    height: 1280,
    seed,
    noisePx: 2,
    stanceKneePeakDeg: 18,
    kneeAtIcDeg: 8,
    kneeAtToDeg: 10,
  }).series;

reviewSession(
  {
    clips: [
      {
        view: 'side',
        condition: 'Flat',
        series: flickerLeftLeg(runner(3), [Landmark.leftHip, Landmark.leftKnee]),
      },
      { view: 'side', condition: 'Incline', series: runner(5) },
    ],
  },
  (s) => {
    r = s.r;
    [{ id: flatId }, { id: inclineId }] = s.clips;
  },
);

/** The review open on incline, once its panel is drawn (the active clip's analysis is done). */
async function openIncline(): Promise<Page> {
  const { page } = await r.openPage(`#/sessions/${r.sessionId}/review/${inclineId}`);
  await page.getByTestId('review-work-first').waitFor({ timeout: 120_000 });
  return page;
}

/** The report's first three as the review's panel words them (workFirstItem): the words, then the cue. */
async function reportFirst(): Promise<string[]> {
  const { model } = await r.call<ReportBundle>('report:get', { sessionId: r.sessionId });
  return splitFindings(model.findings).first.map((f) => {
    const { found, more, cue } = workFirstItem(f);
    return `${found}${more}${cue}`;
  });
}

const panelItems = (page: Page): Promise<string[]> =>
  page.getByTestId('review-work-first').locator('li').allTextContents();

/** The panel's items once they are the report's: the session's other clips load after the open
 *  one (its own condition alone has no "Incline: " to its words), so the panel is read until then. */
const agrees = (page: Page, report: string[]) =>
  expect.poll(() => panelItems(page), { timeout: 60_000 }).toEqual(report);

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.STRIDELAB_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.getByTestId('review-work-first').screenshot({ path: join(dir, `${name}.png`) });
}

describe("the review's first three are the report's", () => {
  it('one finding on both legs, tentative on the left (far) only, in the report’s words and order', async () => {
    const page = await openIncline();
    const report = await reportFirst();
    const both = report.find((x) => x.startsWith('Incline: Stiff knee in stance on both sides.'));
    expect(both).toMatch(
      /Left: tentative, the left \(far\) leg's peak knee flexion in stance was not measurable from the same camera in Flat; right: firm, over \d+ clean steps\./,
    );
    await agrees(page, report);
    await shoot(page, 'review-far-leg-panel');
    await page.close();
  }, 240_000);

  it('reads flat’s left knee from its skin markers where the report does, and nothing is tentative', async () => {
    // The left leg's knee markers, where the body puts them (the runner's true hip and knee), the
    // ankle marker 25° off the thigh line: flat's left peak knee flexion is measured from them.
    await saveTracks(r.app.services.library.data, flatId, 'designed', kneeMarkers(runner(3), 'left', 25));
    const page = await openIncline();
    const report = await reportFirst();
    expect(report.some((x) => x.startsWith('Incline: Stiff knee in stance on both sides.'))).toBe(true);
    expect(report.join('\n')).not.toMatch(/tentative/i);
    await agrees(page, report);
    await shoot(page, 'review-far-leg-markers-panel');
    await page.close();
  }, 240_000);

  it('follows the PT’s saved words as the report prints them: a finding pinned, one set aside', async () => {
    const page = await openIncline();
    await agrees(page, await reportFirst());
    const { model } = await r.call<ReportBundle>('report:get', { sessionId: r.sessionId });
    const [lead, ...rest] = model.findings;
    const last = rest.at(-1)!;
    const mine = (f: (typeof model.findings)[number]) => ({
      id: f.id,
      text: f.text,
      evidence: [...f.evidence],
    });
    // As the report page saves them: the leader set aside, the last pinned in the PT's words.
    await r.call('report:saveEdits', {
      sessionId: r.sessionId,
      edits: {
        findings: [
          { ...mine(lead!), pin: 'demoted' },
          ...rest.slice(0, -1).map(mine),
          {
            ...mine(last),
            text: 'Flat: both knees stay straight in stance.',
            pin: 'pinned',
            cue: 'Soft knees.',
          },
        ],
        plan: [],
        notes: '',
      },
    });
    // The open review follows the save (library:changed), without a reload.
    const report = await reportFirst();
    expect(report[0]).toBe('Flat: both knees stay straight in stance. · “Soft knees.”');
    expect(report.some((x) => x.startsWith(lead!.text))).toBe(false);
    await agrees(page, report);
    await expect
      .poll(() => page.getByTestId('review-work-first-how').textContent())
      .toMatch(/Findings, order and words as the PT set them in the report\./);
    // The PT's order, not the suggested ranking: the panel no longer says both.
    expect(await page.getByTestId('review-work-first-how').textContent()).not.toMatch(/Ranked/);
    await shoot(page, 'review-far-leg-edited-panel');
    await page.close();
  }, 240_000);
});
