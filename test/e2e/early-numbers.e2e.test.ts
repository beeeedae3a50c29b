import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionAnalysisStatus } from '../../src-shared/contract/analysis';
import { createServices } from '../../src-main/services';
import { importRecording } from '../../src-main/services/media/import';
import { guardPage, launchChromium } from '../helpers/browser';
import { callServed, serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { clip } from '../media/helpers';
import { sessionWithSample } from '../report/library-fixture';
import { pdfText } from '../report/pdf-read';

/**
 * A clip's first numbers beyond its card (issue 16): the flat clip is analysed; the incline clip's
 * analysis had reached its steady window's numbers when the app stopped (they were stored with its
 * job). After the restart, while the incline clip is analysed again, Review and the report page show
 * those numbers labelled with their window and as provisional; the PDF exported meanwhile holds no
 * trace of them; once the whole clip is done, they are gone from both pages. Waits on what the page
 * shows and on the app's status, never on time.
 */
let browser: Browser;
let app: Served;
let page: Page;
let sessionId: string;
let incline: string;
const tmp = tempDir('stridelab-early-');
const EARLY = { fromS: 13, toS: 23.4, strides: { left: 11, right: 13 }, cadence: 170.6, findings: 1 };

beforeAll(async () => {
  const services = createServices({ home: tmp.path, transport: 'browser' });
  try {
    ({ sessionId } = await sessionWithSample(services, { patient: 'Early Numbers' }));
    const rec = await importRecording(services.library, {
      sessionId,
      sourcePath: clip('treadmill_side_zzzhushi_male_side.mp4'),
      originalName: 'incline.mp4',
      allowDuplicate: true,
      view: 'side',
      condition: { label: 'Incline', speedKmh: 11, inclinePct: 4 },
    });
    incline = rec.id;
    // The run the app stopped in: claimed, its first numbers stored, then the process gone.
    const jobs = services.library.data.analysisJobs;
    await jobs.enqueue(incline, 'full', false, new Date().toISOString());
    const claimed = await jobs.claimNext(
      { worker: 'room 1 #1.dead', leaseMs: 0, busy: [] },
      new Date().toISOString(),
    );
    expect(claimed?.recordingId).toBe(incline);
    expect(await jobs.setEarly(incline, 'full', EARLY, 'room 1 #1.dead')).toBe(true);
  } finally {
    services.close();
  }
  browser = await launchChromium();
  app = await serve(tmp.path);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  tmp.cleanup();
});

const status = (): Promise<SessionAnalysisStatus> => callServed(app, 'analysis:status', { sessionId });
const inclineState = async (): Promise<string> =>
  (await status()).clips.find((c) => c.recordingId === incline)!.state;
const LABEL = 'First numbers from 0:13–0:23 of steady running; the whole clip is still being analysed.';

describe('first numbers in Review and the report', () => {
  it('shows the stored first numbers, labelled, in Review and on the report page, never in the PDF', async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const guard = guardPage(page);
    await page.goto(app.appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await page.goto(`${app.url}/#/sessions/${sessionId}/review`);
    const review = page.locator('[data-early-numbers="review"]');
    await review.waitFor({ timeout: 60_000 });
    // The clip's name comes with the session's clip list, which may answer after the status.
    await expect.poll(() => review.textContent()).toContain('The side clip of Incline:');
    const reviewText = (await review.textContent())!;
    expect(reviewText).toContain('First numbers (provisional)');
    expect(reviewText).toContain('The side clip of Incline:');
    expect(reviewText).toContain(LABEL);
    expect(reviewText).toContain(
      'Cadence 171 steps/min · 11 strides left, 13 right · 1 finding in this window',
    );
    // Still being analysed while we looked: the numbers are the stored ones, not the whole clip's.
    expect(['queued', 'pose', 'sync', 'gait']).toContain(await inclineState());

    await page.goto(`${app.url}/#/sessions/${sessionId}/report`);
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    const report = page.locator('[data-early-numbers="report"]');
    expect(await report.textContent()).toContain(LABEL);
    expect(await page.locator('[data-early-not-in-pdf]').textContent()).toContain('not in the PDF');
    const pdf = await callServed<{ folder: string; fileName: string }>(app, 'report:exportPdf', {
      sessionId,
    });
    const text = pdfText(join(pdf.folder, pdf.fileName), false);
    expect(text).toContain('Early Numbers');
    expect(text).not.toMatch(/First numbers|steady running|provisional/i);
    expect(guard.errors).toEqual([]);
  }, 300_000);

  it('replaces them with the whole clip once it is analysed', async () => {
    await expect.poll(inclineState, { timeout: 480_000, interval: 1000 }).toMatch(/done|failed/);
    expect(await inclineState()).toBe('done');
    expect((await status()).clips.find((c) => c.recordingId === incline)!.early ?? null).toBeNull();
    await expect.poll(() => page.locator('[data-early-numbers]').count()).toBe(0);
    await page.goto(`${app.url}/#/sessions/${sessionId}/review`);
    await page.waitForSelector('[data-analysis-banner], .analysis-gated', { timeout: 60_000 });
    expect(await page.locator('[data-early-numbers]').count()).toBe(0);
  }, 600_000);
});
