import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedApp } from './served-app';

/**
 * Camera placement advice where clips are imported (the session page) and filmed (the capture
 * page), issue 19 item 6: folded, opened by the PT, with the handrail and frame-rate advice and
 * why. Browser mode as a user starts it, Chromium on the built renderer (npx electron-vite build).
 */
let page: Page;
let sessionId: string;

servedApp({ viewport: { width: 1200, height: 900 } }, async (s) => {
  page = s.page;
  const p = await s.call<{ id: string }>('patients:create', { name: 'Advice Runner' });
  ({ id: sessionId } = await s.call<{ id: string }>('sessions:create', {
    patientId: p.id,
    date: '2026-11-20',
  }));
});

const go = (hash: string) =>
  page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);

/** With STRIDELAB_SHOTS set, a picture of the page for a person to look at. */
async function shot(name: string): Promise<void> {
  const dir = process.env.STRIDELAB_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

async function readAdvice(): Promise<string> {
  const box = page.getByTestId('camera-advice');
  await box.waitFor();
  expect(await box.evaluate((e) => (e as unknown as { open: boolean }).open)).toBe(false);
  await box.getByText('Camera placement').click();
  await expect.poll(() => box.evaluate((e) => (e as unknown as { open: boolean }).open)).toBe(true);
  return (await box.textContent()) ?? '';
}

describe('camera placement advice', () => {
  it('is on the session page, beside the clips to import', async () => {
    await go(`#/sessions/${sessionId}`);
    const text = await readAdvice();
    expect(text).toMatch(/handrails and console can hide the hips and wrists: angle the camera 10–15°/);
    expect(text).toMatch(/120 frames a second or more/);
    expect(text).toMatch(/hip height/);
    await shot('camera-advice-session');
  });

  it('is on the capture page, where clips are filmed', async () => {
    await go(`#/sessions/${sessionId}/capture`);
    const text = await readAdvice();
    expect(text).toMatch(/angle the camera 10–15°/);
  });
});
