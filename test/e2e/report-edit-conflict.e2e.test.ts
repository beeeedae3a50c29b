import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReportEdits } from '../../src-shared/contract/report';
import type { guardPage } from '../helpers/browser';
import { holdCalls } from '../helpers/late-calls';
import { callServed, type Served } from '../helpers/serve';
import { servedApp } from './served-app';

/**
 * Two PTs writing one report (issue 17): the report page saves as the PT types, each save from the
 * version of the words it started from. When "room 2" (this server's workstation name) saved the
 * words meanwhile, the page says "This report's wording was changed in room 2 at HH:MM while you were
 * editing: reload to see it, or keep yours." instead of overwriting them; Reload shows room 2's words,
 * Keep mine saves what is on screen. Browser mode on the sample clip with its pose results.
 */
let app: Served;
let page: Page;
let guard: ReturnType<typeof guardPage>;
let sessionId: string;

const call = <T>(channel: string, input: unknown): Promise<T> => callServed<T>(app, channel, input);

servedApp(
  { samplePatient: 'Conflict Tester', workstation: 'room 2', viewport: { width: 1500, height: 1000 } },
  (s) => ({ app, page, guard, sessionId } = s),
);

const notes = () => page.getByLabel('Notes for the report');
const saved = () => page.getByTestId('save-status').getAttribute('data-state');

/** Room 2 saves its words from the version it read, as its own page would. */
async function room2Writes(text: string): Promise<void> {
  const { version } = await call<{ version: number }>('report:editsStamp', { sessionId });
  const edits: ReportEdits = { findings: [], plan: [], notes: text };
  await call('report:saveEdits', { sessionId, edits, basedOn: version });
}

async function openReport(): Promise<void> {
  await page.goto(`${app.url}/#/sessions/${sessionId}/report`);
  await page.getByTestId('report').waitFor({ timeout: 120_000 });
  await notes().waitFor();
}

/** What the page says can take a report build (seconds) on a loaded machine. */
const WAIT = { timeout: 60_000 };

const SAID =
  /^This report's wording was changed in room 2 at \d\d:\d\d while you were editing: reload to see it, or keep yours\.$/;

describe('report page, words saved meanwhile in another room', () => {
  it('says so and keeps mine when asked', async () => {
    await openReport();
    await notes().fill('first words here');
    await expect.poll(saved, WAIT).toBe('saved');
    await room2Writes('room 2 words');
    await notes().fill('my later words');
    const conflict = page.getByTestId('edit-conflict');
    await conflict.waitFor({ timeout: 30_000 });
    expect((await conflict.locator('p').textContent())?.trim()).toMatch(SAID);
    expect((await call<{ model: { notes: string } }>('report:get', { sessionId })).model.notes).toBe(
      'room 2 words',
    );
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(saved, WAIT).toBe('saved');
    expect(await conflict.count()).toBe(0);
    expect((await call<{ model: { notes: string } }>('report:get', { sessionId })).model.notes).toBe(
      'my later words',
    );
    expect(guard.errors).toEqual([]);
  }, 180_000);

  it("shows room 2's words on Reload", async () => {
    await openReport();
    await notes().fill('before reload');
    await expect.poll(saved, WAIT).toBe('saved');
    await room2Writes('room 2 again');
    await notes().fill('typed here, dropped');
    const conflict = page.getByTestId('edit-conflict');
    await conflict.waitFor({ timeout: 30_000 });
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => notes().inputValue(), WAIT).toBe('room 2 again');
    expect(await conflict.count()).toBe(0);
    // And the next words save over room 2's, from the version reloaded.
    await notes().fill('after reload');
    await expect.poll(saved, WAIT).toBe('saved');
    expect((await call<{ model: { notes: string } }>('report:get', { sessionId })).model.notes).toBe(
      'after reload',
    );
    expect(guard.errors).toEqual([]);
  }, 180_000);

  it('saves words typed before the page knew their version from that version', async () => {
    await page.goto(`${app.url}/#/sessions/${sessionId}`);
    await page.getByRole('button', { name: 'Report' }).waitFor();
    // The page's read of the version is answered late (a busy server): read as the page opened,
    // answered only after room 2 has saved and the PT has typed.
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const late = async (route: Route): Promise<void> => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    };
    await page.route(/report%3AeditsStamp$/, late);
    await openReport();
    await room2Writes('room 2 meanwhile');
    await notes().fill('typed as the page opened');
    await page
      .locator('[data-testid="save-status"]:is([data-state="saving"], [data-state="saved"])')
      .waitFor(WAIT);
    release();
    const conflict = page.getByTestId('edit-conflict');
    await conflict.waitFor({ timeout: 30_000 });
    await page.unroute(/report%3AeditsStamp$/, late);
    expect((await call<{ model: { notes: string } }>('report:get', { sessionId })).model.notes).toBe(
      'room 2 meanwhile',
    );
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => notes().inputValue(), WAIT).toBe('room 2 meanwhile');
    expect(guard.errors).toEqual([]);
  }, 180_000);

  it('shows the words typed last when the PT comes back before they were saved', async () => {
    await openReport();
    // Leaving the page saves what was typed; that save is answered late (a busy server). A
    // reading of the report meanwhile is answered from before it (fetched, then the save let go).
    const save = await holdCalls(page, 'report:saveEdits');
    let saveLetGo = false;
    const readMeanwhile = async (route: Route): Promise<void> => {
      if (saveLetGo) return route.continue();
      const response = await route.fetch();
      save.release();
      await route.fulfill({ response });
    };
    await page.route(/report%3Aget$/, readMeanwhile);
    await notes().fill('typed just before leaving');
    await page.locator('.crumbs').getByRole('link', { name: 'Session' }).click();
    await page.getByRole('button', { name: 'Report' }).click();
    await page.getByText('Preparing the report…').or(page.getByTestId('report')).first().waitFor(WAIT);
    saveLetGo = true;
    save.release();
    await expect.poll(() => notes().inputValue(), WAIT).toBe('typed just before leaving');
    await save.stop();
    await page.unroute(/report%3Aget$/, readMeanwhile);
    expect((await call<{ model: { notes: string } }>('report:get', { sessionId })).model.notes).toBe(
      'typed just before leaving',
    );
    expect(guard.errors).toEqual([]);
  }, 180_000);
});
