import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/services';
import { guardPage, launchChromium } from '../helpers/browser';
import { serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { sessionWithSample } from '../report/library-fixture';

/**
 * The report page links the session's last PDF after a reload. Browser mode on a library holding
 * the sample clip: the PT exports the PDF, reloads the page (or comes back to it later), and still
 * finds the PDF's name, pages, time and folder with "Open the PDF" and "Download the PDF". Before,
 * the page knew the PDF only from the export's answer: after a reload the links were gone, though
 * the file was in the exports folder. Main finds the file from the session (`report:lastPdf`).
 * Waits on what the page shows, never on time.
 */
let browser: Browser;
let app: Served;
let page: Page;
let sessionId: string;
const tmp = tempDir('stridelab-report-last-pdf-');
const NAME = 'Reload-Tester-2026-11-20-gait-report.pdf';

beforeAll(async () => {
  const services = createServices({ home: tmp.path, transport: 'browser' });
  try {
    ({ sessionId } = await sessionWithSample(services, { patient: 'Reload Tester' }));
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

/** Open the session's report page and wait for the report. */
async function openReport(): Promise<void> {
  await page.goto(`${app.url}/#/sessions/${sessionId}/report`);
  await page.getByTestId('report').waitFor({ timeout: 120_000 });
}

const shot = (name: string) =>
  process.env.STRIDELAB_SHOTS
    ? page.screenshot({ path: `${process.env.STRIDELAB_SHOTS}/${name}.png` })
    : Promise.resolve();

describe('the report page after a reload', () => {
  it('still links the last exported PDF', async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const guard = guardPage(page);
    await page.goto(app.appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await openReport();
    // Nothing exported yet: no PDF is offered.
    expect(await page.getByTestId('export-where').count()).toBe(0);

    await page.getByRole('button', { name: 'Export PDF' }).click();
    await expect
      .poll(() => page.getByTestId('report-status').textContent(), { timeout: 180_000 })
      .toMatch(/^PDF saved: /);
    const pages = Number(
      /\((\d+) pages\)/.exec((await page.getByTestId('report-status').textContent())!)![1],
    );

    await page.reload();
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    // What the export showed (the folder, the links) is shown again.
    await page
      .getByTestId('export-where')
      .waitFor({ timeout: 30_000 })
      .catch(async (e: unknown) => {
        await shot('report-last-pdf-missing');
        throw e;
      });
    await shot('report-last-pdf');
    const last = page.getByTestId('export-last');
    expect(await last.textContent()).toMatch(
      new RegExp(`^Last PDF: ${NAME.replace(/\./g, '\\.')} \\(${pages} pages\\), written .+\\d`),
    );
    expect(await page.getByTestId('export-folder').textContent()).toContain('exports');
    const download = page.getByRole('link', { name: 'Download the PDF' });
    expect(await download.getAttribute('download')).toBe(NAME);
    const href = await page.getByRole('link', { name: 'Open the PDF' }).getAttribute('href');
    const res = await page.request.get(new URL(href!, app.url).href);
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(guard.offsite).toEqual([]);
    expect(guard.errors).toEqual([]);
  }, 420_000);

  it('says when the words changed after that PDF, until it is exported again', async () => {
    const guard = guardPage(page);
    const stale = page.getByTestId('export-stale');
    // The PDF just linked holds today's words: nothing to say.
    expect(await stale.count()).toBe(0);

    // The PT adds a note after the PDF (saved as typed): the PDF in the folder no longer has it.
    await page.getByLabel('Notes for the report').fill('Retest in 6 weeks.');
    await expect
      .poll(() => page.getByTestId('save-status').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('saved');
    await stale.waitFor({ timeout: 10_000 });
    expect(await stale.textContent()).toBe('Your words changed after this PDF was written: export again.');

    // Said again after a reload: main compares the words' save time with the file's.
    await page.reload();
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    await stale.waitFor({ timeout: 30_000 });
    await shot('report-last-pdf-stale');

    await page.getByRole('button', { name: 'Export PDF' }).click();
    await expect
      .poll(() => page.getByTestId('report-status').textContent(), { timeout: 180_000 })
      .toMatch(/^PDF saved: /);
    expect(await stale.count()).toBe(0);
    expect(guard.offsite).toEqual([]);
    expect(guard.errors).toEqual([]);
  }, 420_000);
});
