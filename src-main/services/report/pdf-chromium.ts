import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { ReportBundle } from '../../../src-shared/report/model';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';
import { ServiceError } from '../errors';
import type { ReportPrinter } from './printer';
import { footerTemplate, headerTemplate, PDF_MARGINS } from './templates';
import { chromiumLaunchOptions, chromiumPath } from '../chromium';

/**
 * Print the report in headless Debian Chromium: load the built report.html, hand it the bundle,
 * wait until React has drawn it and every picture is decoded (`body[data-report-ready]`), then
 * page.pdf() with the header/footer templates.
 *
 * No server: the page's files are answered from disk by request interception on a private origin,
 * and every other request is refused, so nothing about the patient can leave the machine.
 */
const ORIGIN = 'http://report.stridelab.invalid';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface ChromiumPrinterOptions {
  /** Built renderer folder (out/renderer) holding report.html. */
  readonly rendererDir: string;
  readonly executablePath?: string;
}

/**
 * The report page as the printer prints it: report.html loaded and drawn with the bundle, every
 * picture decoded, print media on; `use` gets the page (the printer prints it; a test can measure
 * what is drawn on the very page that becomes the PDF) and Chromium is closed after it.
 */
export async function withReportPage<T>(
  opts: ChromiumPrinterOptions,
  bundle: ReportBundle,
  use: (page: Page) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const root = resolve(opts.rendererDir);
  let pageHtml: Buffer;
  try {
    pageHtml = await readFile(join(root, 'report.html'));
  } catch {
    throw new ServiceError(
      'internal',
      `The report page is not built (${join(root, 'report.html')}). Run: npm run build`,
    );
  }
  // Dies with this process; Playwright's signal handlers off (services/chromium.ts).
  const browser = await chromium.launch(chromiumLaunchOptions([], opts.executablePath ?? chromiumPath()));
  const onAbort = (): void => void browser.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
      const file = resolve(join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root + sep)) return route.fulfill({ status: 404, body: '' });
      const body = url.pathname === '/report.html' ? pageHtml : await readFile(file).catch(() => undefined);
      if (!body) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({
        status: 200,
        body,
        headers: {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
        },
      });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ORIGIN}/report.html`);
    await page.waitForFunction(() => Boolean((globalThis as ReportWindow).stridelabReport), undefined, {
      timeout: 30_000,
    });
    await page.evaluate((b) => (globalThis as ReportWindow).stridelabReport!.render(b), bundle);
    await page.waitForSelector('body[data-report-ready="true"]', { state: 'attached', timeout: 60_000 });
    if (errors.length) throw new Error(`The report page failed: ${errors.join('; ')}`);
    await page.emulateMedia({ media: 'print' });
    const result = await use(page);
    if (signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
    return result;
  } catch (err) {
    if (signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await browser.close().catch(() => undefined);
  }
}

/** The PDF of the page above, with the header and footer templates. */
export function printReportPage(page: Page, bundle: ReportBundle): Promise<Buffer> {
  return page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(bundle.model),
    footerTemplate: footerTemplate(bundle.model),
    margin: PDF_MARGINS,
  });
}

export function chromiumPrinter(opts: ChromiumPrinterOptions): ReportPrinter {
  return {
    async print(bundle, signal) {
      const pdf = await withReportPage(opts, bundle, (page) => printReportPage(page, bundle), signal);
      return new Uint8Array(pdf);
    },
  };
}

/** What report.html puts on its window (src-renderer/src/report/print-main.tsx). */
interface ReportWindow {
  stridelabReport?: { render(bundle: ReportBundle): Promise<{ images: number }> };
}
