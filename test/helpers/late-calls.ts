import type { Page, Route } from 'playwright-core';

/**
 * A busy clinic server, made certain: the page's calls on one channel (browser mode's HTTP call,
 * src-shared/contract/transport.ts) answered late. The real server still answers; only the answer
 * waits, so what the page does meanwhile is what a quick typist's keys meet.
 */
export const callUrl = (channel: string): RegExp => new RegExp(`/${encodeURIComponent(channel)}$`);

/** Holds the channel's answers until `release()`; `stop()` lets later calls through untouched. */
export async function holdCalls(
  page: Page,
  channel: string,
): Promise<{ release: () => void; stop: () => Promise<void> }> {
  let release = (): void => undefined;
  const held = new Promise<void>((r) => (release = r));
  const hold = async (route: Route): Promise<void> => {
    await held;
    await route.continue();
  };
  const url = callUrl(channel);
  await page.route(url, hold);
  return { release: () => release(), stop: () => page.unroute(url, hold) };
}

/** Answers the channel 800 ms late while `act` runs. */
export async function slowed(page: Page, channel: string, act: () => Promise<void>): Promise<void> {
  const url = callUrl(channel);
  const late = async (route: Route): Promise<void> => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  };
  await page.route(url, late);
  try {
    await act();
  } finally {
    await page.unroute(url, late);
  }
}
