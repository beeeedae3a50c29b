import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/services';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { guardPage, launchChromium } from '../helpers/browser';
import { serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { call, returningPatient } from './fixtures';

/**
 * The patient timeline as a PT meets it: browser mode started as a user starts it, on a library with
 * three visits of a synthetic runner with known changes (fixtures.ts), Chromium on the built renderer
 * (`npx electron-vite build` first). Screenshots go to $STRIDELAB_SHOTS when set, to be looked at.
 */
let app: Served;
let browser: Browser;
let page: Page;
let guard: ReturnType<typeof guardPage>;
let patientId: string;
let sessionIds: string[];
const tmp = tempDir('stridelab-progress-e2e-');
const shots = process.env.STRIDELAB_SHOTS;

beforeAll(async () => {
  const services = createServices({ home: tmp.path, transport: 'browser' });
  ({ patientId, sessionIds } = await returningPatient(services));
  const story = [
    { painBefore: 2, painDuring: 6, painAfter: 5, pain24h: 4, weeklyKm: 5, rtrStage: 'Stage 2: walk-run' },
    { painBefore: 1, painDuring: 4, painAfter: 3, pain24h: 3, weeklyKm: 12, rtrStage: 'Stage 3' },
    {
      painBefore: 0,
      painDuring: 2,
      painAfter: 1,
      pain24h: 1,
      weeklyKm: 20,
      rtrStage: 'Stage 5: continuous 30 min',
    },
  ];
  for (const [i, fields] of story.entries())
    await call(services, 'symptoms:set', { sessionId: sessionIds[i], fields });
  // The first visit's plan as the PT saved it, and review copies for the report's key frames.
  await call(services, 'report:saveEdits', {
    sessionId: sessionIds[0],
    edits: {
      findings: [],
      plan: [
        { id: 'iso-hold', title: 'Isometric bridge hold', detail: '5 × 45 s, daily' },
        { id: 'walk-run', title: 'Walk–run intervals', detail: '1 min run, 1 min walk × 10' },
      ],
      notes: '',
    },
  });
  for (const [view, size] of [
    ['side', '1280x720'],
    ['rear', '720x1280'],
  ] as const) {
    const clip = join(tmp.path, `${view}.mp4`);
    execFileSync(ffmpegPath(), [
      ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=60`, '-t', '8.2'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', clip],
    ]);
    sessionIds.forEach((id, i) => {
      const to = join(services.library.paths.mediaDir, id, `${view}${i}`);
      mkdirSync(to, { recursive: true });
      copyFileSync(clip, join(to, 'proxy.mp4'));
    });
  }
  services.close();
  app = await serve(tmp.path, ['--no-auto-analysis']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  guard = guardPage(page);
  await page.goto(app.appUrl);
  await page.waitForSelector('body[data-ready="true"]');
  if (shots) mkdirSync(shots, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  tmp.cleanup();
});

const go = (hash: string) =>
  page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);

describe('patient page: progress across visits', () => {
  it('shows each visit with the change beyond noise marked real and the one below the SDD within noise', async () => {
    await go(`#/patients/${patientId}`);
    await page.waitForSelector('[data-testid="progress"][data-ready="true"]', { timeout: 60_000 });
    const cells = (variable: string, side: string) =>
      page
        .locator(`[data-testid="progress-flat"] tr[data-variable="${variable}"][data-side="${side}"] td`)
        .allTextContents();
    const drop = await cells('pelvic-drop-ms', 'left');
    expect(drop[0]).toBe('L');
    expect(drop[1]).toMatch(/^\d\.\d ±\d\.\d°—$/);
    expect(drop[2]).toMatch(/^\d\.\d ±\d\.\d°−\d\.\d ±\d+\.\d° within noise$/);
    expect(drop[3]).toMatch(/^\d\.\d ±\d\.\d°−\d\.\d ±\d+\.\d° real \*$/);
    expect(drop[4]).toMatch(/^−\d\.\d ±\d+\.\d° real \*$/); // since first
    const cad = await cells('cadence', 'both');
    expect(cad.slice(1, 4).map((c) => c.replace(/ ±.*$/, ''))).toEqual(['160', '165', '170']);
    // Each change carries the half-width of its 95% interval, as the means do.
    expect(cad[4]).toMatch(/^\+10 ±[\d.]+ steps\/min real \*$/);
    await expect
      .poll(() => page.locator('.notice').first().textContent())
      .toMatch(/speed 11 km\/h then, 12 km\/h now/);
    const story = await page
      .locator('[data-testid="progress-story"] tr[data-symptom="painDuring"] td')
      .allTextContents();
    expect(story).toEqual(['6', '4−2 important', '2−2 important']);
    expect(await page.locator('.trend canvas').count()).toBeGreaterThanOrEqual(9);
    // Each plot's caption gives the variable's whole name (no caption cut short).
    const cut = await page
      .locator('.trend figcaption')
      .evaluateAll(
        (els) => els.filter((e) => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight).length,
      );
    expect(cut).toBe(0);
    // Cadence's green line (both feet) has its place in the legend beside left and right.
    expect(await page.locator('p.legend', { hasText: 'whiskers' }).first().textContent()).toMatch(
      /● left ● right ● both sides; whiskers/,
    );
    // First on the page, before the story and the table: what changed since the last visit.
    const since = page.getByTestId('since-last-visit');
    expect(await since.locator('h3').textContent()).toBe('Since the last visit (2026-02-01 → 2026-03-01)');
    expect(await since.locator('[data-condition="Flat"] > p').first().textContent()).toBe(
      'Flat: 2 changes beyond noise',
    );
    expect(await since.locator('li').allTextContents()).toEqual([
      expect.stringMatching(
        /^Contralateral pelvic drop at midstance, left: \d\.\d → \d\.\d° −\d\.\d ±\d+\.\d° real \*$/,
      ),
      expect.stringMatching(/^Cadence, both sides: 165 → 170 steps\/min \+5 ±[\d.]+ steps\/min real \*$/),
      // Became real since the first visit by steps each within noise: at the same belt speed a
      // higher cadence shortens the stance, so the foot leaves the belt less far behind the hip
      // (the synthetic runner's design: 17.8 → 15.9 → 13.7° on the near leg, u95 about 2.2° each).
      expect.stringMatching(
        /^Hip extension at toe-off, right: 1\d\.\d → 1\d\.\d° −\d\.\d ±\d+\.\d° real \*$/,
      ),
    ]);
    expect(await since.locator('[data-condition="Flat"]').textContent()).toContain(
      '* Not the same treadmill settings: speed 11 km/h then, 12 km/h now.',
    );
    expect(await since.getByTestId('since-last-pain').textContent()).toMatch(
      /Pain during 4 → 2\/10 \(−2\); Pain after 3 → 1\/10 \(−2\); Pain 24 h later 3 → 1\/10 \(−2\)\.$/,
    );
    const top = async (sel: string) => (await page.locator(sel).first().boundingBox())!.y;
    expect(await top('[data-testid="since-last-visit"]')).toBeLessThan(
      await top('[data-testid="progress-story"]'),
    );
    if (shots) {
      await page
        .locator('[data-testid="progress"]')
        .screenshot({ path: join(shots, 'patient-progress.png') });
      await page.screenshot({ path: join(shots, 'patient-page-top.png') });
    }
    expect(guard.errors, guard.errors.join('\n')).toEqual([]);
    expect(guard.offsite).toEqual([]);
  }, 120_000);

  it('takes the story on the session form, refusing a pain of 11 beside its box', async () => {
    await go(`#/sessions/${sessionIds[1]}/edit`);
    await expect.poll(() => page.getByLabel('During running').inputValue()).toBe('4');
    expect(await page.getByLabel('Return-to-run stage').inputValue()).toBe('Stage 3');
    await page.getByLabel('During running').fill('11');
    await page.getByRole('button', { name: 'Save session' }).click();
    const box = page.locator('[data-field="painDuring"] .error');
    await expect
      .poll(() => box.textContent())
      .toBe('Pain during running must be at most 10 (worst pain imaginable).');
    if (shots)
      await page.locator('[data-testid="story"]').screenshot({ path: join(shots, 'session-form-story.png') });
    await page.getByLabel('During running').fill('3');
    await page.getByLabel('How running went').fill('Calf tight after 20 min');
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.waitForFunction(
      (id) => (globalThis as unknown as { location: { hash: string } }).location.hash === `#/sessions/${id}`,
      sessionIds[1],
    );
    const res = await fetch(`${app.url}/api/call/symptoms:get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-stridelab-token': app.token },
      body: JSON.stringify({ sessionId: sessionIds[1] }),
    });
    const body = (await res.json()) as { result: { painDuring: number; notes: string; rtrStage: string } };
    expect(body.result).toMatchObject({
      painDuring: 3,
      notes: 'Calf tight after 20 min',
      rtrStage: 'Stage 3',
    });
    expect(guard.errors, guard.errors.join('\n')).toEqual([]);
  }, 120_000);

  it('starts the second visit\u2019s report from the first visit\u2019s plan, the PT marking each exercise', async () => {
    await go(`#/sessions/${sessionIds[1]}/report`);
    const since = (i: number) => page.getByLabel(`Since the last visit (${i})`);
    await expect.poll(() => since(1).inputValue(), { timeout: 120_000 }).toBe('kept');
    expect(await page.getByLabel('Exercise 1', { exact: true }).inputValue()).toBe('Isometric bridge hold');
    await since(1).selectOption('progressed');
    await page.getByLabel('Dosage / how (1)').fill('3 × 8 slow single-leg bridges');
    await since(2).selectOption('dropped');
    await expect
      .poll(() => page.getByTestId('plan-carried').first().textContent(), { timeout: 60_000 })
      .toContain('Dropped since the last visit: Walk–run intervals.');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    const res = await fetch(`${app.url}/api/call/report:get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-stridelab-token': app.token },
      body: JSON.stringify({ sessionId: sessionIds[1] }),
    });
    const body = (await res.json()) as {
      result: { model: { planFrom: string; planDropped: string[]; plan: { id: string; since?: string }[] } };
    };
    expect(body.result.model.planFrom).toBe('2026-01-10');
    expect(body.result.model.planDropped).toEqual(['Walk–run intervals']);
    expect(body.result.model.plan.find((p) => p.id === 'iso-hold')?.since).toBe('progressed');
    if (shots) {
      await page.locator('.report-editor').screenshot({ path: join(shots, 'report-plan-editor.png') });
      await page
        .getByTestId('plan')
        .first()
        .screenshot({ path: join(shots, 'report-plan-preview.png') });
    }
    expect(guard.errors, guard.errors.join('\n')).toEqual([]);
  }, 240_000);
});
