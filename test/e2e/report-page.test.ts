import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/services';
import { guardPage, launchChromium } from '../helpers/browser';
import { serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { sessionWithSample } from '../report/library-fixture';
import { pdfText } from '../report/pdf-read';

/**
 * The report page end to end: browser mode on a library holding the sample clip with its pose
 * results; the PT opens the report, reads the preview, rewrites a finding, saves, and exports the
 * PDF, which carries the PT's words. Waits on what the page shows, never on time.
 */
let browser: Browser;
let app: Served;
let page: Page;
let sessionId: string;
const tmp = tempDir('stridelab-report-page-');

beforeAll(async () => {
  const services = createServices({ home: tmp.path, transport: 'browser' });
  try {
    ({ sessionId } = await sessionWithSample(services, { patient: 'Page Tester' }));
  } finally {
    services.close();
  }
  browser = await launchChromium();
  app = await serve(tmp.path);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  tmp.cleanup();
});

describe('report page', () => {
  let guard: ReturnType<typeof guardPage>;

  it('previews the report from the session page', async () => {
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    guard = guardPage(page);
    await page.goto(app.appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    // The token is kept for the tab once read: the session's address can be opened directly.
    await page.goto(`${app.url}/#/sessions/${sessionId}`);
    await page.getByRole('button', { name: 'Report' }).click();
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('keyframe').count()).toBe(6);
    await expect.poll(() => page.getByTestId('variable-row').count()).toBeGreaterThan(8);
    expect(await page.getByTestId('report').textContent()).toContain('Page Tester');
    // Each key frame shows its picture (a data: URL) under the skeleton.
    const hrefs = await page
      .locator('[data-testid="keyframe"] image')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    expect(hrefs.every((h) => h.startsWith('data:image/jpeg;base64,'))).toBe(true);
  }, 180_000);

  it("takes the PT's words, saves them and prints them", async () => {
    const words = 'Lands with the right knee too straight; cue softer landings.';
    await page.getByLabel('Finding 1').fill(words);
    // The preview follows the editor at once.
    await expect.poll(() => page.getByTestId('findings').textContent()).toContain(words);
    await page.getByLabel('Notes for the report').fill('Retest in 6 weeks.');
    await page.getByRole('button', { name: 'Save words' }).click();
    await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('Saved.');
    // Saved in the library: a fresh page shows them.
    await page.reload();
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('findings').textContent()).toContain(words);
    await page.getByRole('button', { name: 'Export PDF' }).click();
    await expect
      .poll(() => page.getByTestId('report-status').textContent(), { timeout: 180_000 })
      .toMatch(/^PDF saved: Page-Tester-2026-11-20-gait-report\.pdf \(\d+ pages\)$/);
    // The PDF opens from the page (browser mode serves it with the token).
    const href = await page.getByRole('link', { name: 'Open the PDF' }).getAttribute('href');
    const res = await page.request.get(new URL(href!, app.url).href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(tmp.path, 'exports', 'Page-Tester-2026-11-20-gait-report.pdf');
    expect(existsSync(file)).toBe(true);
    const text = pdfText(file, false).replace(/\s+/g, ' ');
    expect(text).toContain(words);
    expect(text).toContain('Retest in 6 weeks.');
    expect(readdirSync(join(tmp.path, 'exports')).filter((f) => f.includes('partial'))).toEqual([]);
    // The data too: the steps CSV downloads from the page.
    await page.getByRole('button', { name: 'Export data (JSON, CSV)' }).click();
    const csvLink = page.getByRole('link', { name: 'Page-Tester-2026-11-20-gait-steps.csv' });
    await csvLink.waitFor({ timeout: 120_000 });
    const csv = await page.request.get(new URL((await csvLink.getAttribute('href'))!, app.url).href);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^condition,view,side,step,frame,t \(s\),clean,/);
    expect(guard.offsite).toEqual([]);
    expect(guard.errors).toEqual([]);
  }, 240_000);

  it('refuses an empty finding, naming it, and keeps the saved words', async () => {
    await page.getByLabel('Finding 1').fill('   ');
    await page.getByRole('button', { name: 'Save words' }).click();
    await expect
      .poll(() => page.getByTestId('report-status').textContent())
      .toContain('edits.findings.0.text');
  });
});
