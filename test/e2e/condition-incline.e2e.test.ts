import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Recording } from '../../src-shared/contract/recordings';
import {
  readSeries,
  storeLandmarks,
  TREADMILL_CLIP,
  TREADMILL_LANDMARKS,
} from '../review/fixtures/pose-store';
import { setHash, startReviewApp, type ReviewApp } from '../review/fixtures/review-app';

/**
 * A condition's incline asked on the session page (src-renderer/src/session/ConditionIncline.tsx),
 * in Chromium on the built renderer. As in the visit e2e, the session form gives one speed (10 km/h)
 * and no incline, and a side clip is filed under "incline": the page headed it "10 km/h" and the
 * report printed "—". A wrong incline is refused in words and changes nothing; 5 is stored on the
 * clip's condition, the page heads it "10 km/h · 5 % incline" and the report prints "5 %". With
 * STRIDELAB_SHOTS set, pictures of the page to look at.
 */
let r: ReviewApp;
let page: Page;
let clip: Recording;

const shot = async (name: string): Promise<void> => {
  const dir = process.env.STRIDELAB_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.getByRole('region', { name: 'Clips' }).screenshot({ path: join(dir, `${name}.png`) });
};

beforeAll(async () => {
  r = await startReviewApp();
  await r.call('sessions:update', {
    id: r.sessionId,
    fields: { date: '2026-11-20', treadmillSpeedsKmh: [10] },
  });
  clip = await r.importClip(TREADMILL_CLIP, 'side', 'incline');
  await storeLandmarks(r.app.services.library, clip.id, readSeries(TREADMILL_LANDMARKS));
  ({ page } = await r.openPage(`#/sessions/${r.sessionId}`));
  await page.getByTestId('settings-incline').waitFor({ timeout: 60_000 });
});
afterAll(async () => {
  await r?.close();
});

const heading = () => page.getByTestId('settings-incline').textContent();
const box = () => page.getByLabel('Incline (%) for incline');
const form = () => page.getByTestId('incline-form-incline');
const stored = async () => (await r.call<Recording>('recordings:get', { id: clip.id })).condition;

describe('the incline of a condition, asked on the session page', () => {
  it('heads the incline condition with the speed only, and asks for its incline', async () => {
    expect(await heading()).toBe('10 km/h');
    expect(await box().inputValue()).toBe('');
    expect(await box().getAttribute('placeholder')).toBe('e.g. 5');
    // Flat is 0 % by its name: offered as the placeholder, nothing stored.
    expect(await page.getByLabel('Incline (%) for flat').getAttribute('placeholder')).toBe('0');
  });

  it('refuses a wrong incline in words, and changes nothing', async () => {
    await box().fill('five');
    await form().getByRole('button', { name: 'Set incline' }).click();
    const alert = form().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      ' The incline is a percent grade: a number such as 5, or 0 for flat (not "five").',
    );
    await box().fill('45');
    await form().getByRole('button', { name: 'Set incline' }).click();
    await expect.poll(() => alert.textContent()).toBe(' The incline must be at most 40 %.');
    expect(await box().getAttribute('aria-invalid')).toBe('true');
    await shot('incline-refused');
    expect(await stored()).toEqual({ label: 'incline' });
    expect(await heading()).toBe('10 km/h');
  });

  it('stores 5 % on the clip, heads the condition with it, and the report prints it', async () => {
    await box().fill('5');
    await form().getByRole('button', { name: 'Set incline' }).click();
    await expect.poll(heading, { timeout: 30_000 }).toBe('10 km/h · 5 % incline');
    expect(await form().getByRole('alert').count()).toBe(0);
    expect(await stored()).toEqual({ label: 'incline', inclinePct: 5 });
    expect(await box().inputValue()).toBe('5');
    await shot('incline-set');
    const report = await r.call<{ model: { conditions: { label: string; inclinePct?: number }[] } }>(
      'report:get',
      { sessionId: r.sessionId },
    );
    expect(report.model.conditions.map((c) => [c.label, c.inclinePct])).toEqual([['incline', 5]]);
    await page.getByRole('button', { name: 'Report' }).click();
    const conditions = page.getByTestId('conditions');
    await conditions.waitFor({ timeout: 120_000 });
    expect(await conditions.locator('tbody tr').first().locator('td').first().textContent()).toBe('5.0 %');
    const dir = process.env.STRIDELAB_SHOTS;
    if (dir) await conditions.screenshot({ path: join(dir, 'incline-report.png') });
  });

  it('takes an incline back when emptied, and carries one typed before a condition has clips into its first import', async () => {
    await setHash(page, `#/sessions/${r.sessionId}`);
    await page.getByTestId('settings-flat').waitFor({ timeout: 60_000 });
    // Emptied, incline goes back to its label and the session form (none: unknown again).
    await box().fill('');
    await form().getByRole('button', { name: 'Set incline' }).click();
    await expect.poll(heading, { timeout: 30_000 }).toBe('10 km/h');
    expect(await stored()).toEqual({ label: 'incline' });
    const flat = page.getByLabel('Incline (%) for flat');
    await flat.fill('1');
    await page.getByTestId('incline-form-flat').getByRole('button', { name: 'Set incline' }).click();
    await expect.poll(() => page.getByTestId('settings-flat').textContent()).toBe('10 km/h · 1 % incline');
    await page.getByTestId('file-side-flat').setInputFiles(TREADMILL_CLIP);
    // The same file as incline's: the page asks first.
    await page.locator('[data-slot="side:flat"]').getByRole('button', { name: 'Import it anyway' }).click();
    await page.locator('[data-slot="side:flat"] .clip-card').waitFor({ timeout: 120_000 });
    const clips = await r.call<Recording[]>('recordings:list', { sessionId: r.sessionId });
    expect(clips.find((c) => c.condition.label === 'flat')?.condition).toEqual({
      label: 'flat',
      inclinePct: 1,
    });
  }, 180_000);
});
