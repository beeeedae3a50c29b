import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-shared/contract';
import type { ClipAnalysisStatus } from '../../src-shared/contract/analysis';
import { MIN_STRIDES_PER_SIDE, WINDOW_S } from '../../src-shared/analysis/steady-window';
import { createServices } from '../../src-main/services';
import type { AnalysisJob } from '../../src-main/data/analysis-jobs';
import { registerSource } from '../../src-main/services/media/sources';
import { loopedClip } from '../helpers/long-clip';
import { SHARED_MEDIA } from '../helpers/media';
import { requireEngineBuild } from '../pose/helpers';

/**
 * The steady window first (issue 16 item 3), through the real queue, pose engine and gait path on
 * the real treadmill clip played three times (36 s, 1,080 frames): the window's numbers arrive
 * while the clip is still being analysed, hold at least ten regular strides a side, and agree with
 * the whole clip's cadence; then the whole clip is analysed (every frame). Lite model, to stay short.
 */
const home = mkdtempSync(join(tmpdir(), 'stridelab-window-first-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function call<T>(s: ReturnType<typeof createServices>, channel: string, input: unknown): Promise<T> {
  const r = await s.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

describe('a condition analysed on its steady window first', () => {
  it('gives the window numbers before the whole clip, with ten strides a side', async () => {
    requireEngineBuild();
    const clip = loopedClip(join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'), 3, home);
    const services = createServices({
      home: join(home, 'library'),
      transport: 'cli',
      analyseOnArrival: false,
      analysisConcurrency: 1,
    });
    const events: { at: number; status: ClipAnalysisStatus }[] = [];
    /** The job's row as the first numbers go out: they are stored with it by then (issue 16). */
    let storedAtFirst: Promise<AnalysisJob | undefined> | undefined;
    services.onEvent((m: EventMessage) => {
      if (m.event !== 'analysis:changed') return;
      const c = m.payload as ClipAnalysisStatus;
      events.push({ at: performance.now(), status: c });
      if (c.early && !storedAtFirst)
        storedAtFirst = services.library.data.analysisJobs.get(c.recordingId, 'lite');
    });
    try {
      const p = await call<{ id: string }>(services, 'patients:create', { name: 'Window Runner' });
      const s = await call<{ id: string }>(services, 'sessions:create', {
        patientId: p.id,
        date: '2026-12-01',
        injurySide: 'none',
        treadmillSpeedsKmh: [],
        treadmillInclinesPct: [],
      });
      const handle = registerSource({
        path: clip,
        name: 'flat.mp4',
        sizeBytes: statSync(clip).size,
        kind: 'handle',
      });
      const rec = await call<{ id: string; probe: { frameCount: number } }>(services, 'recordings:import', {
        sessionId: s.id,
        source: { kind: 'handle', handle },
        view: 'side',
        condition: { label: 'flat' },
        jobId: 'windowfirst',
      });
      expect(rec.probe.frameCount).toBe(1080);
      const done = new Promise<void>((resolve, reject) =>
        services.onEvent((m) => {
          const c = m.payload as ClipAnalysisStatus;
          if (m.event !== 'analysis:changed' || c.recordingId !== rec.id) return;
          if (c.state === 'failed') reject(new Error(c.error ?? 'failed'));
          if (c.state === 'done') resolve();
        }),
      );
      const t0 = performance.now();
      await call(services, 'analysis:start', { recordingId: rec.id, model: 'lite' });
      await done;
      const doneAt = events.find((e) => e.status.state === 'done')!.at;
      const first = events.find((e) => e.status.early);
      expect(first, 'no early numbers came').toBeDefined();
      const early = first!.status.early!;
      expect((await storedAtFirst)?.early).toEqual(early);
      // Before the whole clip, and while pose was still running on it.
      expect(first!.at).toBeLessThan(doneAt);
      expect(first!.status.state).toBe('pose');
      expect(first!.status.fraction!).toBeLessThan(0.9);
      console.log(
        `early numbers after ${((first!.at - t0) / 1000).toFixed(1)} s, whole clip after ${((doneAt - t0) / 1000).toFixed(1)} s`,
        early,
      );
      // The window: centred in the 36 s take (between its joins at 12 and 24 s), ten strides a side.
      expect(early.fromS).toBeCloseTo(18 - WINDOW_S / 2, 1);
      expect(early.toS).toBeLessThanOrEqual(24);
      expect(early.strides.left).toBeGreaterThanOrEqual(MIN_STRIDES_PER_SIDE);
      expect(early.strides.right).toBeGreaterThanOrEqual(MIN_STRIDES_PER_SIDE);
      // The whole clip: every frame, and its cadence where the window put it (the same runner).
      const series = await call<{ frames: unknown[] }>(services, 'analysis:series', { recordingId: rec.id });
      expect(series.frames).toHaveLength(1080);
      const whole = await call<{ analysis: { cadence: { value: number } } }>(services, 'gait:analyze', {
        recordingId: rec.id,
      });
      expect(Math.abs(early.cadence! - whole.analysis.cadence.value)).toBeLessThan(5);
      // Done: the status no longer carries the window's numbers, nor does the job.
      expect(await services.library.data.analysisJobs.get(rec.id, 'lite')).not.toHaveProperty('early');
      expect(
        (await call<{ clips: ClipAnalysisStatus[] }>(services, 'analysis:status', { sessionId: s.id }))
          .clips[0]!.early ?? null,
      ).toBeNull();
    } finally {
      await services.close();
      await services.idle();
    }
  }, 900_000);
});
