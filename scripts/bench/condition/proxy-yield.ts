/**
 * Proxies yield to pose (issue 16's leftovers; docs/analysis-queue.md, "Background priority"), A/B in
 * one run on one library: the clinic's next take arrives while the condition before it is analysed.
 * The condition's two views are imported once (side and rear, the same clip); then each arm starts
 * their analysis (`analysis:start`, forced, so each arm runs pose afresh) and, at the same moment,
 * imports the next condition's two views, whose review proxies transcode while the first condition's
 * pose runs. An arm stops at the first condition's first numbers (both views' `early`); the next
 * condition's imports still going are cancelled then (a cancelled import leaves nothing: import.ts).
 *
 * Arm A: every child at the app's priority (STRIDELAB_BACKGROUND_PRIORITY=0, as before the change).
 * Arm B: pose below the app and the proxies below pose (process/priority.ts).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../../src-main/services';
import { registerSource } from '../../../src-main/services/media/sources';
import type { ClipAnalysisStatus, EarlyNumbers } from '../../../src-shared/contract/analysis';
import type { BenchLine } from '../types';
import { load1 } from './rates';

async function ok<T>(r: Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>): Promise<T> {
  const v = await r;
  if (!v.ok) throw new Error(v.error?.message);
  return v.result as T;
}

const VIEWS = ['side', 'rear'] as const;

/** Import `clip` as `view` of `condition` (jobId `${jobTag}${view}`, so that it can be cancelled). */
async function importView(
  services: Services,
  sessionId: string,
  clip: string,
  condition: string,
  view: (typeof VIEWS)[number],
  jobTag: string,
): Promise<{ view: (typeof VIEWS)[number]; id: string }> {
  const handle = registerSource({
    path: clip,
    name: `${condition}-${view}.mp4`,
    sizeBytes: statSync(clip).size,
    kind: 'handle',
  });
  const rec = await ok<{ id: string }>(
    services.dispatch('recordings:import', {
      sessionId,
      source: { kind: 'handle', handle },
      view,
      condition: { label: condition },
      allowDuplicate: true,
      jobId: `${jobTag}${view}`,
    }),
  );
  return { view, id: rec.id };
}

/** Both views at once, as a two-camera take arrives. */
export const importPair = (
  services: Services,
  sessionId: string,
  clip: string,
  condition: string,
  jobTag: string,
): Promise<{ view: (typeof VIEWS)[number]; id: string }[]> =>
  Promise.all(VIEWS.map((view) => importView(services, sessionId, clip, condition, view, jobTag)));

export interface YieldArm {
  readonly priority: boolean;
  /** Seconds from analysis:start to the first condition's first numbers (both views). */
  readonly firstNumbersS: number;
  readonly perView: Readonly<Record<'side' | 'rear', number>>;
  readonly window: EarlyNumbers;
  /** Seconds from analysis:start to the next condition's imports done, or null: still going at the stop. */
  readonly nextImportS: number | null;
  readonly load: readonly [number, number];
}

/**
 * One arm: analyse `first` (already imported) while `next` is imported into `nextSessionId`. Runs
 * until both of `first`'s views have their first numbers (or `limitS`, then it throws).
 */
export async function runYieldArm(
  services: Services,
  first: readonly { view: 'side' | 'rear'; id: string }[],
  next: { sessionId: string; clip: string; tag: string },
  priority: boolean,
  limitS = 1500,
): Promise<YieldArm> {
  // Read at each child's start (process/priority.ts): this arm's children get this arm's priority.
  process.env.STRIDELAB_BACKGROUND_PRIORITY = priority ? '1' : '0';
  const viewOf = new Map(first.map((r) => [r.id, r.view]));
  const at: Partial<Record<'side' | 'rear', number>> = {};
  const early: Partial<Record<'side' | 'rear', EarlyNumbers>> = {};
  let failure: string | null = null;
  const load0 = load1();
  const t0 = performance.now();
  const since = (): number => (performance.now() - t0) / 1000;
  const off = services.onEvent((m) => {
    if (m.event !== 'analysis:changed') return;
    const c = m.payload as ClipAnalysisStatus;
    const view = viewOf.get(c.recordingId);
    if (!view) return;
    if (c.state === 'failed') failure = c.error ?? 'analysis failed';
    if (c.early && at[view] === undefined) {
      at[view] = since();
      early[view] = c.early;
    }
  });
  for (const r of first) await ok(services.dispatch('analysis:start', { recordingId: r.id, force: true }));
  let nextImportS: number | null = null;
  const importing = Promise.allSettled(
    VIEWS.map((view) => importView(services, next.sessionId, next.clip, 'incline', view, next.tag)),
  ).then((all) => {
    if (all.every((r) => r.status === 'fulfilled')) nextImportS = since();
  });
  let loadEnd = 0;
  try {
    while (at.side === undefined || at.rear === undefined) {
      await new Promise((r) => setTimeout(r, 500));
      if (failure) throw new Error(failure);
      if (since() > limitS) throw new Error(`no first numbers within ${limitS} s`);
    }
  } finally {
    off();
    loadEnd = load1();
    // Stop this arm's work: the next condition's imports still going (a cancelled import leaves
    // nothing behind), then the first condition's runs; wait until their processes have let go.
    for (const view of VIEWS) await services.dispatch('recordings:cancel', { jobId: `${next.tag}${view}` });
    for (const r of first) await services.dispatch('analysis:cancel', { recordingId: r.id });
    await importing;
    await services.idle();
  }
  const perView = { side: at.side!, rear: at.rear! };
  const windowOf = (v: 'side' | 'rear'): number => early[v]!.toS - early[v]!.fromS;
  return {
    priority,
    firstNumbersS: Math.max(perView.side, perView.rear),
    perView,
    window: windowOf('side') >= windowOf('rear') ? early.side! : early.rear!,
    nextImportS,
    load: [load0, loadEnd],
  };
}

/**
 * The A/B in one run (`STRIDELAB_BENCH_AB=1 npm run bench -- condition60`): arm A, then arm B, on
 * one library, the first condition imported once before them (at the app's priority). Each figure
 * with the 1-minute load average before and after its arm.
 */
export async function proxyYieldAB(clip: string, takeS: number): Promise<BenchLine[]> {
  const home = mkdtempSync(join(tmpdir(), 'stridelab-bench-proxy-yield-'));
  const services = createServices({ home, transport: 'cli' });
  const before = process.env.STRIDELAB_BACKGROUND_PRIORITY;
  try {
    const p = await ok<{ id: string }>(services.dispatch('patients:create', { name: 'Bench Runner' }));
    const s = await ok<{ id: string }>(
      services.dispatch('sessions:create', { patientId: p.id, date: '2026-12-01' }),
    );
    process.env.STRIDELAB_BACKGROUND_PRIORITY = '0';
    const i0 = performance.now();
    const importLoad0 = load1();
    const first = await importPair(services, s.id, clip, 'flat', 'benchyieldflat');
    const importS = (performance.now() - i0) / 1000;
    const importLoad1 = load1();
    const next = (tag: string): { sessionId: string; clip: string; tag: string } => ({
      sessionId: s.id,
      clip,
      tag,
    });
    const a = await runYieldArm(services, first, next('benchyieldA'), false);
    const b = await runYieldArm(services, first, next('benchyieldB'), true);
    const arm = (x: YieldArm, name: string): BenchLine[] => {
      const w = x.window;
      const nextDone =
        x.nextImportS === null
          ? 'still transcoding at the stop'
          : `done ${x.nextImportS.toFixed(0)} s after analysis:start`;
      return [
        {
          name: `condition60.yield_${name}_first_numbers_s`,
          value: x.firstNumbersS,
          unit: `s from analysis:start, both views (side ${x.perView.side.toFixed(0)} s, rear ${x.perView.rear.toFixed(0)} s; window ${(w.toS - w.fromS).toFixed(1)} s of clip; next condition's imports ${nextDone})`,
          loadBefore: x.load[0],
          loadAfter: x.load[1],
        },
      ];
    };
    return [
      {
        name: 'condition60.yield_first_import_s',
        value: importS,
        unit: `s (2 views × ${takeS} s of 1080x1920 60 fps, proxies at the app's priority, nothing else running)`,
        loadBefore: importLoad0,
        loadAfter: importLoad1,
      },
      ...arm(a, 'A_app_priority'),
      ...arm(b, 'B_background'),
      {
        name: 'condition60.yield_first_numbers_B_over_A',
        value: b.firstNumbersS / a.firstNumbersS,
        unit: '× (< 1: the first numbers came sooner with the proxies below pose)',
        loadBefore: a.load[0],
        loadAfter: b.load[1],
      },
    ];
  } finally {
    if (before === undefined) delete process.env.STRIDELAB_BACKGROUND_PRIORITY;
    else process.env.STRIDELAB_BACKGROUND_PRIORITY = before;
    services.close();
    await services.idle();
    rmSync(home, { recursive: true, force: true });
  }
}
