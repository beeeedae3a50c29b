/**
 * How the sample clip's real report lies on A4, measured on the page the PDF is printed from
 * (pdf-chromium.ts `withReportPage`):
 * - It fits the paper: A4 less the printer's margins leaves 190 mm, the report's width, and a table
 *   wider than that is cut at the paper's edge, not shrunk (the demo's PDF lost its references
 *   column when the L − R cell's words, "within what the measurement resolves", were kept on one
 *   line). Laid out at the printable width (print-width.ts); printed to $STRIDELAB_SHOTS when set. A
 *   returning patient's report (progress tables, a rear view) is measured the same way in
 *   test/progress/report-pdf.test.ts.
 * - A variables table never ends a printed page with its caption and header alone, its rows on the
 *   next (report.css: the caption and header kept with the first rows). Printed with its side rows
 *   cut one by one so that the rear table (the side rows again, relabelled as a rear view) starts at
 *   every height of a page, the page breaking wherever it falls. Each PDF read back as text, page by
 *   page: the page that holds a table's caption holds its first row.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src-main/paths';
import { printReportPage, withReportPage } from '../../src-main/services/report/pdf-chromium';
import type { ReportBundle, VariableRow } from '../../src-shared/report/model';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { sessionWithSample } from './library-fixture';
import { pdfPages } from './pdf-read';
import { pastPrintableWidth } from './print-width';

let t: TestServices;
let bundle: ReportBundle;

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-print-layout-' });
  const { sessionId } = await sessionWithSample(t.services);
  const r = await t.services.dispatch('report:get', { sessionId });
  if (!r.ok) throw new Error(r.error.message);
  bundle = r.result as ReportBundle;
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const CAPTIONS = { side: 'Side view (sagittal plane)', rear: 'Rear view (frontal plane)' } as const;

/** Pages where a table's caption stands without its first row. */
function stranded(pages: readonly string[], first: Record<'side' | 'rear', string | undefined>): string[] {
  return (['side', 'rear'] as const).flatMap((view) => {
    const label = first[view];
    if (!label) return [];
    const at = pages.findIndex((p) => p.includes(CAPTIONS[view]));
    // pdftotext wraps a long label over lines: its first words are enough.
    const words = label.split(' ').slice(0, 3).join(' ');
    return at >= 0 && !pages[at]!.includes(words)
      ? [`${view} table: caption on page ${at + 1}, "${words}" not`]
      : [];
  });
}

describe('variables tables across printed pages', () => {
  it('keep their caption and header with their first rows, wherever the page breaks', async () => {
    const c = bundle.model.conditions[0]!;
    const side = c.variables.filter((r) => r.view === 'side');
    expect(side.length).toBeGreaterThanOrEqual(10);
    const rear: VariableRow[] = side.map((r, i) => ({
      ...r,
      view: 'rear',
      label: `Rear stand-in ${i + 1} ${r.label}`,
    }));
    const found: string[] = [];
    let breaks = 0;
    for (let k = side.length; k >= 1; k--) {
      const rows = [...side.slice(0, k), ...rear];
      const one = { ...bundle, model: { ...bundle.model, conditions: [{ ...c, variables: rows }] } };
      const file = join(t.home, `tables-${k}.pdf`);
      writeFileSync(
        file,
        await withReportPage({ rendererDir: rendererDir() }, one, (page) => printReportPage(page, one)),
      );
      const pages = pdfPages(file);
      // The rear table runs over a page end in some of the cuts: the case is there to be caught.
      if (
        !pages.some(
          (p) =>
            p.includes(CAPTIONS.rear) &&
            p.includes(rear[rear.length - 1]!.label.split(' ').slice(0, 3).join(' ')),
        )
      )
        breaks++;
      found.push(
        ...stranded(pages, { side: side[0]!.label, rear: rear[0]!.label }).map((x) => `${k} side rows: ${x}`),
      );
    }
    expect(breaks).toBeGreaterThan(0);
    expect(found).toEqual([]);
  }, 300_000);
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
