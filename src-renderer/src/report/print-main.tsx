/**
 * Entry of report.html, the page the PDF is printed from. The printer (src-main/services/report for
 * headless Chromium, src-main/electron for printToPDF) calls `window.stridelabReport.render(bundle)`
 * and waits for `body[data-report-ready]`, set once React has committed and every picture is
 * decoded: printing earlier would give blank key frames.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ReportBundle } from '../../../src-shared/report/model';
import { ReportDocument } from './ReportDocument';

declare global {
  interface Window {
    stridelabReport?: { render(bundle: ReportBundle): Promise<{ images: number }> };
  }
}

const root = createRoot(document.getElementById('root')!);

window.stridelabReport = {
  async render(bundle) {
    delete document.body.dataset.reportReady;
    flushSync(() => root.render(<ReportDocument bundle={bundle} />));
    document.title = `Gait report · ${bundle.model.patient.name} · ${bundle.model.session.date}`;
    // SVG <image> elements have no decode(): decode the same data URLs through Image objects.
    const urls = [...new Set(Object.values(bundle.images))];
    await Promise.all(
      urls.map((src) => {
        const img = new Image();
        img.src = src;
        return img.decode();
      }),
    );
    await document.fonts.ready;
    document.body.dataset.reportReady = 'true';
    return { images: urls.length };
  },
};
document.body.dataset.reportPage = 'loaded';
