import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardPage, launchChromium } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { callServed, serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';

/**
 * Two workstations of one clinic server as users start them (`stridelab serve --db … --media …
 * --workstation …`, real processes on the built app, issue 17), room 2's patient list open in
 * Chromium: a patient added in room 1 appears in room 2's list, and a session added in room 1 on
 * room 2's open patient page, without anyone reloading (the server's NOTIFY becomes room 2's
 * library:changed, on which the pages reload). A share that is not mounted is refused in words.
 */
const BIN = fileURLToPath(new URL('../../bin/stridelab.js', import.meta.url));
let db: TestDatabase;
let room1: Served;
let room2: Served;
let browser: Browser;
let page: Page;
let guard: ReturnType<typeof guardPage>;
const share = tempDir('stridelab-share-');
const homes = [tempDir('stridelab-room1-'), tempDir('stridelab-room2-')];
const media = join(share.path, 'media');

beforeAll(async () => {
  db = await createTestDatabase('srv', { migrated: true });
  mkdirSync(media);
  const args = (room: string) => [
    '--db',
    `${db.url}?sslmode=disable`,
    '--media',
    media,
    '--workstation',
    room,
  ];
  [room1, room2] = await Promise.all([
    serve(homes[0]!.path, args('room 1')),
    serve(homes[1]!.path, args('room 2')),
  ]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  guard = guardPage(page);
  await page.goto(room2.appUrl);
  await page.waitForSelector('body[data-ready="true"]');
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await room1?.stop();
  await room2?.stop();
  await db?.drop();
  share.cleanup();
  for (const h of homes) h.cleanup();
});

const go = (hash: string) =>
  page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);

/**
 * Attach before acting: the page's event stream opens as the list mounts, and nothing says when it
 * is open. A patient added in room 2 itself appears only through that stream (the list has loaded
 * already), so once one does, the stream is open; the test then acts in room 1.
 */
async function eventsFlowing(): Promise<void> {
  for (let i = 1; i <= 20; i++) {
    await callServed(room2, 'patients:create', { name: `Warm Up ${i}` });
    const shown = await expect
      .poll(() => page.getByText(`Warm Up ${i}`, { exact: true }).count(), { timeout: 5_000 })
      .toBeGreaterThan(0)
      .then(
        () => true,
        () => false,
      );
    if (shown) return;
  }
  throw new Error("room 2's page never showed its own new patient");
}

describe('two workstations on one clinic server', () => {
  it("show room 1's new patient in room 2's open list, and its new session on the open patient page", async () => {
    await go('#/');
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
    await eventsFlowing();
    const ann = await callServed<{ id: string }>(room1, 'patients:create', { name: 'Ann Harper' });
    await expect.poll(() => page.getByText('Ann Harper').count(), { timeout: 60_000 }).toBeGreaterThan(0);

    await go(`#/patients/${ann.id}`);
    await page.getByRole('heading', { name: 'Ann Harper' }).waitFor();
    await callServed(room1, 'sessions:create', { patientId: ann.id, date: '2026-03-02' });
    await expect.poll(() => page.getByText('2026-03-02').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(guard.errors).toEqual([]);
  });

  it('refuses a shared folder it cannot reach, in words, and changes nothing', async () => {
    const home = tempDir('stridelab-room3-');
    try {
      const child = spawn(
        process.execPath,
        [
          BIN,
          'serve',
          '--home',
          home.path,
          '--db',
          `${db.url}?sslmode=disable`,
          '--media',
          join(share.path, 'not-mounted'),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DISPLAY: '' } },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(/cannot reach the clinic's shared media folder/);
      expect(stderr).not.toMatch(/ENOENT|Error:/);
      // No empty local folder in place of the share.
      expect(existsSync(join(share.path, 'not-mounted'))).toBe(false);
    } finally {
      home.cleanup();
    }
  });
});
