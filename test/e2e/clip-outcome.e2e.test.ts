import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionAnalysisStatus } from '../../src-shared/contract/analysis';
import { generateRunner } from '../../src-shared/gait/synthetic';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0015-analysis-job-outcome';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { importRecording } from '../../src-main/services/media/import';
import { guardPage, launchChromium } from '../helpers/browser';
import { SHARED_MEDIA } from '../helpers/media';
import { callServed, serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { storePose } from '../sync/helpers';

/**
 * What the gait step made of each clip, on the session page in Chromium (src-shared/analysis/
 * outcome.ts), on a library made by the previous schema (version 14): four clips finished there with
 * the notes that StrideLab wrote (numbers; no runner; too short; a refusal), opened by `stridelab serve`,
 * which migrates it (0015 fills their outcome from the notes); and two clips analysed afresh by the
 * queue on the server (their poses already stored: someone standing, a walker), whose outcome the
 * gait step stores. Each card says its own badge and why; only the clip with numbers has the green
 * tick. With STRIDELAB_SHOTS set, a picture of the clips to look at.
 */
const tmp = tempDir('stridelab-outcome-');
const home = join(tmp.path, 'library');
let app: Served;
let browser: Browser;
let page: Page;
let sessionId = '';
const ids: Record<string, string> = {};

const ALIGN =
  'The side and rear clips of numbers could not be aligned by themselves (too few poses). Align them by hand in Review.';
/** The old notes, as the steps wrote them before 0015 (test/analysis/outcome-backfill.ts has more). */
const OLD: Record<string, string | null> = {
  numbers: ALIGN,
  empty:
    'A person was found in only 0 of 300 frames: this clip does not show the runner. Findings are withheld. Film the whole runner, in good light, with nobody else in view.',
  short:
    'The clip as trimmed lasts 1.2 s: too short to measure steps and how much they vary (at least 2 s, two steps a side, are needed). Trim less of it, or film 10 to 15 s of steady running.',
  sparse: 'The clip has only 8 frames: too short to find steps.',
};

beforeAll(async () => {
  // 10 s of the sample, small, so the six imports are quick.
  const clip = join(tmp.path, 'clip.mp4');
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-t', '10', '-i', join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4')],
    ...['-an', '-vf', 'scale=360:640', '-c:v', 'libx264', '-crf', '24', clip],
  ]);
  const before = openLibrary(home, { migrateTo: migration.version - 1 });
  const patient = await createPatient(before.data, {
    name: 'Outcome Runner',
    sex: 'unspecified',
    heightCm: 175,
  });
  sessionId = (
    await createSession(before.data, {
      patientId: patient.id,
      date: '2026-12-07',
      injurySide: 'none',
      treadmillSpeedsKmh: [10],
      treadmillInclinesPct: [],
    })
  ).id;
  for (const label of [...Object.keys(OLD), 'standing', 'walking']) {
    const rec = await importRecording(before, {
      sessionId,
      sourcePath: clip,
      view: 'side',
      condition: { label },
      allowDuplicate: true,
    });
    ids[label] = rec.id;
  }
  const ts = '2026-12-07T10:00:00.000Z';
  for (const [label, note] of Object.entries(OLD))
    before.db
      .prepare(
        `INSERT INTO analysis_jobs (recording_id, model, state, attempts, note, queued_at, updated_at)
         VALUES (?, 'full', 'done', 1, ?, ?, ?)`,
      )
      .run(ids[label], note, ts, ts);
  // Poses as the engine would have stored them (MediaPipe takes minutes here): 300 frames at 30 fps.
  const walker = generateRunner({
    view: 'side',
    gait: 'walking',
    fps: 30,
    durationS: 10,
    noisePx: 1.5,
    seed: 6,
  });
  const runner = generateRunner({ view: 'side', fps: 30, durationS: 10, noisePx: 1.5, seed: 3 }).series;
  const standing: LandmarkSeries = {
    ...runner,
    frames: runner.frames.map((f) => ({ ...runner.frames[0]!, index: f.index, t: f.t })),
  };
  storePose(before.paths.mediaDir, sessionId, ids.standing!, standing);
  storePose(before.paths.mediaDir, sessionId, ids.walking!, walker.series);
  before.close();

  app = await serve(home);
  for (const label of ['standing', 'walking'])
    await callServed(app, 'analysis:start', { recordingId: ids[label], model: 'full' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 1400 } });
  guardPage(page);
  await page.goto(app.appUrl);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, `#/sessions/${sessionId}`);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  tmp.cleanup();
});

const badge = (label: string) => page.locator(`[data-recording="${ids[label]}"] .analysis-badge`);
const words = async (label: string): Promise<string> =>
  (await badge(label).locator(':scope > *').allInnerTexts()).join(' ').replace(/\s+/g, ' ').trim();

describe('the session page of a library made by the previous schema', () => {
  it('opens it with every clip and says of each what its analysis gave', async () => {
    // The two analysed here finish (the app's own badge says done: no polling of a timer).
    for (const label of ['standing', 'walking'])
      await badge(label).and(page.locator('[data-analysis="done"]')).waitFor({ timeout: 120_000 });
    const status = await callServed<SessionAnalysisStatus>(app, 'analysis:status', { sessionId });
    expect(status.clips).toHaveLength(6);
    const expected: Record<string, [string, RegExp]> = {
      numbers: ['numbers', /^Analysed Numbers from the whole clip The side and rear clips of numbers/],
      empty: ['no-runner', /^No numbers: no runner in view A person was found in only 0 of 300 frames/],
      short: ['too-short', /^No numbers: clip too short The clip as trimmed lasts 1\.2 s.* film 10 to 15 s/],
      sparse: [
        'refused',
        /^No numbers: clip could not be measured The clip has only 8 frames: too short to find steps\. Open the clip in Review/,
      ],
      standing: [
        'no-steps',
        /^No numbers: no steps found The person in this clip hardly moves their feet.* Film the runner/,
      ],
      walking: [
        'withheld',
        /^Analysed: findings withheld Numbers from the whole clip This clip looks like walking.* Film the patient running\.$/,
      ],
    };
    for (const [label, [outcome, said]] of Object.entries(expected)) {
      expect(await badge(label).getAttribute('data-outcome'), label).toBe(outcome);
      expect(await words(label), label).toMatch(said);
      // The green tick only where the clip gave numbers and findings.
      const tick = await badge(label)
        .locator('.analysis-words')
        .evaluate(
          (e) =>
            (
              globalThis as unknown as { getComputedStyle(el: unknown, pseudo: string): { content: string } }
            ).getComputedStyle(e, '::before').content,
        );
      expect(tick, label).toBe(outcome === 'numbers' ? '"✓ "' : '"⚠ "');
    }
    const dir = process.env.STRIDELAB_SHOTS;
    if (dir)
      for (const label of Object.keys(expected))
        await page
          .locator(`[data-recording="${ids[label]}"]`)
          .screenshot({ path: join(dir, `clip-outcome-${label}.png`) });
  }, 200_000);
});
