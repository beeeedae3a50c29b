/**
 * The printed report fits its paper: A4 less the printer's margins (templates.ts PDF_MARGINS) leaves
 * 190 mm, the report's width. A table wider than that is cut at the paper's edge, not shrunk: the
 * demo's PDF lost its references column past "Rearfoot, midfoot or fro…" when the L − R cell's words
 * ("within what the measurement resolves") were kept on one line. Measured on the page the PDF is
 * printed from (pdf-chromium.ts `withReportPage`), laid out at the printable width, on a real report
 * of the treadmill sample (printed to $STRIDELAB_SHOTS when set).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src-main/paths';
import { printReportPage, withReportPage } from '../../src-main/services/report/pdf-chromium';
import { PDF_MARGINS } from '../../src-main/services/report/templates';
import type { ReportBundle } from '../../src-shared/report/model';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { sessionWithSample } from './library-fixture';

let t: TestServices;
let bundle: ReportBundle;

const PX_PER_MM = 96 / 25.4;
const printableMm = 210 - parseFloat(PDF_MARGINS.left) - parseFloat(PDF_MARGINS.right);

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-print-fit-' });
  const { sessionId } = await sessionWithSample(t.services);
  const r = await t.services.dispatch('report:get', { sessionId });
  if (!r.ok) throw new Error(r.error.message);
  bundle = r.result as ReportBundle;
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('the printed report fits A4', () => {
  it('no table or figure runs past the printable width', async () => {
    const widthPx = Math.floor(printableMm * PX_PER_MM);
    const over = await withReportPage({ rendererDir: rendererDir() }, bundle, async (page) => {
      await page.setViewportSize({ width: widthPx, height: 1200 });
      // With STRIDELAB_SHOTS set, the PDF printed from this page, to be looked at.
      const shots = process.env.STRIDELAB_SHOTS;
      if (shots) writeFileSync(join(shots, 'report-print-fit.pdf'), await printReportPage(page, bundle));
      return page.$$eval(
        '.report table, .report figure, .report svg',
        (els, limit) =>
          els
            .map((el) => ({
              what: `${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.className ?? ''}`,
              right: el.getBoundingClientRect().right,
            }))
            .filter((e) => e.right > limit + 0.5)
            .map((e) => `${e.what.trim()}: ${Math.round(e.right - limit)} px too wide`),
        widthPx,
      );
    });
    expect(over).toEqual([]);
  }, 180_000);
});
