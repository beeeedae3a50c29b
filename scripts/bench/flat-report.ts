/**
 * "The flat report is ready before a 2-minute incline take ends, with capture dropping no more
 * frames than without analysis" (issue 16, Benchmarks), end to end: the real app (`stridelab serve`,
 * analysis on arrival as in the app) in Chromium whose fake camera plays the real treadmill clip
 * (a Y4M made from it at bench time, as test/e2e/capture-live-skeleton.e2e.test.ts does; Chromium gives one camera
 * for a file, so the takes have the side view only). A flat take of STRIDELAB_BENCH_FLAT_S (default
 * 120) is recorded with nothing analysed (the baseline), then at once the incline take of
 * STRIDELAB_BENCH_INCLINE_S (default 120) while the flat clip is analysed. Prints when the flat report
 * (`report:get` with the flat condition's steps) was ready relative to the incline take's end, and
 * when its provisional report (the flat condition from its steady window) was
 * (negative: before it), the kept-frame ratio of both takes (frames over what their duration holds at
 * the camera's rate), the flat clip's pose rate, and what a clinic take (two views of 2 minutes at
 * 60 fps) would need; each with the 1-minute load average before and after. `npm run bench -- flat-report`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CaptureTake } from '../../src-shared/contract/capture';
import type { SessionAnalysisStatus } from '../../src-shared/contract/analysis';
import type { ReportBundle } from '../../src-shared/report/model';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { launchChromium } from '../../test/helpers/browser';
import { SHARED_MEDIA } from '../../test/helpers/media';
import { callServed, serve, type Served } from '../../test/helpers/serve';
import { cpuByKind, cpuDelta } from './condition/cpu-tree';
import { load1 } from './condition/rates';
import type { BenchLine } from './types';

const FPS = 15;
const FLAT_S = Number(process.env.STRIDELAB_BENCH_FLAT_S ?? 120);
const INCLINE_S = Number(process.env.STRIDELAB_BENCH_INCLINE_S ?? 120);
/** The clinic's take: two views of 2 minutes at 60 fps, analysed during a 2-minute incline take. */
const CLINIC_FRAMES = 2 * 120 * 60;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Record one take with the app's own timer; `during` runs once it records. Returns the saved take. */
async function recordTake(
  app: Served,
  page: Page,
  sessionId: string,
  condition: string,
  seconds: number,
  during?: () => Promise<void>,
): Promise<CaptureTake> {
  await page.getByLabel('Condition').fill(condition);
  await page.getByLabel('Stop after (s)').fill(String(seconds));
  await page.getByRole('heading', { name: 'Record' }).click(); // keys to the page, not the field
  await page.keyboard.press('r');
  await page.waitForSelector('section.capture[data-phase="recording"]');
  const settled = page
    .locator('section.capture:is([data-last-take-state="saved"], [data-last-take-state="failed"])')
    .waitFor({ timeout: (seconds + 300) * 1000 });
  await Promise.all([settled, during?.()]);
  // The page's last-take attributes can name the new take a moment before its state: ask the app.
  for (const until = performance.now() + 300_000; performance.now() < until; await sleep(1000)) {
    const takeId = await page.locator('section.capture').getAttribute('data-last-take');
    const take = (await callServed<CaptureTake[]>(app, 'capture:takes', { sessionId })).find(
      (t) => t.id === takeId,
    );
    if (take?.status === 'saved') return take;
    if (take?.status === 'failed') throw new Error(`the ${condition} take failed: ${JSON.stringify(take)}`);
  }
  throw new Error(`the ${condition} take was not saved within 5 minutes of its end`);
}

/**
 * Who a process of this bench is, for the CPU it takes from the recorder: the server (`stridelab
 * serve`), what the server starts (the pose engine's Chromium, ffmpeg), and the page that records
 * (this bench's Chromium). Not the bench itself.
 */
function competitor(
  p: { pid: number; comm: string; path: readonly number[] },
  server: number,
): string | null {
  const chromium = /chrom/i.test(p.comm);
  if (p.pid === server) return 'server';
  if (p.path.includes(server)) {
    if (chromium) return 'pose_engine';
    if (/^ff(mpeg|probe)/.test(p.comm)) return 'ffmpeg';
    return 'server_other';
  }
  if (p.path.length === 0) return null;
  return chromium ? 'capture_page' : null;
}

const keptRatio = (take: CaptureTake): number =>
  Math.min(...take.clips.map((c) => c.frameCount! / ((c.durationMs / 1000) * FPS)));

/**
 * STRIDELAB_BENCH_AB=1: the same run twice in one bench, each on a fresh server and library, first
 * with every child of the app at the app's priority (STRIDELAB_BACKGROUND_PRIORITY=0: before issue
 * 16's background priorities), then with pose and the proxies below it (process/priority.ts). Each
 * arm's figures carry its name; each arm has its own baseline take.
 */
const AB = process.env.STRIDELAB_BENCH_AB === '1';

export async function benchFlatReportDuringIncline(): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-bench-flat-report-'));
  // The real clip as the camera: 360×640 (large enough for the model), 15 fps as the capture e2e tests.
  const y4m = join(dir, 'treadmill-side.y4m');
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-nostdin', '-y', '-i', join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4')],
    ...['-vf', `scale=360:640,fps=${FPS}`, '-pix_fmt', 'yuv420p', y4m],
  ]);
  const before = process.env.STRIDELAB_BACKGROUND_PRIORITY;
  try {
    if (!AB) return await flatReportRun(dir, y4m, '');
    const lines: BenchLine[] = [];
    for (const [arm, on] of [
      ['A_app_priority', false],
      ['B_background', true],
    ] as const) {
      // The server reads it at each child's start; it inherits this process's environment.
      process.env.STRIDELAB_BACKGROUND_PRIORITY = on ? '1' : '0';
      mkdirSync(join(dir, arm));
      lines.push(...(await flatReportRun(join(dir, arm), y4m, `${arm}.`)));
    }
    return lines;
  } finally {
    if (before === undefined) delete process.env.STRIDELAB_BACKGROUND_PRIORITY;
    else process.env.STRIDELAB_BACKGROUND_PRIORITY = before;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One flat take then one incline take on a fresh server in `dir`; figure names start with `tag`. */
async function flatReportRun(dir: string, y4m: string, tag: string): Promise<BenchLine[]> {
  const app = await serve(join(dir, 'library'));
  const browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${y4m}`,
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
  ]);
  try {
    const p = await callServed<{ id: string }>(app, 'patients:create', { name: 'Bench Runner' });
    const { id: sessionId } = await callServed<{ id: string }>(app, 'sessions:create', {
      patientId: p.id,
      date: '2026-12-01',
    });
    const page = await browser.newPage();
    await page.goto(app.appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await page.goto(new URL(`/#/sessions/${sessionId}`, app.url).href);
    await page.getByRole('button', { name: 'Record with cameras' }).click();
    await page.waitForSelector('section.capture[data-cameras="1"]');

    const flatLoad0 = load1();
    const flat = await recordTake(app, page, sessionId, 'flat', FLAT_S);
    const flatLoad1 = load1();
    const flatId = flat.clips[0]!.recordingId!;
    const flatSavedAt = performance.now();

    // The incline take at once; meanwhile the flat clip is analysed (it was queued on arrival), and
    // its report asked for every second until it has the flat condition's steps (during the take, or
    // after it: then how late).
    let endAt = 0;
    let reportAt = 0;
    let analysedAt = 0;
    let provisionalAt = 0;
    const limit = performance.now() + Number(process.env.STRIDELAB_BENCH_REPORT_WAIT_S ?? 1800) * 1000;
    const polling = (async (): Promise<void> => {
      while (!reportAt && performance.now() < limit) {
        const s = await callServed<SessionAnalysisStatus>(app, 'analysis:status', { sessionId });
        const c = s.clips.find((x) => x.recordingId === flatId);
        if (c?.state === 'failed') throw new Error(`the flat clip's analysis failed: ${c.error}`);
        // The provisional report (issue 16 item 3): the flat condition printed from its window.
        if (!provisionalAt && c?.early) {
          const r = await callServed<ReportBundle>(app, 'report:get', { sessionId });
          const f = r.model.conditions.find((x) => x.label === 'flat');
          if (f?.clips.some((k) => k.provisional) && f.steps.left + f.steps.right > 0)
            provisionalAt = performance.now();
        }
        if (c?.state === 'done') {
          analysedAt ||= performance.now();
          const r = await callServed<ReportBundle>(app, 'report:get', { sessionId });
          const f = r.model.conditions.find((x) => x.label === 'flat');
          if (f && f.steps.left + f.steps.right > 0) reportAt = performance.now();
        }
        if (!reportAt) await sleep(1000);
      }
    })().then(
      () => null,
      (e: unknown) => e,
    );
    const inclineLoad0 = load1();
    // What competes with the recorder: CPU seconds of each kind of process over the take.
    const servePid = app.child.pid!;
    const cpu = (): Map<string, number> => cpuByKind(process.pid, (p) => competitor(p, servePid));
    let cpu0 = new Map<string, number>();
    let cpuUsed = new Map<string, number>();
    let recordedAt = 0;
    const incline = await recordTake(app, page, sessionId, 'incline 6 %', INCLINE_S, async () => {
      cpu0 = cpu();
      recordedAt = performance.now();
      await page.waitForSelector('section.capture:not([data-phase="recording"])', {
        timeout: (INCLINE_S + 300) * 1000,
      });
      endAt = performance.now();
      cpuUsed = cpuDelta(cpu0, cpu());
    });
    const inclineLoad1 = load1();
    const failure = await polling;
    if (failure) throw failure;
    if (!endAt) throw new Error('the incline take did not end');
    const flatFrames = flat.clips[0]!.frameCount!;
    const analysisS = analysedAt ? (analysedAt - flatSavedAt) / 1000 : Number.NaN;
    const poseFps = flatFrames / analysisS;
    const takes = { loadBefore: flatLoad0, loadAfter: inclineLoad1 };
    const during = { loadBefore: inclineLoad0, loadAfter: load1() };
    return [
      {
        name: `flat_report.${tag}ready_minus_incline_end_s`,
        value: reportAt ? (reportAt - endAt) / 1000 : Number.NaN,
        unit: `s (< 0: before the incline take's end; flat ${FLAT_S} s, incline ${INCLINE_S} s, 1 camera ${FPS} fps)`,
        ...during,
      },
      {
        name: `flat_report.${tag}provisional_ready_minus_incline_end_s`,
        value: provisionalAt ? (provisionalAt - endAt) / 1000 : Number.NaN,
        unit: "s (first report:get with the flat condition's steps marked provisional, from its steady window)",
        ...during,
      },
      {
        name: `flat_report.${tag}after_flat_saved_s`,
        value: reportAt ? (reportAt - flatSavedAt) / 1000 : Number.NaN,
        unit: 's from the flat take saved to its report',
        ...during,
      },
      {
        name: `flat_report.${tag}kept_ratio_without_analysis`,
        value: keptRatio(flat),
        unit: `frames kept / duration × ${FPS} fps (flat take: nothing analysed)`,
        loadBefore: flatLoad0,
        loadAfter: flatLoad1,
      },
      {
        name: `flat_report.${tag}kept_ratio_with_analysis`,
        value: keptRatio(incline),
        unit: '(incline take, the flat clip analysed meanwhile)',
        loadBefore: inclineLoad0,
        loadAfter: inclineLoad1,
      },
      ...[...cpuUsed].map(([kind, seconds]) => ({
        name: `flat_report.${tag}cores_during_incline.${kind}`,
        value: seconds / ((endAt - recordedAt) / 1000),
        unit: `cores (${seconds.toFixed(1)} CPU s over the incline take)`,
        ...during,
      })),
      {
        name: `flat_report.${tag}flat_pose_fps`,
        value: poseFps,
        unit: `frames/s (${flatFrames} frames, 360x640, full model, saved to analysed)`,
        ...during,
      },
      {
        name: `flat_report.${tag}clinic_needs_fps`,
        value: CLINIC_FRAMES / 120,
        unit: `frames/s for 2 views × 2 min × 60 fps in a 2-minute incline take (${(CLINIC_FRAMES / 120 / poseFps).toFixed(1)} × this run's rate)`,
        ...takes,
      },
    ];
  } finally {
    await browser.close();
    await app.stop();
  }
}
