import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { guardPage } from '../helpers/browser';
import { callServed, type Served } from '../helpers/serve';
import { servedApp } from './served-app';

/**
 * Two PTs editing one patient (issue 17): while the edit form is open here, the patient is saved
 * from "room 2" (this server's workstation name); saving here then shows "This patient was changed in
 * room 2 at HH:MM while you were editing: reload to see it, or keep yours." with both ways on, and
 * each does what it says: Keep mine saves what is on screen, Reload shows room 2's version. Browser
 * mode, Chromium on the built renderer.
 */
let app: Served;
let page: Page;
let guard: ReturnType<typeof guardPage>;

const call = <T>(channel: string, input: unknown): Promise<T> => callServed<T>(app, channel, input);

servedApp(
  { workstation: 'room 2', viewport: { width: 1200, height: 900 } },
  (s) => ({ app, page, guard } = s),
);

const go = (hash: string) =>
  page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);

/** Open the edit form and wait until it shows the patient (its version is read with it). */
async function openEdit(id: string, name: string): Promise<void> {
  await go(`#/patients/${id}/edit`);
  await page.getByRole('heading', { name: 'Edit patient' }).waitFor();
  await expect.poll(() => page.getByLabel('Name').inputValue(), WAIT).toBe(name);
}

/** Room 2 saves the patient from the version it read, as its own form would. */
async function room2Saves(id: string, name: string): Promise<void> {
  const { version } = await call<{ version: number }>('patients:stamp', { id });
  await call('patients:update', { id, fields: { name }, version });
}

/** What the page shows can take seconds on a loaded CI machine. */
const WAIT = { timeout: 60_000 };

const SAID =
  /^This patient was changed in room 2 at \d\d:\d\d while you were editing: reload to see it, or keep yours\.$/;

describe('edit conflict on the patient form', () => {
  it('says who changed the patient and when; Keep mine saves what is on screen', async () => {
    const p = await call<{ id: string }>('patients:create', { name: 'Ann Runner' });
    await openEdit(p.id, 'Ann Runner');
    await room2Saves(p.id, 'Ann Runner-Smith');
    await page.getByLabel('Name').fill('Ann R.');
    await page.getByRole('button', { name: 'Save patient' }).click();
    const conflict = page.getByTestId('edit-conflict');
    await conflict.waitFor();
    expect((await conflict.locator('p').textContent())?.trim()).toMatch(SAID);
    // Nothing overwritten yet.
    expect((await call<{ name: string }>('patients:get', { id: p.id })).name).toBe('Ann Runner-Smith');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect
      .poll(async () => (await call<{ name: string }>('patients:get', { id: p.id })).name, WAIT)
      .toBe('Ann R.');
    expect(guard.errors).toEqual([]);
  });

  it("Reload shows room 2's version, and saving then goes through", async () => {
    const p = await call<{ id: string }>('patients:create', { name: 'Bo Strider' });
    await openEdit(p.id, 'Bo Strider');
    await room2Saves(p.id, 'Bo Strider-Lee');
    await page.getByLabel('Name').fill('Bo S.');
    await page.getByRole('button', { name: 'Save patient' }).click();
    const conflict = page.getByTestId('edit-conflict');
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Name').inputValue(), WAIT).toBe('Bo Strider-Lee');
    expect(await conflict.count()).toBe(0);
    await page.getByLabel('Notes').fill('seen in room 1 too');
    await page.getByRole('button', { name: 'Save patient' }).click();
    await expect
      .poll(async () => (await call<{ notes?: string }>('patients:get', { id: p.id })).notes, WAIT)
      .toBe('seen in room 1 too');
    expect((await call<{ name: string }>('patients:get', { id: p.id })).name).toBe('Bo Strider-Lee');
    expect(guard.errors).toEqual([]);
  });
});
