import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardPage, launchChromium } from '../helpers/browser';
import { serve, type Served } from '../helpers/serve';
import { clip, ffmpeg, syntheticClip, tempDir } from './helpers';

/**
 * The clip slots on the session page, in real Chromium against `stridelab serve`: pick a file with
 * the keyboard, watch it upload and import, see its thumbnail and (a 1.6 s clip) that it will give no
 * numbers, edit its trim; a bad file shows its message in the slot; a long import can be cancelled.
 */
let browser: Browser;
let app: Served;
let page: Page;
let guard: ReturnType<typeof guardPage>;
let sessionUrl: string;
const home = tempDir('e2e-clips');

async function call<T>(channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${app.url}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-stridelab-token': app.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
  return body.result;
}

beforeAll(async () => {
  browser = await launchChromium();
  app = await serve(home);
  const patient = await call<{ id: string }>('patients:create', { name: 'Erin Runner' });
  const session = await call<{ id: string }>('sessions:create', {
    patientId: patient.id,
    date: '2026-03-02',
  });
  page = await browser.newPage();
  guard = guardPage(page);
  await page.goto(app.appUrl);
  await page.waitForSelector('body[data-ready="true"]');
  sessionUrl = new URL(`/#/sessions/${session.id}`, app.url).href;
  await page.goto(sessionUrl);
  await page.getByRole('heading', { name: 'Clips' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('clip slots', () => {
  it('imports a clip chosen with the keyboard and shows it in its slot with a thumbnail', async () => {
    const slot = page.getByRole('region', { name: 'Side · flat' });
    const chooser = page.waitForEvent('filechooser');
    await slot.getByRole('button', { name: 'Choose file…' }).focus();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(clip('running_side_overground_sports2d_demo3.mp4'));
    const card = slot.locator('.clip-card');
    await card.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => card.locator('.clip-facts').textContent())
      .toMatch(/47 frames · 29\.97 fps · 480×352/);
    // 1.6 s: imported, and its card says now that it will give no numbers (clip-length.ts).
    await expect
      .poll(() => card.getByRole('note').textContent())
      .toMatch(/^Imported, but it will give no numbers\. The clip lasts 1\.6 s: too short/);
    await expect
      .poll(() =>
        card.locator('img.clip-thumb').evaluate((el) => {
          const img = el as unknown as { complete: boolean; naturalWidth: number };
          return img.complete && img.naturalWidth;
        }),
      )
      .toBe(320);

    await card.getByLabel('from').fill('5');
    await card.getByLabel('to').fill('40');
    await card.getByRole('button', { name: 'Save trim' }).click();
    await expect
      .poll(
        async () =>
          (await call<{ trim: unknown }[]>('recordings:list', { sessionId: sessionUrl.split('/').pop() }))[0]!
            .trim,
      )
      .toEqual({ startFrame: 5, endFrame: 40 });
    expect(guard.errors).toEqual([]);
    expect(guard.offsite).toEqual([]);
  });

  it('shows the specific message for a bad file, in the slot it was dropped on', async () => {
    const slot = page.getByRole('region', { name: 'Rear · incline' });
    // A real drop: a DataTransfer holding a File, as the OS gives the page when a file is dragged in.
    const dataTransfer = await page.evaluateHandle(() => {
      // Runs in the page (DOM types are not in the Node test project).
      const DT = (globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } })
        .DataTransfer;
      const dt = new DT();
      dt.items.add(new File(['%PDF-1.4\n%%EOF\n'], 'treadmill.mp4', { type: 'video/mp4' }));
      return dt;
    });
    await slot.locator('.clip-drop').dispatchEvent('dragover', { dataTransfer });
    await slot.locator('.clip-drop').dispatchEvent('drop', { dataTransfer });
    await expect
      .poll(() => slot.getByRole('alert').textContent())
      .toMatch(/"treadmill\.mp4" is a PDF document, not a video/);
    await slot.getByRole('button', { name: 'Dismiss' }).click();
    // The picker path reports a still picture just as specifically.
    const chooser = page.waitForEvent('filechooser');
    await slot.getByRole('button', { name: 'Choose file…' }).click();
    const photo = join(tempDir('e2e-bad'), 'photo.jpg');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', photo]);
    await (await chooser).setFiles(photo);
    await expect.poll(() => slot.getByRole('alert').textContent()).toMatch(/"photo\.jpg" is a still picture/);
    await slot.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('cancels a long import from its progress bar', async () => {
    const long = syntheticClip(join(tempDir('e2e-long'), 'long.mp4'), { frames: 400, size: '640x480' });
    const slot = page.getByRole('region', { name: 'Rear · flat' });
    const chooser = page.waitForEvent('filechooser');
    await slot.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(long);
    await expect
      .poll(() => slot.getByRole('status').textContent(), { timeout: 30_000 })
      .toMatch(/Making the review copy/);
    await slot.getByRole('button', { name: 'Cancel' }).click();
    await slot.getByRole('button', { name: 'Choose file…' }).waitFor();
    expect(await slot.locator('.clip-card').count()).toBe(0);
    const sessionId = sessionUrl.split('/').pop();
    expect(await call<unknown[]>('recordings:list', { sessionId })).toHaveLength(1);
  });

  it('exports the session as one archive the browser downloads', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export session' }).click();
    const file = await (await download).path();
    expect((await download).suggestedFilename()).toMatch(
      /^Erin-Runner-2026-03-02-[0-9a-f]{8}\.stridelab-session$/,
    );
    const listing = execFileSync('tar', ['-tf', file]).toString().trim().split('\n');
    expect(listing[0]).toBe('stridelab-session.json');
    expect(listing.filter((n) => n.endsWith('/proxy.mp4'))).toHaveLength(1);
  });
});
