import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../src-main/services/chromium';

/** Debian's Chromium, headless, with the flags that keep it off the network (environment.md). */
export const CHROMIUM = chromiumPath();
export { CHROMIUM_ARGS };
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** Fail the test on any request that leaves 127.0.0.1, and on uncaught page errors. */
export function guardPage(page: Page): { offsite: string[]; errors: string[] } {
  const offsite: string[] = [];
  const errors: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      offsite.push(req.url());
    }
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return { offsite, errors };
}
