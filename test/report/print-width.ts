import type { Page } from 'playwright-core';
import { PDF_MARGINS } from '../../src-main/services/report/templates';

const PX_PER_MM = 96 / 25.4;
/** A4's width less the printer's margins (templates.ts PDF_MARGINS): the report's paper width. */
export const PRINTABLE_PX = Math.floor(
  (210 - parseFloat(PDF_MARGINS.left) - parseFloat(PDF_MARGINS.right)) * PX_PER_MM,
);

/**
 * Every table, figure or drawing of the report page (pdf-chromium.ts `withReportPage`) that runs past
 * the printable width, laid out at that width: Chromium cuts such an element at the paper's edge
 * rather than shrinking it. One line each, in words.
 */
export async function pastPrintableWidth(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: PRINTABLE_PX, height: 1200 });
  return page.$$eval(
    '.report table, .report figure, .report svg',
    (els, limit) =>
      els
        .map((el) => ({
          what: `${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? ''}`.trim(),
          right: el.getBoundingClientRect().right,
        }))
        .filter((e) => e.right > limit + 0.5)
        .map((e) => `${e.what}: ${Math.round(e.right - limit)} px too wide`),
    PRINTABLE_PX,
  );
}
