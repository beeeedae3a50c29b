import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { guardPage } from '../helpers/browser';
import { slowed as lateSlowed } from '../helpers/late-calls';
import { callServed, type Served } from '../helpers/serve';
import { servedApp } from './served-app';

/**
 * A returning patient's new session starts from the last one (complaint, side, shoes, speeds,
 * inclines), and a form's mistakes are said in the clinic's words beside their box, never as a
 * field id ("heightCm: …"). Browser mode as a user starts it, Chromium on the built renderer.
 */
let app: Served;
let page: Page;
let guard: ReturnType<typeof guardPage>;

const call = <T>(channel: string, input: unknown): Promise<T> => callServed<T>(app, channel, input);

servedApp({ viewport: { width: 1200, height: 900 } }, (s) => ({ app, page, guard } = s));

const go = (hash: string) =>
  page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);

/** A UTC date `days` from now (YYYY-MM-DD): 28 days on is in the future in every time zone. */
const daysFromNow = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const slowed = (channel: string, act: () => Promise<void>): Promise<void> => lateSlowed(page, channel, act);

describe('session form', () => {
  it('starts a follow-up from the last session, and can start empty instead', async () => {
    const p = await call<{ id: string }>('patients:create', { name: 'Returning Runner' });
    await call('sessions:create', {
      patientId: p.id,
      date: '2026-10-01',
      complaint: 'old complaint',
      treadmillSpeedsKmh: [9],
    });
    await call('sessions:create', {
      patientId: p.id,
      date: '2026-11-02',
      clinician: 'Sam Lee, PT',
      complaint: 'right proximal hamstring pain',
      injurySide: 'right',
      shoes: 'Pegasus 40',
      treadmillSpeedsKmh: [11, 12.5],
      treadmillInclinesPct: [0, 5],
      notes: 'about that visit only',
    });
    await go(`#/patients/${p.id}/sessions/new`);
    await expect.poll(() => page.getByTestId('prefilled').textContent()).toContain('2026-11-02');
    expect(await page.getByLabel('Complaint').inputValue()).toBe('right proximal hamstring pain');
    expect(await page.getByLabel('Injury side').inputValue()).toBe('right');
    expect(await page.getByLabel('Shoes').inputValue()).toBe('Pegasus 40');
    expect(await page.getByLabel('Treadmill speeds (km/h)').inputValue()).toBe('11 12.5');
    expect(await page.getByLabel('Inclines (%)').inputValue()).toBe('0 5');
    expect(await page.getByLabel('Clinician').inputValue()).toBe('Sam Lee, PT');
    expect(await page.getByLabel('Notes').inputValue()).toBe('');
    // Today, not the last visit's date.
    expect(await page.getByLabel('Date').inputValue()).toBe(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Start empty' }).click();
    expect(await page.getByLabel('Complaint').inputValue()).toBe('');
    expect(await page.getByTestId('prefilled').count()).toBe(0);
  });

  it("keeps what was typed before the last session's values came", async () => {
    const p = await call<{ id: string }>('patients:create', { name: 'Quick Typist' });
    await call('sessions:create', {
      patientId: p.id,
      date: '2026-11-03',
      complaint: 'right proximal hamstring pain',
      shoes: 'Pegasus 40',
    });
    await slowed('sessions:list', async () => {
      await go(`#/patients/${p.id}/sessions/new`);
      await page.getByLabel('Complaint').fill('left calf tightness');
      await expect.poll(() => page.getByTestId('prefilled').textContent()).toContain('2026-11-03');
    });
    expect(await page.getByLabel('Complaint').inputValue()).toBe('left calf tightness');
    expect(await page.getByLabel('Shoes').inputValue()).toBe('Pegasus 40');
  });

  it('saves an edit typed as the form opens over the patient, never empty boxes', async () => {
    const p = await call<{ id: string }>('patients:create', {
      name: 'Dee Runner',
      clinicId: 'PT-777',
      heightCm: 171,
    });
    await slowed('patients:get', async () => {
      await go(`#/patients/${p.id}/edit`);
      await page.getByLabel('Name').fill('Dee Runner-Fast');
      await page.getByLabel('Name').press('Enter');
      await page.getByRole('heading', { name: 'Dee Runner-Fast' }).waitFor();
    });
    const saved = await call<{ name: string; clinicId?: string; heightCm?: number }>('patients:get', {
      id: p.id,
    });
    expect(saved).toMatchObject({ name: 'Dee Runner-Fast', clinicId: 'PT-777', heightCm: 171 });
  });

  it('saves a session edit typed as the form opens over the session, never empty boxes', async () => {
    const p = await call<{ id: string }>('patients:create', { name: 'Eve Runner' });
    const s = await call<{ id: string }>('sessions:create', {
      patientId: p.id,
      date: '2026-11-04',
      complaint: 'shin pain',
      shoes: 'Clifton 9',
      treadmillSpeedsKmh: [10],
    });
    await slowed('sessions:get', async () => {
      await go(`#/sessions/${s.id}/edit`);
      await page.getByLabel('Clinician').fill('Sam Lee, PT');
      await page.getByLabel('Clinician').press('Enter');
      await page.getByRole('heading', { name: /^Session / }).waitFor();
    });
    const saved = await call<Record<string, unknown>>('sessions:get', { id: s.id });
    expect(saved).toMatchObject({
      date: '2026-11-04',
      clinician: 'Sam Lee, PT',
      complaint: 'shin pain',
      shoes: 'Clifton 9',
      treadmillSpeedsKmh: [10],
    });
  });

  it('opens the patient Down and Enter chose, typed before the search answered', async () => {
    await call('patients:create', { name: 'Zola Pace' });
    await call('patients:create', { name: 'Zora Pace' });
    const found = await call<{ name: string }[]>('patients:search', { query: 'Pace', limit: 100 });
    expect(found.map((p) => p.name).sort()).toEqual(['Zola Pace', 'Zora Pace']);
    await go('#/');
    const search = page.getByLabel('Search patients');
    await search.waitFor();
    await slowed('patients:search', async () => {
      await search.fill('Pace');
      await search.press('ArrowDown');
      await search.press('Enter');
      await page.getByRole('heading', { level: 1, name: /Pace$/ }).waitFor();
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(found[1]!.name);
  });

  it('says a wrong speed in words beside its box', async () => {
    const p = await call<{ id: string }>('patients:create', { name: 'New Runner' });
    await go(`#/patients/${p.id}/sessions/new`);
    await page.getByRole('heading', { name: 'New session' }).waitFor();
    expect(await page.getByTestId('prefilled').count()).toBe(0);
    await page.getByLabel('Treadmill speeds (km/h)').fill('11 300');
    await page.getByRole('button', { name: 'Save session' }).click();
    const error = page.locator('[data-field="speeds"] .error');
    await expect.poll(() => error.textContent()).toBe('Each treadmill speed must be at most 30 km/h.');
  });

  it('marks every bad box of a new patient after one save, and saves nothing', async () => {
    await go('#/patients/new');
    await page.getByRole('heading', { name: 'New patient' }).waitFor();
    await page.getByLabel('Name').fill('');
    await page.getByLabel('Date of birth').fill(daysFromNow(30));
    await page.getByLabel('Height (cm)').fill('1780');
    await page.getByLabel('Leg length (cm)').fill('-5');
    await page.getByRole('button', { name: 'Save patient' }).click();
    const error = (field: string) => page.locator(`[data-field="${field}"] .error`);
    await expect.poll(() => error('legLengthCm').textContent()).toBe('Leg length must be at least 30 cm.');
    expect(await error('name').textContent()).toBe('Name is required.');
    expect(await error('dateOfBirth').textContent()).toBe('Date of birth cannot be in the future.');
    expect(await error('heightCm').textContent()).toBe('Height must be at most 250 cm.');
    expect(await page.locator('.field.invalid').count()).toBe(4);
    expect(await page.getByRole('heading', { name: 'New patient' }).count()).toBe(1);
    expect(await call<unknown[]>('patients:search', { query: '', limit: 500 })).not.toContainEqual(
      expect.objectContaining({ heightCm: 1780 }),
    );
  });

  it('refuses a session dated after today beside its box, with the other bad boxes at once', async () => {
    const p = await call<{ id: string }>('patients:create', { name: 'Future Runner' });
    await go(`#/patients/${p.id}/sessions/new`);
    await page.getByRole('heading', { name: 'New session' }).waitFor();
    await page.getByLabel('Date').fill(daysFromNow(28));
    await page.getByLabel('Treadmill speeds (km/h)').fill('11 300');
    await page.getByRole('button', { name: 'Save session' }).click();
    const error = (field: string) => page.locator(`[data-field="${field}"] .error`);
    await expect.poll(() => error('date').textContent()).toBe('Date cannot be in the future.');
    expect(await error('speeds').textContent()).toBe('Each treadmill speed must be at most 30 km/h.');
    expect(await call<unknown[]>('sessions:list', { patientId: p.id })).toEqual([]);
  });

  it('gives each condition the speed typed beside its incline on the session page', async () => {
    // "10 12" beside "0 5", one per condition: the page headed flat "0 % incline" and incline
    // "5 % incline", and the PDF printed speed "—" for both (src-shared/library/conditions.ts, rule 4).
    const shots = process.env.STRIDELAB_SHOTS;
    const p = await call<{ id: string }>('patients:create', { name: 'Two Speeds Runner' });
    await go(`#/patients/${p.id}/sessions/new`);
    await page.getByRole('heading', { name: 'New session' }).waitFor();
    await page.getByLabel('Treadmill speeds (km/h)').fill('10 12');
    await page.getByLabel('Inclines (%)').fill('0 5');
    if (shots) await page.screenshot({ path: `${shots}/session-form-speeds-paired.png` });
    await page.getByRole('button', { name: 'Save session' }).click();
    const heading = (label: string) => page.getByTestId(`settings-${label}`);
    await heading('incline').waitFor();
    if (shots) await page.screenshot({ path: `${shots}/session-page-speeds-paired.png`, fullPage: true });
    await expect.poll(() => heading('flat').textContent()).toBe('10 km/h · 0 % incline');
    expect(await heading('incline').textContent()).toBe('12 km/h · 5 % incline');
  });

  it('says on the form where the typed speeds go, and which go to no condition', async () => {
    const shots = process.env.STRIDELAB_SHOTS;
    const p = await call<{ id: string }>('patients:create', { name: 'Unsaid Speeds Runner' });
    await go(`#/patients/${p.id}/sessions/new`);
    await page.getByRole('heading', { name: 'New session' }).waitFor();
    await page.getByLabel('Treadmill speeds (km/h)').fill('10 12');
    const unplaced = page.getByTestId('settings-unplaced');
    await expect
      .poll(() => unplaced.textContent())
      .toBe(
        '10 and 12 km/h go to no condition: type the inclines in the same order (speeds 10 12 with ' +
          'inclines 0 5 is flat at 10 km/h, incline at 12), or give each condition its speed on the session page.',
      );
    expect(await page.getByTestId('settings-where').getByRole('status').textContent()).toBe(
      'flat: 0 % incline; incline: no speed or incline',
    );
    if (shots) await page.screenshot({ path: `${shots}/session-form-speeds-unplaced.png` });
    await page.getByLabel('Inclines (%)').fill('0 5');
    await expect
      .poll(() => page.getByTestId('settings-where').getByRole('status').textContent())
      .toBe('flat: 10 km/h · 0 % incline; incline: 12 km/h · 5 % incline');
    expect(await unplaced.count()).toBe(0);
    // One speed is every condition's.
    await page.getByLabel('Treadmill speeds (km/h)').fill('11');
    await expect
      .poll(() => page.getByTestId('settings-where').getByRole('status').textContent())
      .toBe('flat: 11 km/h · 0 % incline; incline: 11 km/h · 5 % incline');
  });

  it('says a wrong height in words when editing a patient (the call nests it under "fields")', async () => {
    const p = await call<{ id: string }>('patients:create', { name: 'Edited Runner' });
    await go(`#/patients/${p.id}/edit`);
    await page.getByRole('heading', { name: 'Edit patient' }).waitFor();
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('Edited Runner');
    await page.getByLabel('Height (cm)').fill('17');
    await page.getByRole('button', { name: 'Save patient' }).click();
    await expect
      .poll(() => page.locator('[data-field="heightCm"] .error').textContent())
      .toBe('Height must be at least 50 cm.');
    expect(await page.locator('main').textContent()).not.toMatch(/heightCm|fields\./);
    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
  });
});
