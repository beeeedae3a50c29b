import type { ReportBundle } from '../../../src-shared/report/model';

/**
 * What prints a report bundle to PDF bytes. Two implementations, one page (report.html) and one set
 * of templates (./templates.ts): headless Chromium through playwright-core (./pdf-chromium.ts: CLI,
 * browser mode, tests) and Electron's webContents.printToPDF (src-main/electron/report-pdf.ts).
 */
export interface ReportPrinter {
  print(bundle: ReportBundle, signal?: AbortSignal): Promise<Uint8Array>;
}
