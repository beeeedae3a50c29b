import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedApp } from './served-app';

/**
 * The report page's actions read as groups at the clinic laptop's window sizes (1366x768 and
 * 1920x1080), in Chromium on the built renderer, on the sample clip's report. "Accept the
 * suggestions" was a small button alone on a line between the page's title and the editor; it is
 * now a full-size button in the panel that heads the PT's words ("Your words": what state the
 * words are in, the action, whether they are saved), inside the editor's column and above the
 * first finding, as tall as the export buttons. Each finding's five buttons (move up and down, pin,
 * set aside, remove) wrapped over three lines of the editor's column: they are one row now, inside
 * the column, their names unchanged for a screen reader ("Pin finding 1 first"). With
 * STRIDELAB_SHOTS set, pictures of the window to look at.
 */
let page: Page;

servedApp({ samplePatient: 'Layout Tester', viewport: { width: 1366, height: 768 } }, async (s) => {
  page = s.page;
  await page.goto(`${s.app.url}/#/sessions/${s.sessionId}/report`);
  await page.getByTestId('report').waitFor({ timeout: 120_000 });
});

type Box = { x: number; y: number; width: number; height: number };
const at = async (l: ReturnType<Page['locator']>): Promise<Box> => (await l.boundingBox())!;
const shot = async (name: string): Promise<void> => {
  const dir = process.env.STRIDELAB_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
};

describe('the report page’s actions', () => {
  it.each([
    [1366, 768],
    [1920, 1080],
  ])('read as groups at %ix%i', async (w, h) => {
    await page.setViewportSize({ width: w, height: h });
    const editor = await at(page.locator('.report-editor'));
    const words = page.getByRole('group', { name: 'Your words' });
    const accept = await at(words.getByRole('button', { name: 'Accept the suggestions' }));
    const exportPdf = await at(page.getByRole('button', { name: 'Export PDF' }));
    expect(accept.height).toBeGreaterThanOrEqual(exportPdf.height - 1);
    expect(await words.getByTestId('words-state').textContent()).toContain('not yet reviewed');
    const panel = await at(words);
    expect(panel.x).toBeGreaterThanOrEqual(editor.x - 1);
    expect(panel.x + panel.width).toBeLessThanOrEqual(editor.x + editor.width + 1);
    const first = await at(page.getByTestId('finding-edit').first().locator('textarea').first());
    expect(accept.y + accept.height).toBeLessThan(first.y);
    // In the window as the page opens, not below the fold.
    expect(accept.y + accept.height).toBeLessThanOrEqual(h);
    // Finding 1's buttons: one row, inside the editor's column.
    const row = page.getByTestId('finding-edit').first().locator('.edit-actions');
    const names = ['Move finding 1 up', 'Move finding 1 down', 'Pin finding 1 first', 'Set finding 1 aside'];
    const buttons = await Promise.all(
      [...names, 'Remove finding 1'].map((name) => at(row.getByRole('button', { name, exact: true }))),
    );
    const middle = (b: Box): number => b.y + b.height / 2;
    for (const b of buttons) {
      expect(Math.abs(middle(b) - middle(buttons[0]!))).toBeLessThan(2);
      expect(b.x + b.width).toBeLessThanOrEqual(editor.x + editor.width + 1);
    }
    await shot(`report-actions-${w}`);
  });

  it('says the words are the PT’s once the suggestions are accepted, in the same panel', async () => {
    const words = page.getByRole('group', { name: 'Your words' });
    await words.getByRole('button', { name: 'Accept the suggestions' }).click();
    await words.getByRole('button', { name: 'Back to suggestions' }).waitFor({ timeout: 30_000 });
    expect(await words.getByTestId('words-state').textContent()).toBe(
      'Your words: the report prints what you write below.',
    );
    await expect.poll(() => words.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    await shot('report-actions-accepted');
  }, 60_000);
});
