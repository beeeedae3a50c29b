/**
 * The flat-vs-incline table as it is printed (pdf-chromium.ts `withReportPage`, the page the PDF is
 * printed from), on two synthetic conditions of one runner (cadence 168 and 180 steps/min):
 * - Each change's verdict is one line of its narrow column: Review's short tag ("within noise",
 *   "resolved"), the full words in the note under the table. The full words ("within what the
 *   measurement resolves") wrapped to four lines in that column (found walking a visit).
 * - The note under the table is printed whole on one page, wherever the page breaks: a spacer put
 *   before it is grown (by halves) until the note starts as low on its page as it can, and the PDF is
 *   read back page by page. It used to break across two pages.
 * Needs the renderer built (npx electron-vite build; STRIDELAB_RENDERER_DIR to use another build).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src-main/paths';
import { printReportPage, withReportPage } from '../../src-main/services/report/pdf-chromium';
import { buildReport } from '../../src-shared/report/build';
import type { ReportBundle } from '../../src-shared/report/model';
import { reportInput, runnerClip } from '../../src-shared/report/testing/report-input';
import { pdfPages } from './pdf-read';
import { pastPrintableWidth } from './print-width';

const dir = mkdtempSync(join(tmpdir(), 'stridelab-comparison-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const condition = (id: string, cadence: number, seed: number) => ({
  id,
  label: id === 'flat' ? 'Flat' : 'Incline',
  clips: [
    runnerClip({ view: 'side', fps: 60, durationS: 8, seed, noisePx: 1, cadence }, { file: `${id}.mp4` }),
  ],
});
const { model } = buildReport(reportInput([condition('flat', 168, 7), condition('incline', 180, 8)]));
const bundle: ReportBundle = { model, images: {} };

/** Lines of text each change verdict takes, as laid out (its text's boxes by distinct top). */
function verdictLines(page: Page): Promise<{ text: string; lines: number }[]> {
  return page.$$eval('[data-testid="change-note"]', (els) =>
    els.map((el) => {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { text: el.textContent ?? '', lines: tops.size };
    }),
  );
}

const NOTE = '[data-testid="comparison"] > p';
const FIRST = 'Change = Incline'; // the note's first words
const LAST = 'applies.'; // and its last (the first after them)

/** Print with a spacer of `px` before the note; the pages (1-based) holding its first and last words. */
async function noteAt(page: Page, px: number, name?: string): Promise<{ first: number; last: number }> {
  await page.$eval(
    NOTE,
    (note, h) => {
      let spacer = note.ownerDocument.getElementById('test-spacer');
      if (!spacer) {
        spacer = note.ownerDocument.createElement('div');
        spacer.id = 'test-spacer';
        note.before(spacer);
      }
      spacer.style.height = `${h}px`;
    },
    px,
  );
  const pdf = await printReportPage(page, bundle);
  const file = join(dir, `${name ?? 'cut'}.pdf`);
  writeFileSync(file, pdf);
  if (name && process.env.STRIDELAB_SHOTS)
    writeFileSync(join(process.env.STRIDELAB_SHOTS, `${name}.pdf`), pdf);
  const pages = pdfPages(file).map((p) => p.replace(/\s+/g, ' '));
  const first = pages.findIndex((p) => p.includes(FIRST));
  const last = pages.findIndex(
    (p, i) => i >= first && p.slice(i === first ? p.indexOf(FIRST) : 0).includes(LAST),
  );
  return { first: first + 1, last: last + 1 };
}

describe('the flat vs incline table, printed', () => {
  it('prints each verdict on one line and the note under the table whole, wherever the page breaks', async () => {
    const found = await withReportPage({ rendererDir: rendererDir() }, bundle, async (page) => {
      const over = await pastPrintableWidth(page); // lays the page out at the paper's width
      const lines = await verdictLines(page);
      // The note starts on page p with no spacer; find the tallest spacer that keeps its start there
      // (to 1 px), so that its lines run down to the page's foot.
      const start = await noteAt(page, 0, 'comparison-note-0');
      let lo = 0;
      let hi = 1200; // taller than a page: the note surely starts on a later one
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if ((await noteAt(page, mid)).first === start.first) lo = mid;
        else hi = mid;
      }
      const lowest = await noteAt(page, lo, 'comparison-note-lowest');
      const pushed = await noteAt(page, hi, 'comparison-note-pushed');
      return { lines, over, start, lowest, pushed, spacer: lo };
    });
    expect.soft(found.lines.length).toBeGreaterThan(5);
    expect.soft(new Set(found.lines.map((l) => l.text))).toEqual(new Set(['within noise', 'resolved']));
    expect.soft(found.lines.filter((l) => l.lines !== 1)).toEqual([]);
    expect.soft(found.over).toEqual([]);
    expect.soft(found.start.first).toBeGreaterThan(0);
    // At its lowest the note is still whole on its page; one pixel more and it moves whole.
    expect.soft(found.lowest.last).toBe(found.lowest.first);
    expect.soft(found.pushed.first).toBe(found.start.first + 1);
    expect.soft(found.pushed.last).toBe(found.pushed.first);
  }, 300_000);
});
