/**
 * Time to the first numbers of a condition (issue 16 item 3): two clips analysed at once, each
 * steady window first, from `analysis:start` until both have their window's numbers (`early`), and
 * until both are analysed whole, in one run. Prints the ratio first/whole and first numbers as a
 * multiple of the window's duration (the figure), with the load average at start and end.
 *
 * The clips: the real treadmill sample played LOOPS times in a row (default 3: 36 s, 1,080 frames at
 * 30 fps), filed as the side view of two conditions, so both clips give side-view events (a side
 * clip filed as rear would not). The take is two views of two minutes at 60 fps; that is
 * `STRIDELAB_BENCH_WINDOW_LOOPS=10` here (still 30 fps), about 20 minutes on a loaded 2-core machine.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../src-main/services';
import { registerSource } from '../../src-main/services/media/sources';
import { WINDOW_S } from '../../src-shared/analysis/steady-window';
import type { ClipAnalysisStatus } from '../../src-shared/contract/analysis';
import { loopedClip } from '../../test/helpers/long-clip';
import type { BenchLine } from './types';

const SAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'samples', 'treadmill-side.mp4');
const LOOPS = Number(process.env.STRIDELAB_BENCH_WINDOW_LOOPS ?? 3);

async function ok<T>(r: Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>): Promise<T> {
  const v = await r;
  if (!v.ok) throw new Error(v.error?.message);
  return v.result as T;
}

export async function benchWindowFirst(): Promise<BenchLine[]> {
  const home = mkdtempSync(join(tmpdir(), 'stridelab-bench-window-'));
  const clip = loopedClip(SAMPLE, LOOPS, home);
  const loadStart = loadavg()[0]!;
  const services = createServices({ home: join(home, 'library'), transport: 'cli', analysisConcurrency: 2 });
  try {
    const p = await ok<{ id: string }>(services.dispatch('patients:create', { name: 'Bench Runner' }));
    const s = await ok<{ id: string }>(
      services.dispatch('sessions:create', {
        patientId: p.id,
        date: '2026-12-01',
        injurySide: 'none',
        treadmillSpeedsKmh: [],
        treadmillInclinesPct: [],
      }),
    );
    let frames = 0;
    for (const label of ['flat A', 'flat B']) {
      const handle = registerSource({
        path: clip,
        name: `${label}.mp4`,
        sizeBytes: statSync(clip).size,
        kind: 'handle',
      });
      const rec = await ok<{ probe: { frameCount: number; durationS: number } }>(
        services.dispatch('recordings:import', {
          sessionId: s.id,
          source: { kind: 'handle', handle },
          view: 'side',
          condition: { label },
          allowDuplicate: true,
          jobId: `benchwindow${label.replace(' ', '')}`,
        }),
      );
      frames += rec.probe.frameCount;
    }
    const early = new Map<string, ClipAnalysisStatus['early']>();
    const done = new Set<string>();
    let firstAt = 0;
    const t0 = performance.now();
    const finished = new Promise<void>((resolve, reject) =>
      services.onEvent((m) => {
        if (m.event !== 'analysis:changed') return;
        const c = m.payload as ClipAnalysisStatus;
        if (c.state === 'failed') reject(new Error(c.error ?? 'analysis failed'));
        if (c.early && !early.has(c.recordingId)) {
          early.set(c.recordingId, c.early);
          if (early.size === 2) firstAt = performance.now();
        }
        if (c.state === 'done') done.add(c.recordingId);
        if (done.size === 2) resolve();
      }),
    );
    await ok(services.dispatch('analysis:start', { sessionId: s.id }));
    await finished;
    const whole = (performance.now() - t0) / 1000;
    if (early.size < 2) throw new Error(`only ${early.size} of 2 clips gave early numbers`);
    const first = (firstAt - t0) / 1000;
    const windows = [...early.values()].map((e) => e!.toS - e!.fromS);
    const strides = [...early.values()].map((e) => Math.min(e!.strides.left, e!.strides.right));
    return [
      {
        name: 'window.first_numbers_s',
        value: first,
        unit: `s (2 clips × ${frames / 2} frames, full model)`,
      },
      { name: 'window.whole_clips_s', value: whole, unit: 's' },
      { name: 'window.first_over_whole', value: first / whole, unit: '× the whole clips’ time' },
      {
        name: 'window.window_s',
        value: Math.max(...windows),
        unit: `s of clip (first window ${WINDOW_S} s)`,
      },
      {
        name: 'window.first_over_window',
        value: first / Math.max(...windows),
        unit: '× the window’s duration',
      },
      { name: 'window.min_strides_per_side', value: Math.min(...strides), unit: 'strides (≥ 10)' },
      { name: 'window.load_average_start', value: loadStart, unit: '1 min, shared machine' },
      { name: 'window.load_average_end', value: loadavg()[0]!, unit: '1 min' },
    ];
  } finally {
    await services.close();
    await services.idle();
    rmSync(home, { recursive: true, force: true });
  }
}
