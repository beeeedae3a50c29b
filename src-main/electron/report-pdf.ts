import { BrowserWindow } from 'electron';
import type { ReportBundle } from '../../src-shared/report/model';
import type { ReportPrinter } from '../services/report/printer';
import { footerTemplate, headerTemplate } from '../services/report/templates';

/**
 * The report printer inside Electron: the same report.html (served from app://) in a hidden,
 * sandboxed window, the same bundle handed in, the same header/footer templates, then
 * webContents.printToPDF. Cannot run on the build machines (no Electron binary); the headless
 * Chromium printer (src-main/services/report/pdf-chromium.ts) is the tested twin.
 */
const MM_PER_INCH = 25.4;
const inches = (mm: number): number => mm / MM_PER_INCH;

export function electronPrinter(appOrigin: string): ReportPrinter {
  return {
    async print(bundle: ReportBundle) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, offscreen: true },
      });
      try {
        await win.loadURL(`${appOrigin}/report.html`);
        // The page's own function renders and resolves once every picture is decoded.
        await win.webContents.executeJavaScript(
          `window.stridelabReport.render(${JSON.stringify(bundle)}).then(() => document.body.dataset.reportReady)`,
        );
        const pdf = await win.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: headerTemplate(bundle.model),
          footerTemplate: footerTemplate(bundle.model),
          // Same margins as PDF_MARGINS (mm), in the inches printToPDF takes.
          margins: { top: inches(16), bottom: inches(15), left: inches(10), right: inches(10) },
        });
        return new Uint8Array(pdf);
      } finally {
        win.destroy();
      }
    },
  };
}
