import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Recording } from '../../src-shared/contract/recordings';
import { TREADMILL_CLIP } from '../review/fixtures/pose-store';
import { setHash, type ReviewApp } from '../review/fixtures/review-app';
import { reviewSession } from './review-session';

/**
 * A condition's treadmill settings asked on the session page, speed and incline in one form
 * (src-renderer/src/session/ConditionSettingsForm.tsx), in Chromium on the built renderer. As in the
 * visit e2e, the session form gives one speed (10 km/h) and no incline, and a side clip is filed
 * under "incline": the page headed it "10 km/h" and the report printed "—". A wrong incline or
 * speed is refused in words and changes nothing; 5 % is stored on the clip's condition, the page
 * heads it "10 km/h · 5 % incline" and the report prints "5 %"; then a speed of 12 km/h beside it
 * (the page had no box for it: the session form's one speed was all a condition could have), shown
 * after the page is loaded again and printed by the report. A condition's settings typed before
 * its first clip go with that clip's import. With STRIDELAB_SHOTS set, pictures of the page.
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

reviewSession(
  {
    session: { date: '2026-11-20', treadmillSpeedsKmh: [10] },
    clips: [{ view: 'side', condition: 'incline' }],
    open: 'session',
    waitFor: 'settings-incline',
  },
  (s) =>
    ({
      r,
      page,
      clips: [clip],
    } = s),
);

const heading = () => page.getByTestId('settings-incline').textContent();
const box = () => page.getByLabel('Incline (%) for incline');
const speedBox = () => page.getByLabel('Speed (km/h) for incline');
const form = () => page.getByTestId('settings-form-incline');
const submit = () => form().getByRole('button', { name: 'Save settings' }).click();
const stored = async () => (await r.call<Recording>('recordings:get', { id: clip.id })).condition;

describe('the speed and incline of a condition, asked on the session page', () => {
  it('heads the incline condition with the speed only, and asks for its speed and incline', async () => {
    expect(await heading()).toBe('10 km/h');
    expect(await box().inputValue()).toBe('');
    expect(await box().getAttribute('placeholder')).toBe('e.g. 5');
    // The session form's one speed is offered as the placeholder, nothing stored.
    expect(await speedBox().inputValue()).toBe('');
    expect(await speedBox().getAttribute('placeholder')).toBe('10');
    // Flat is 0 % by its name: offered as the placeholder, nothing stored.
    expect(await page.getByLabel('Incline (%) for flat').getAttribute('placeholder')).toBe('0');
  });

  it('refuses a wrong incline in words, and changes nothing', async () => {
    await box().fill('five');
    await submit();
    const alert = form().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'The incline is a percent grade: a number such as 5, or 0 for flat (not "five").',
    );
    await box().fill('45');
    await submit();
    await expect.poll(() => alert.textContent()).toBe('The incline must be at most 40 %.');
    expect(await box().getAttribute('aria-invalid')).toBe('true');
    await shot('incline-refused');
    expect(await stored()).toEqual({ label: 'incline' });
    expect(await heading()).toBe('10 km/h');
  });

  it('stores 5 % on the clip, heads the condition with it, and the report prints it', async () => {
    await box().fill('5');
    await submit();
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

  it('refuses a wrong speed in words beside the incline, and changes nothing', async () => {
    await setHash(page, `#/sessions/${r.sessionId}`);
    await form().waitFor({ timeout: 60_000 });
    await speedBox().fill('fast');
    await submit();
    const alert = form().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'The speed is the belt speed in km/h: a number such as 10 (not "fast").',
    );
    expect(await speedBox().getAttribute('aria-invalid')).toBe('true');
    // Both wrong at once: both said, neither stored.
    await speedBox().fill('31');
    await box().fill('45');
    await submit();
    await expect
      .poll(() => alert.textContent())
      .toBe('The speed must be at most 30 km/h. The incline must be at most 40 %.');
    await shot('settings-refused');
    expect(await stored()).toEqual({ label: 'incline', inclinePct: 5 });
    expect(await heading()).toBe('10 km/h · 5 % incline');
    await box().fill('5');
  });

  it('stores a speed typed beside the incline, shows it after a reload, and the report prints it', async () => {
    await speedBox().fill('12');
    await submit();
    await expect.poll(heading, { timeout: 30_000 }).toBe('12 km/h · 5 % incline');
    expect(await form().getByRole('alert').count()).toBe(0);
    expect(await stored()).toEqual({ label: 'incline', inclinePct: 5, speedKmh: 12 });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => speedBox().inputValue(), { timeout: 60_000 }).toBe('12');
    expect(await box().inputValue()).toBe('5');
    expect(await heading()).toBe('12 km/h · 5 % incline');
    await shot('settings-set');
    await page.getByRole('button', { name: 'Report' }).click();
    const conditions = page.getByTestId('conditions');
    await conditions.waitFor({ timeout: 120_000 });
    const cells = conditions.locator('tbody tr').first().locator('td');
    expect([await cells.nth(0).textContent(), await cells.nth(1).textContent()]).toEqual([
      '5.0 %',
      '12.0 km/h',
    ]);
  });

  it('takes an incline back when emptied, and carries settings typed before a condition has clips into its first import', async () => {
    await setHash(page, `#/sessions/${r.sessionId}`);
    await page.getByTestId('settings-flat').waitFor({ timeout: 60_000 });
    // Emptied, incline goes back to its label and the session form (none: unknown again).
    await box().fill('');
    await submit();
    await expect.poll(heading, { timeout: 30_000 }).toBe('12 km/h');
    expect(await stored()).toEqual({ label: 'incline', speedKmh: 12 });
    await page.getByLabel('Incline (%) for flat').fill('1');
    await page.getByLabel('Speed (km/h) for flat').fill('9,5');
    await page.getByTestId('settings-form-flat').getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByTestId('settings-flat').textContent()).toBe('9.5 km/h · 1 % incline');
    await page.getByTestId('file-side-flat').setInputFiles(TREADMILL_CLIP);
    // The same file as incline's: the page asks first.
    await page.locator('[data-slot="side:flat"]').getByRole('button', { name: 'Import it anyway' }).click();
    await page.locator('[data-slot="side:flat"] .clip-card').waitFor({ timeout: 120_000 });
    const clips = await r.call<Recording[]>('recordings:list', { sessionId: r.sessionId });
    expect(clips.find((c) => c.condition.label === 'flat')?.condition).toEqual({
      label: 'flat',
      inclinePct: 1,
      speedKmh: 9.5,
    });
  }, 180_000);
});
