import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FindingLink } from '../../src-shared/report/edits';
import type { ReportBundle } from '../../src-shared/report/model';
import { guardPage } from '../helpers/browser';
import { callServed, type Served } from '../helpers/serve';
import { pdfText } from '../report/pdf-read';
import { servedApp } from './served-app';

/**
 * The report page end to end: browser mode on a library holding the sample clip with its pose
 * results. The PT reads the preview, rewrites a finding (saved as typed, no Save button), removes a
 * finding (its flags and plan reasons go with it; undo brings them back), goes back to the
 * suggestions only after saying yes (and undoes it), and exports the PDF, which carries the PT's
 * words; the page says where the PDF went. Waits on what the page shows, never on time.
 */
let browser: Browser;
let app: Served;
let page: Page;
let sessionId: string;
let suggested: ReportBundle & { links: FindingLink[] };
let tmp: { readonly path: string };

const call = <T>(channel: string, input: unknown): Promise<T> => callServed<T>(app, channel, input);

servedApp({ samplePatient: 'Page Tester' }, async (s) => {
  ({ app, browser, sessionId, tmp } = s);
  suggested = await call('report:get', { sessionId });
});

const saved = () => page.getByTestId('save-status').getAttribute('data-state');
/**
 * The suggested finding the PT removes: one that flags rows, with a title no other finding has, and
 * suggests exercises where one does (its plan reasons then go with it too).
 */
const removedFinding = (): number => {
  const links = suggested.links;
  const ok = (l: FindingLink): boolean =>
    l.rows.length > 0 && links.filter((x) => x.title === l.title).length === 1;
  const withPlan = links.findIndex((l) => ok(l) && l.exercises.length > 0);
  return withPlan >= 0 ? withPlan : links.findIndex(ok);
};
const flagTexts = () => page.locator('[data-testid="report"] .flag-text').allTextContents();
const planText = () => page.getByTestId('plan').textContent();

describe('report page', () => {
  let guard: ReturnType<typeof guardPage>;

  it('previews the report from the session page, with the session’s speed', async () => {
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
    expect(await page.getByTestId('conditions').textContent()).toContain('11.0 km/h');
    // The speed and the incline keep their unit on their line: in a long clip's row the narrow
    // column broke '10.0' from 'km/h' (the sample clip filed as flat and incline).
    const wraps = await page
      .getByTestId('conditions')
      .locator('tbody td')
      .evaluateAll((tds) =>
        tds
          .filter((td) => /(km\/h|%)$/.test(td.textContent ?? ''))
          .map((td) => td.ownerDocument.defaultView?.getComputedStyle(td).whiteSpace),
      );
    expect(wraps.length).toBeGreaterThanOrEqual(1);
    expect(wraps.every((w) => w === 'nowrap')).toBe(true);
    // Each key frame shows its picture (a data: URL) under the skeleton.
    const hrefs = await page
      .locator('[data-testid="keyframe"] image')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    expect(hrefs.every((h) => h.startsWith('data:image/jpeg;base64,'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Save words' }).count()).toBe(0);
    // The A4-wide preview fits beside the editor (it scrolled sideways in the 1100px page), and
    // the runner's cue and an exercise's dosage show their whole words, not a cut first line.
    const sideways = await page.locator('.report-preview').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    const cut = await page
      .locator('.report-editor textarea')
      .evaluateAll((els) => els.filter((e) => e.scrollHeight > e.clientHeight + 1).length);
    expect(cut).toBe(0);
    expect(await page.getByLabel('Cue for the runner (1)').evaluate((e) => e.tagName)).toBe('TEXTAREA');
  }, 180_000);

  it('saves the PT’s words as they are typed', async () => {
    const words = 'Lands with the right knee too straight; cue softer landings.';
    await page.getByLabel('Finding 1').fill(words);
    // The preview follows the editor at once, and the words are stored without a Save button.
    await expect.poll(() => page.getByTestId('findings').textContent()).toContain(words);
    await page.getByLabel('Notes for the report').fill('Retest in 6 weeks.');
    await expect.poll(saved, { timeout: 15_000 }).toBe('saved');
    expect(await page.getByTestId('save-status').textContent()).toBe('Saved');
    await page.reload();
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('findings').textContent()).toContain(words);
    expect(await page.getByLabel('Notes for the report').inputValue()).toBe('Retest in 6 weeks.');
  }, 180_000);

  it('takes a removed finding’s flags and plan reasons away, and puts them back on undo', async () => {
    const links = suggested.links;
    const k = removedFinding();
    expect(k).toBeGreaterThanOrEqual(0);
    const { title, exercises } = links[k]!;
    // Plan reasons only where the finding suggests exercises: on the sample clip none that flags
    // rows does since stiff knee in stance lost its drill (2817574); edits.test.ts holds the plan
    // reasons going with a removed finding on generated findings.
    const inPlan = exercises.length > 0;
    const flagged = async () => (await flagTexts()).filter((t) => t.includes(title)).length;
    await expect.poll(flagged).toBeGreaterThan(0);
    if (inPlan) expect(await planText()).toContain(title.toLowerCase());
    const remove = () => page.getByRole('button', { name: `Remove finding ${k + 1}`, exact: true }).click();
    await remove();
    await expect.poll(flagged).toBe(0);
    if (inPlan) expect(await planText()).not.toContain(title.toLowerCase());
    // Undo is offered right after a removal, and brings the finding back with its flags.
    await page.getByTestId('undo-offer').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(flagged).toBeGreaterThan(0);
    expect(await page.getByTestId('finding-edit').count()).toBe(links.length);
    await remove();
    await expect.poll(flagged).toBe(0);
    await expect.poll(saved, { timeout: 15_000 }).toBe('saved');
    // Stored: the page as loaded again (and so the PDF) agrees.
    await page.reload();
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    expect(await flagged()).toBe(0);
    expect(await planText()).not.toContain(title.toLowerCase());
    expect(await page.getByTestId('finding-edit').count()).toBe(links.length - 1);
  }, 180_000);

  it('goes back to the suggestions only when the PT says yes, and can undo it', async () => {
    const notes = () => page.getByLabel('Notes for the report').inputValue();
    const findings = () => page.getByTestId('finding-edit').count();
    const mine = await findings();
    await page.getByRole('button', { name: 'Back to suggestions' }).click();
    await page.getByRole('button', { name: 'Keep my words' }).click();
    expect(await notes()).toBe('Retest in 6 weeks.');
    await page.getByRole('button', { name: 'Back to suggestions' }).click();
    await page.getByRole('button', { name: 'Replace with the suggestions' }).click();
    // The suggestions are read again from the library (pictures included): seconds, not a frame.
    await expect.poll(notes, { timeout: 60_000 }).toBe('');
    await expect.poll(findings).toBe(suggested.links.length);
    await page.getByTestId('undo-offer').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(notes, { timeout: 60_000 }).toBe('Retest in 6 weeks.');
    expect(await findings()).toBe(mine);
    await expect.poll(saved, { timeout: 15_000 }).toBe('saved');
    await page.reload();
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    expect(await notes()).toBe('Retest in 6 weeks.');
    expect(await findings()).toBe(mine);
  }, 180_000);

  it('exports the PDF with the PT’s words and says where it went', async () => {
    const removed = suggested.links[removedFinding()]!;
    // Typed just before the export: the export waits for it to be saved.
    await page.getByLabel('Notes for the report').fill('Retest in 4 weeks.');
    // Every status the export shows, as it changes (no polling): its steps in words, not code names.
    await page.evaluate(`(() => {
      const seen = (globalThis.__status = []);
      const box = document.querySelector('[data-testid="report-status"]');
      new MutationObserver(() => seen.push(box.textContent)).observe(box, {
        subtree: true, childList: true, characterData: true,
      });
    })()`);
    await page.getByRole('button', { name: 'Export PDF' }).click();
    await expect
      .poll(() => page.getByTestId('report-status').textContent(), { timeout: 180_000 })
      .toMatch(/^PDF saved: Page-Tester-2026-11-20-gait-report\.pdf \(\d+ pages\)$/);
    const steps = (await page.evaluate('globalThis.__status')) as string[];
    const exporting = steps.filter((x) => x.startsWith('Exporting'));
    expect(exporting.length).toBeGreaterThan(0);
    for (const x of exporting)
      expect(x).toMatch(/^Exporting: (drawing the key frames|laying out the pages|saving the file)… \d+%$/);
    expect(await page.getByTestId('export-folder').textContent()).toBe(join(tmp.path, 'exports'));
    // Browser mode has no folder to open: the download is offered instead.
    expect(await page.getByRole('button', { name: 'Show in folder' }).count()).toBe(0);
    const download = page.getByRole('link', { name: 'Download the PDF' });
    expect(await download.getAttribute('download')).toBe('Page-Tester-2026-11-20-gait-report.pdf');
    const href = await page.getByRole('link', { name: 'Open the PDF' }).getAttribute('href');
    const res = await page.request.get(new URL(href!, app.url).href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(tmp.path, 'exports', 'Page-Tester-2026-11-20-gait-report.pdf');
    expect(existsSync(file)).toBe(true);
    const text = pdfText(file, false).replace(/\s+/g, ' ');
    expect(text).toContain('Retest in 4 weeks.');
    // The finding the PT removed is nowhere in the PDF, not even as a flag.
    expect(text).not.toContain(removed.title);
    expect(readdirSync(join(tmp.path, 'exports')).filter((f) => f.includes('partial'))).toEqual([]);
    expect(await call('report:showExport', { fileName: 'Page-Tester-2026-11-20-gait-report.pdf' })).toEqual({
      shown: false,
    });
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

  it('refuses an empty finding in words, under its box, and keeps the saved words', async () => {
    await page.getByRole('button', { name: 'Add a finding' }).click();
    const n = await page.getByTestId('finding-edit').count();
    await expect.poll(saved, { timeout: 15_000 }).toBe('saved');
    await page.getByLabel(`Finding ${n}`).fill('   ');
    await expect.poll(saved, { timeout: 15_000 }).toBe('error');
    expect(await page.getByTestId('save-status').textContent()).toBe(
      'Not saved: A finding cannot be empty: write it, or remove it.',
    );
    expect(
      await page
        .getByTestId('finding-edit')
        .nth(n - 1)
        .getByRole('alert')
        .textContent(),
    ).toBe(`Finding ${n} is not saved: write it, or remove it.`);
    expect(await page.locator('main').textContent()).not.toContain('edits.findings');
    const stored = await call<ReportBundle>('report:get', { sessionId });
    expect(stored.model.findings[n - 1]!.text).toBe('New finding');
  });
});
