import type { ReportModel } from '../../../src-shared/report/model';
import { fmtDate } from '../../../src-shared/report/format';

/**
 * Header and footer printed on every page, for both printers (Chromium's page.pdf and Electron's
 * printToPDF take the same templates: the classes `pageNumber` and `totalPages` are filled in by
 * Chromium). Templates render in their own tiny document with a zero default font size, so every
 * style is inline. Text is escaped: a patient's name is data, not markup.
 */
export const PDF_MARGINS = { top: '16mm', bottom: '15mm', left: '10mm', right: '10mm' } as const;

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const BOX =
  'font-family: DejaVu Sans, Liberation Sans, Arial, sans-serif; font-size: 7.5pt; color: #4a5566; ' +
  'width: 100%; margin: 0 10mm; display: flex; justify-content: space-between;';

/**
 * A report with clips printed from their steady window (model.provisional) says so on every page,
 * above the rule, in the attention colour: a page of a PDF exported meanwhile is never read as final.
 * The window's words fit the top margin on one line each (one clip per view and condition).
 */
export function headerTemplate(model: ReportModel): string {
  const who = [model.patient.name, model.patient.clinicId].filter(Boolean).join(' · ');
  const provisional = (model.provisional ?? [])
    .map(
      (line) =>
        `<div style="${BOX} width: auto; color: #b3261e; font-weight: bold; font-size: 7pt; padding-bottom: 0.8mm;">` +
        `<span>${esc(line)}</span></div>`,
    )
    .join('');
  return (
    `<div style="width: 100%;">${provisional}` +
    // Inside the full-width wrapper each line is as wide as the wrapper less its margins.
    `<div style="${BOX} width: auto; border-bottom: 0.5pt solid #cfd6df; padding-bottom: 2mm;">` +
    `<span><b style="color:#17202b">${esc(who)}</b> · Running gait report${provisional ? ' · provisional' : ''}</span>` +
    `<span>Session ${esc(fmtDate(model.session.date))}</span></div></div>`
  );
}

export function footerTemplate(model: ReportModel): string {
  return (
    `<div style="${BOX}">` +
    `<span>${esc(model.patient.name)} · ${esc(fmtDate(model.session.date))} · StrideLab</span>` +
    `<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  );
}

/** Pages in a PDF Chromium wrote (each page object carries `/Type /Page`). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
