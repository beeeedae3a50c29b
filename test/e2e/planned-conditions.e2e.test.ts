import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Recording } from '../../src-shared/contract/recordings';
import { TREADMILL_CLIP } from '../review/fixtures/pose-store';
import type { ReviewApp } from '../review/fixtures/review-app';
import { reviewSession } from './review-session';

/**
 * A visit planned before filming (docs/library-layout.md, "Conditions"), in Chromium on the built
 * renderer: the PT adds a condition and types its speed and incline on the session page, the page is
 * loaded again (and opened afresh, as after a restart), and all are still there, stored with the
 * session; the clip then imported into the condition takes the speed and the incline. A condition added by mistake can be
 * taken off while it has no clip. With STRIDELAB_SHOTS set, a picture of the page to look at.
 */
let r: ReviewApp;
let page: Page;

reviewSession(
  {
    session: { date: '2026-12-07', treadmillSpeedsKmh: [10] },
    clips: [],
    open: 'session',
    waitFor: 'settings-flat',
  },
  (s) => ({ r, page } = s),
);

const shot = async (name: string): Promise<void> => {
  const dir = process.env.STRIDELAB_SHOTS;
  if (dir) await page.getByRole('region', { name: 'Clips' }).screenshot({ path: join(dir, `${name}.png`) });
};

const LABEL = 'hill 10 km/h';
const heading = () => page.getByTestId(`settings-${LABEL}`).textContent();
const box = () => page.getByLabel(`Incline (%) for ${LABEL}`);
const speedBox = () => page.getByLabel(`Speed (km/h) for ${LABEL}`);
const addCondition = async (label: string): Promise<void> => {
  await page.getByLabel('Add condition').fill(label);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
};
const loadedAgain = async (): Promise<void> => {
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByTestId('settings-flat').waitFor({ timeout: 60_000 });
};

describe('conditions planned on the session page', () => {
  it('keeps a condition and its settings typed before filming when the page is loaded again', async () => {
    await addCondition(LABEL);
    // The label says 10 km/h: offered as the placeholder; the PT types what the belt was set to.
    expect(await speedBox().getAttribute('placeholder')).toBe('10');
    await speedBox().fill('10.5');
    await box().fill('5');
    await page.getByTestId(`settings-form-${LABEL}`).getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(heading).toBe('10.5 km/h · 5 % incline');
    await loadedAgain();
    await expect.poll(heading).toBe('10.5 km/h · 5 % incline');
    expect(await box().inputValue()).toBe('5');
    expect(await speedBox().inputValue()).toBe('10.5');
    // A page opened afresh (another window, or after a restart) reads the same from the library.
    const fresh = (await r.openPage(`#/sessions/${r.sessionId}`)).page;
    await expect
      .poll(() => fresh.getByLabel(`Incline (%) for ${LABEL}`).inputValue(), { timeout: 60_000 })
      .toBe('5');
    await fresh.close();
    expect(await r.call('conditions:list', { sessionId: r.sessionId })).toEqual([
      { label: LABEL, inclinePct: 5, speedKmh: 10.5 },
    ]);
  });

  it('refuses a condition that differs from one there only in capitals, and says which', async () => {
    const before = await page.locator('.condition-head h3').allTextContents();
    await addCondition('Flat');
    const said = await page.locator('.clip-add [role="alert"]').textContent();
    expect(said).toContain('already has the condition “flat”');
    expect(await page.locator('.condition-head h3').allTextContents()).toEqual(before);
    await page.getByLabel('Add condition').fill('');
  });

  it('takes a condition added by mistake off, for good', async () => {
    await addCondition('hil');
    const remove = page.getByRole('button', { name: 'Remove the condition hil', exact: true });
    await remove.waitFor();
    // Only a condition the PT added, with no clip: not flat or incline, not one with clips.
    expect(await page.getByRole('button', { name: /^Remove the condition/ }).count()).toBe(2);
    await shot('planned-conditions-added');
    await remove.click();
    await expect.poll(() => page.getByTestId('settings-hil').count()).toBe(0);
    await loadedAgain();
    expect(await page.getByTestId('settings-hil').count()).toBe(0);
    expect(await page.getByTestId(`settings-${LABEL}`).count()).toBe(1);
  });

  it('gives the clip imported into the condition its speed and incline', async () => {
    await page.getByTestId(`file-side-${LABEL}`).setInputFiles(TREADMILL_CLIP);
    await page.locator(`[data-slot="side:${LABEL}"] .clip-card`).waitFor({ timeout: 120_000 });
    const clips = await r.call<Recording[]>('recordings:list', { sessionId: r.sessionId });
    expect(clips.map((c) => c.condition)).toEqual([{ label: LABEL, inclinePct: 5, speedKmh: 10.5 }]);
    // With a clip filed under it, the condition can no longer be taken off.
    expect(await page.getByRole('button', { name: `Remove the condition ${LABEL}` }).count()).toBe(0);
    await loadedAgain();
    await expect.poll(heading).toBe('10.5 km/h · 5 % incline');
    const dir = process.env.STRIDELAB_SHOTS;
    if (dir)
      await page
        .getByRole('region', { name: 'Clips' })
        .screenshot({ path: join(dir, 'planned-conditions.png') });
  }, 180_000);

  it('lays "Add condition" out on one line at the left, and a clip\u2019s Review and Delete side by side alike', async () => {
    const at = async (l: ReturnType<Page['locator']>) => (await l.boundingBox())!;
    const clips = await at(page.getByRole('region', { name: 'Clips' }));
    const input = await at(page.getByLabel('Add condition'));
    const add = await at(page.getByRole('button', { name: 'Add', exact: true }));
    const label = await at(page.locator('.clip-add label'));
    expect(Math.abs(add.y + add.height / 2 - (input.y + input.height / 2))).toBeLessThan(4);
    expect(label.x - clips.x).toBeLessThan(4);
    const card = page.locator(`[data-slot="side:${LABEL}"] .clip-card`);
    const review = await at(card.getByRole('link', { name: 'Review' }));
    const del = await at(card.getByRole('button', { name: 'Delete' }));
    expect(Math.abs(review.y - del.y)).toBeLessThan(2);
    expect(Math.abs(review.height - del.height)).toBeLessThan(2);
    // Stretched alike, the bare link's word sat at the top of the row: it is drawn as a button.
    const looks = (l: ReturnType<Page['locator']>) =>
      l.evaluate((e) => {
        const c = e.ownerDocument.defaultView!.getComputedStyle(e);
        return [c.paddingTop, c.borderTopStyle, c.borderRadius, c.textDecorationLine].join(' ');
      });
    expect(await looks(card.getByRole('link', { name: 'Review' }))).toBe(
      await looks(card.getByRole('button', { name: 'Delete' })),
    );
  });

  it('heads each condition with its name, its Review link beside it, above its own clips', async () => {
    // The link used to sit alone above the condition's settings, where it read as the row above's.
    const at = async (l: ReturnType<Page['locator']>) => (await l.boundingBox())!;
    const name = await at(page.getByRole('heading', { level: 3, name: LABEL, exact: true }));
    const link = await at(page.getByRole('link', { name: `Review ${LABEL}`, exact: true }));
    const slot = await at(page.locator(`[data-slot="side:${LABEL}"]`));
    expect(Math.abs(link.y + link.height / 2 - (name.y + name.height / 2))).toBeLessThan(4);
    expect(link.x).toBeGreaterThan(name.x + name.width);
    expect(slot.y).toBeGreaterThan(link.y + link.height);
  });
});
