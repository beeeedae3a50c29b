/**
 * The printed report of a returning patient's third visit carries its progress section (issue 18):
 * the library of three synthetic visits (fixtures.ts), the session's report built by the service
 * (sessionReport, the path of report:get and report:exportPdf), printed by real headless Chromium from
 * the built report page, read back with pdftotext. Needs the renderer built (npx electron-vite build).
 * On the run's backend (test/helpers/test-services.ts).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src-main/paths';
import type { Services } from '../../src-main/services';
import { chromiumPrinter, withReportPage } from '../../src-main/services/report/pdf-chromium';
import { sessionReport } from '../../src-main/services/report/session-report';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { tempDir } from '../helpers/tmp';
import { pdfText } from '../report/pdf-read';
import { pastPrintableWidth } from '../report/print-width';
import type { ReportBundle } from '../../src-shared/report/model';
import { call, returningPatient } from './fixtures';

const dir = tempDir('stridelab-progress-pdf-');
let t: TestServices;
let services: Services;
let sessionIds: string[];

beforeAll(async () => {
  t = await openTestServices({ home: join(dir.path, 'lib'), transport: 'cli' });
  services = t.services;
  ({ sessionIds } = await returningPatient(services, t.sql));
  // The report draws key frames from each clip's proxy: a test picture of the clips' size and rate.
  for (const [view, size] of [
    ['side', '1280x720'],
    ['rear', '720x1280'],
  ] as const) {
    const clip = join(dir.path, `${view}.mp4`);
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
  await call(services, 'symptoms:set', { sessionId: sessionIds[0], fields: { painDuring: 6, weeklyKm: 5 } });
  await call(services, 'symptoms:set', { sessionId: sessionIds[2], fields: { painDuring: 2, weeklyKm: 20 } });
}, 120_000);
afterAll(async () => {
  await t?.close();
  dir.cleanup();
});

describe('the report of a returning patient', () => {
  it('has no progress section on the first visit', async () => {
    const first = await sessionReport(services.library, sessionIds[0]!);
    expect(first.bundle.model.progress).toBeNull();
  }, 120_000);

  // The progress model is progress/service.test.ts's on both backends; the print, once is enough.
  it.skipIf(secondRun)(
    'prints the third visit against the first two, the numbers as the timeline has them',
    async () => {
      const { bundle } = await sessionReport(services.library, sessionIds[2]!);
      const progress = bundle.model.progress!;
      const drop = progress.conditions[0]!.rows.find(
        (r) => r.variableId === 'pelvic-drop-ms' && r.side === 'left',
      )!;
      expect(drop.realSincePrevious).toBe(true);
      const pdf = await chromiumPrinter({ rendererDir: rendererDir() }).print(bundle);
      const file = join(dir.path, 'report.pdf');
      writeFileSync(file, pdf);
      if (process.env.STRIDELAB_SHOTS)
        writeFileSync(join(process.env.STRIDELAB_SHOTS, 'report-progress.pdf'), pdf);
      const text = pdfText(file).replace(/\s+/g, ' ');
      const section = text.slice(text.indexOf('Progress since 2026-01-10'));
      expect(section.length).toBeLessThan(text.length);
      expect(section).toContain('Visits: 2026-01-10, 2026-02-01, 2026-03-01.');
      // The row as the model has it (the PDF wraps the label): trend, since last visit (real), since first (real).
      expect(section).toMatch(/^.{0,900}Contralateral pelvic drop at/);
      expect(section).toContain(`L ${drop.trend} ${drop.sincePrevious} ${drop.sinceFirst}`);
      expect(drop.sincePrevious).toMatch(/^−\d\.\d ±\d+\.\d° real \*$/);
      expect(section).toMatch(/Cadence L\+R 160 → 165 → 170 \+5 ±[\d.]+ steps\/min \+10 ±[\d.]+ steps\/min/);
      expect(section).toContain('Pain during 6 → — → 2/10 −4 important');
      expect(section).toContain('Not the same treadmill settings: speed 11 km/h then, 12 km/h now.');
      // The follow-up's question answered first: what changed beyond noise since the last visit.
      expect(section).toMatch(
        /^.{0,400}Since the last visit \(2026-02-01\): beyond noise: Contralateral pelvic drop at midstance L −\d\.\d ±\d+\.\d° real \*; Cadence L\+R \+5 ±[\d.]+ steps\/min real \*\./,
      );
    },
    180_000,
  );

  // Its tables (progress, both views) stay inside the paper: a wider one is cut at its edge.
  it.skipIf(secondRun)(
    'fits A4: no table or figure runs past the printable width',
    async () => {
      const { bundle } = await sessionReport(services.library, sessionIds[2]!);
      expect(bundle.model.progress).not.toBeNull();
      expect(await withReportPage({ rendererDir: rendererDir() }, bundle, pastPrintableWidth)).toEqual([]);
    },
    180_000,
  );
});

describe('the previous plan carried over (issue 18 item 3)', () => {
  const firstPlan = [
    { id: 'iso-hold', title: 'Isometric bridge hold', detail: '5 × 45 s, daily' },
    { id: 'walk-run', title: 'Walk–run intervals', detail: '1 min run, 1 min walk × 10' },
  ];
  const words = (sessionId: string) =>
    call<ReportBundle>(services, 'report:get', { sessionId }).then((b) => b.model);

  it('starts a follow-up from the last saved plan, marks kept and new, and prints progressed and dropped', async () => {
    // Nothing saved before the second visit: its plan is the suggestion, nothing carried.
    const before = await words(sessionIds[1]!);
    expect(before.planFrom).toBeUndefined();
    expect(before.plan.every((p) => p.since === undefined)).toBe(true);

    await call(services, 'report:saveEdits', {
      sessionId: sessionIds[0],
      edits: { findings: [], plan: firstPlan, notes: '' },
    });
    const second = await words(sessionIds[1]!);
    expect(second.planFrom).toBe('2026-01-10');
    expect(second.plan.slice(0, 2).map((p) => [p.title, p.since])).toEqual([
      ['Isometric bridge hold', 'kept'],
      ['Walk–run intervals', 'kept'],
    ]);
    expect(second.plan.slice(2).every((p) => p.since === 'new')).toBe(true);

    // The PT progresses one, drops the other, and keeps the new suggestions.
    const plan = second.plan.map((p) => ({
      id: p.id,
      title: p.title,
      detail: p.id === 'iso-hold' ? '3 × 8 slow single-leg bridges' : p.detail,
      since: p.id === 'iso-hold' ? 'progressed' : p.id === 'walk-run' ? 'dropped' : p.since,
    }));
    await call(services, 'report:saveEdits', {
      sessionId: sessionIds[1],
      edits: { findings: [], plan, notes: '' },
    });
    const saved = await sessionReport(services.library, sessionIds[1]!);
    const model = saved.bundle.model;
    expect(model.plan.map((p) => p.id)).not.toContain('walk-run');
    expect(model.planDropped).toEqual(['Walk–run intervals']);
    // The print of that model: the first run's check is enough (Chromium, no rows).
    if (!secondRun) {
      const pdf = await chromiumPrinter({ rendererDir: rendererDir() }).print(saved.bundle);
      const file = join(dir.path, 'report-plan.pdf');
      writeFileSync(file, pdf);
      if (process.env.STRIDELAB_SHOTS)
        writeFileSync(join(process.env.STRIDELAB_SHOTS, 'report-plan.pdf'), pdf);
      const text = pdfText(file).replace(/\s+/g, ' ');
      expect(text).toContain('Isometric bridge hold (progressed) 3 × 8 slow single-leg bridges');
      expect(text).toContain('Carried over from the plan of 2026-01-10');
      expect(text).toContain('Dropped since the last visit: Walk–run intervals.');
      expect(text).not.toMatch(/Walk–run intervals \((kept|new)\)/);
    }

    // The third visit starts from the second's plan: the dropped exercise is not brought back.
    const third = await words(sessionIds[2]!);
    expect(third.planFrom).toBe('2026-02-01');
    expect(third.plan[0]).toMatchObject({
      id: 'iso-hold',
      since: 'kept',
      detail: '3 × 8 slow single-leg bridges',
    });
    expect(third.plan.map((p) => p.id)).not.toContain('walk-run');
  }, 240_000);
});
