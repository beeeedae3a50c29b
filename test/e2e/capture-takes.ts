import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { FRAME_COUNT_TOLERANCE } from '../../src-shared/capture/takes';
import type { CaptureTake } from '../../src-shared/contract/capture';
import { guardPage } from '../helpers/browser';
import { callServed, type Served } from '../helpers/serve';

/** Wait until the last take is saved or has failed; a failure shows the app's own message. */
export async function takeSaved(page: Page): Promise<void> {
  const settled = page.locator(
    'section.capture:is([data-last-take-state="saved"], [data-last-take-state="failed"])',
  );
  await settled.waitFor({ timeout: 40_000 });
  if ((await settled.getAttribute('data-last-take-state')) !== 'saved')
    throw new Error(`The take was not saved: ${await page.getByTestId('capture-problem').textContent()}`);
}

/**
 * Every frame a camera delivered is in its clip (within the recorder's start and stop), or the page
 * says how many were lost and what to do (the capture-problem line): on a loaded machine the encoder
 * can fall behind (CI, stop 24: 27 of 30 kept), which a PT must be told about rather than find out
 * in Review; silently, never. Judged against the frames delivered: how many a file camera delivers
 * is its own (fewer when the machine is busy), and the take's length is the clock's (`durationS`,
 * within 200 ms), with at least half the camera's rate delivered.
 */
export async function expectFramesKeptOrLossSaid(
  page: Page,
  take: CaptureTake,
  durationS: number,
  fps: number,
): Promise<void> {
  const info = JSON.stringify(take.clips);
  for (const c of take.clips) {
    expect(Math.abs(c.durationMs - durationS * 1000), info).toBeLessThan(200);
    expect(c.framesDelivered!, info).toBeGreaterThanOrEqual((durationS * fps) / 2);
  }
  const lost = take.clips.filter((c) => c.framesDelivered! - c.frameCount! > FRAME_COUNT_TOLERANCE);
  const problem = page.getByTestId('capture-problem');
  if (lost.length === 0) expect(await problem.count(), info).toBe(0);
  for (const c of lost)
    expect(await problem.textContent(), info).toContain(
      `The ${c.view} camera sent ${c.framesDelivered} frames but only ${c.frameCount} were recorded`,
    );
}

/** The session's Record page in a new tab of `browser`, with a guard on its errors and requests. */
export async function openCaptureOf(
  app: Served,
  browser: Browser,
  sessionId: string,
): Promise<{ page: Page; guard: ReturnType<typeof guardPage> }> {
  const page = await browser.newPage();
  const guard = guardPage(page);
  await page.goto(app.appUrl);
  await page.waitForSelector('body[data-ready="true"]');
  await page.goto(new URL(`/#/sessions/${sessionId}`, app.url).href);
  await page.getByRole('button', { name: 'Record with cameras' }).click();
  await page.getByRole('heading', { name: 'Record' }).waitFor();
  return { page, guard };
}

/** A patient and a session of 10 km/h, flat and 6 % incline, to record into. */
export async function captureSession(app: Served): Promise<{ patientId: string; sessionId: string }> {
  const patient = await callServed<{ id: string }>(app, 'patients:create', { name: 'Cam Runner' });
  const session = await callServed<{ id: string }>(app, 'sessions:create', {
    patientId: patient.id,
    date: '2026-11-21',
    treadmillSpeedsKmh: [10],
    treadmillInclinesPct: [0, 6],
  });
  return { patientId: patient.id, sessionId: session.id };
}
