/**
 * The printed report fits its paper: A4 less the printer's margins leaves 190 mm, the report's width.
 * A table wider than that is cut at the paper's edge, not shrunk: the demo's PDF lost its references
 * column past "Rearfoot, midfoot or fro…" when the L − R cell's words ("within what the measurement
 * resolves") were kept on one line. Measured on the page the PDF is printed from, laid out at the
 * printable width (print-width.ts), on a real report of the treadmill sample (printed to
 * $STRIDELAB_SHOTS when set). A returning patient's report, with its progress tables and a rear
 * view, is measured the same way in test/progress/report-pdf.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src-main/paths';
import { printReportPage, withReportPage } from '../../src-main/services/report/pdf-chromium';
import type { ReportBundle } from '../../src-shared/report/model';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { sessionWithSample } from './library-fixture';
import { pastPrintableWidth } from './print-width';

let t: TestServices;
let bundle: ReportBundle;

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
    const over = await withReportPage({ rendererDir: rendererDir() }, bundle, async (page) => {
      const over = await pastPrintableWidth(page);
      const shots = process.env.STRIDELAB_SHOTS;
      if (shots) writeFileSync(join(shots, 'report-print-fit.pdf'), await printReportPage(page, bundle));
      return over;
    });
    expect(over).toEqual([]);
  }, 180_000);
});
