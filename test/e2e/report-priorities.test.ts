import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { guardPage } from '../helpers/browser';
import { callServed, type Served } from '../helpers/serve';
import { servedApp } from './served-app';

/**
 * The PT decides what to work on first (issue 19), end to end in browser mode on a library holding
 * the sample clip: with three findings in the report's edits, the PT moves one up, sets one aside
 * and pins one in the editor; the preview's "What to work on first" follows at once, and the order
 * is stored (it is there again after a reload). Waits on what the page shows, never on time.
 */
let browser: Browser;
let app: Served;
let page: Page;
let sessionId: string;

const call = <T>(channel: string, input: unknown): Promise<T> => callServed<T>(app, channel, input);

servedApp({ samplePatient: 'Order Tester' }, async (s) => {
  ({ app, browser, sessionId } = s);
  await call('report:saveEdits', {
    sessionId,
    edits: {
      findings: [
        { id: 'a', text: 'Finding A.', evidence: [] },
        { id: 'b', text: 'Finding B.', evidence: [] },
        { id: 'c', text: 'Finding C.', evidence: [] },
      ],
      plan: [],
      notes: '',
    },
  });
});

const firstIds = () =>
  page
    .locator('[data-testid="work-first-item"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
const allIds = () =>
  page
    .locator('[data-testid="findings"] [data-testid="finding"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
const saved = () => page.getByTestId('save-status').getAttribute('data-state');

describe('what to work on first', () => {
  it('the PT moves, sets aside and pins findings; the preview follows and the order is stored', async () => {
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const guard = guardPage(page);
    await page.goto(app.appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await page.goto(`${app.url}/#/sessions/${sessionId}/report`);
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    await expect.poll(firstIds).toEqual(['a', 'b', 'c']);
    await page.getByRole('button', { name: 'Move finding 3 up', exact: true }).click();
    await expect.poll(firstIds).toEqual(['a', 'c', 'b']);
    await page.getByRole('button', { name: 'Set finding 1 aside', exact: true }).click();
    await expect.poll(firstIds).toEqual(['c', 'b']);
    await expect.poll(allIds).toEqual(['c', 'b', 'a']);
    // Editor order is now a, c, b: finding 3 is b.
    await page.getByRole('button', { name: 'Pin finding 3 first', exact: true }).click();
    await expect.poll(firstIds).toEqual(['b', 'c']);
    await expect.poll(saved, { timeout: 15_000 }).toBe('saved');
    await page.reload();
    await page.getByTestId('report').waitFor({ timeout: 120_000 });
    await expect.poll(allIds).toEqual(['b', 'c', 'a']);
    expect(await page.getByTestId('findings').textContent()).toContain('pinned by the PT');
    const stored = await call<{ model: { findings: { id: string; pin?: string }[] } }>('report:get', {
      sessionId,
    });
    expect(stored.model.findings.map((f) => [f.id, f.pin])).toEqual([
      ['b', 'pinned'],
      ['c', undefined],
      ['a', 'demoted'],
    ]);
    expect(guard.offsite).toEqual([]);
    expect(guard.errors).toEqual([]);
  }, 240_000);
});
