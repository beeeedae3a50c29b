/**
 * One two-view condition through the app's own services (createServices, as `stridelab serve`
 * builds them): a session, the two clips imported as the side and rear views of one condition, then
 * `analysis:start` for the session, the queue deciding how many run at once (defaultConcurrency,
 * as in the app). Followed through the events the app's pages get: `analysis:changed` for the
 * steady window's early numbers, `pose:progress` for the frames each run has done.
 *
 * Stops at `stopAfter` (the first numbers and enough frames for the rate: minutes on 2 cores) or when
 * both clips are done; closing the services hands the running jobs back and stops their Chromium.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../../src-main/services';
import { registerSource } from '../../../src-main/services/media/sources';
import type { ClipAnalysisStatus, EarlyNumbers } from '../../../src-shared/contract/analysis';
import type { PoseProgressPayload } from '../../../src-shared/contract/pose';
import { load1 } from './rates';

async function ok<T>(r: Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>): Promise<T> {
  const v = await r;
  if (!v.ok) throw new Error(v.error?.message);
  return v.result as T;
}

export interface ConditionRun {
  readonly frames: number;
  readonly importS: number;
  readonly importLoad: readonly [number, number];
  /** Seconds from analysis:start; null when not seen before the stop. */
  readonly firstNumbersS: { readonly side: number | null; readonly rear: number | null };
  readonly early: { readonly side: EarlyNumbers | null; readonly rear: EarlyNumbers | null };
  /** Both runs' frames per second, from the moment both had a first frame to the stop. */
  readonly steadyFps: number;
  /** Both runs' frames per second from analysis:start (engine starts and window checks included). */
  readonly fromStartFps: number;
  readonly framesDone: number;
  readonly analysedS: number;
  readonly runLoad: readonly [number, number];
  readonly bothDone: boolean;
}

type Stop = (s: { sinceStartS: number; firstNumbers: boolean; sinceFirstNumbersS: number }) => boolean;

/** Import `clip` twice (side and rear of one condition) and analyse until `stop` says so. */
export async function runCondition(clip: string, stop: Stop): Promise<ConditionRun> {
  const home = mkdtempSync(join(tmpdir(), 'stridelab-bench-condition-'));
  const services: Services = createServices({ home, transport: 'cli' });
  try {
    const p = await ok<{ id: string }>(services.dispatch('patients:create', { name: 'Bench Runner' }));
    const s = await ok<{ id: string }>(
      services.dispatch('sessions:create', { patientId: p.id, date: '2026-12-01' }),
    );
    const importLoad0 = load1();
    const i0 = performance.now();
    // Both views at once, as a two-camera take arrives.
    const recs = await Promise.all(
      (['side', 'rear'] as const).map(async (view) => {
        const handle = registerSource({
          path: clip,
          name: `${view}.mp4`,
          sizeBytes: statSync(clip).size,
          kind: 'handle',
        });
        const rec = await ok<{ id: string; probe: { frameCount: number } }>(
          services.dispatch('recordings:import', {
            sessionId: s.id,
            source: { kind: 'handle', handle },
            view,
            condition: { label: 'flat' },
            allowDuplicate: true,
            jobId: `benchcondition${view}`,
          }),
        );
        return { view, id: rec.id, frames: rec.probe.frameCount };
      }),
    );
    const importS = (performance.now() - i0) / 1000;
    const importLoad = [importLoad0, load1()] as const;
    const viewOf = new Map(recs.map((r) => [r.id, r.view]));
    const done = new Map<string, number>();
    const early: { side: EarlyNumbers | null; rear: EarlyNumbers | null } = { side: null, rear: null };
    const firstAt: { side: number | null; rear: number | null } = { side: null, rear: null };
    const finished = new Set<string>();
    let bothRunningAt = 0;
    let framesAtBoth = 0;
    let failure: string | null = null;
    const total = (): number => [...done.values()].reduce((a, b) => a + b, 0);
    const t0 = performance.now();
    const unsubscribe = services.onEvent((m) => {
      if (m.event === 'pose:progress') {
        const pr = m.payload as PoseProgressPayload;
        if (!viewOf.has(pr.recordingId)) return;
        done.set(pr.recordingId, pr.framesDone);
        if (!bothRunningAt && [...done.values()].filter((n) => n > 0).length === 2) {
          bothRunningAt = performance.now();
          framesAtBoth = total();
        }
      }
      if (m.event !== 'analysis:changed') return;
      const c = m.payload as ClipAnalysisStatus;
      const view = viewOf.get(c.recordingId);
      if (!view) return;
      if (c.state === 'failed') failure = c.error ?? 'analysis failed';
      if (c.state === 'done') finished.add(c.recordingId);
      if (c.early && !early[view]) {
        early[view] = c.early;
        firstAt[view] = (performance.now() - t0) / 1000;
      }
    });
    const runLoad0 = load1();
    await ok(services.dispatch('analysis:start', { sessionId: s.id }));
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      if (failure) throw new Error(failure);
      const first = firstAt.side ?? firstAt.rear;
      const sinceStartS = (performance.now() - t0) / 1000;
      if (finished.size === 2) break;
      if (
        stop({
          sinceStartS,
          firstNumbers: first !== null,
          sinceFirstNumbersS: first === null ? 0 : sinceStartS - first,
        })
      )
        break;
    }
    const end = performance.now();
    const framesDone = total();
    unsubscribe();
    return {
      frames: recs.reduce((a, r) => a + r.frames, 0),
      importS,
      importLoad,
      firstNumbersS: firstAt,
      early,
      steadyFps: bothRunningAt ? (framesDone - framesAtBoth) / ((end - bothRunningAt) / 1000) : 0,
      fromStartFps: framesDone / ((end - t0) / 1000),
      framesDone,
      analysedS: (end - t0) / 1000,
      runLoad: [runLoad0, load1()],
      bothDone: finished.size === 2,
    };
  } finally {
    services.close();
    await services.idle();
    rmSync(home, { recursive: true, force: true });
  }
}
