/**
 * Session throughput of the analysis queue (issue 16): the same two clips (the 12 s treadmill sample
 * filed as side, and again as rear) analysed one at a time and then two at once, in this run.
 * Prints frames per second for each and their ratio; the goal is ≥ 0.9 × the number of
 * cores over one clip at a time. Figures depend on the machine's load: read them with the load
 * average printed beside them.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../src-main/services';
import { registerSource } from '../../src-main/services/media/sources';
import type { ClipAnalysisStatus } from '../../src-shared/contract/analysis';
import type { BenchLine } from './types';

const SAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'samples', 'treadmill-side.mp4');

async function ok<T>(r: Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>): Promise<T> {
  const v = await r;
  if (!v.ok) throw new Error(v.error?.message);
  return v.result as T;
}

/** Seconds to analyse both clips with `concurrency` clips at once, and the frames analysed. */
async function run(concurrency: number): Promise<{ seconds: number; frames: number }> {
  const home = mkdtempSync(join(tmpdir(), 'stridelab-bench-queue-'));
  const services = createServices({ home, transport: 'cli', analysisConcurrency: concurrency });
  try {
    const p = await ok<{ id: string }>(services.dispatch('patients:create', { name: 'Bench Runner' }));
    const s = await ok<{ id: string }>(
      services.dispatch('sessions:create', { patientId: p.id, date: '2026-12-01' }),
    );
    let frames = 0;
    for (const view of ['side', 'rear'] as const) {
      const handle = registerSource({
        path: SAMPLE,
        name: `${view}.mp4`,
        sizeBytes: statSync(SAMPLE).size,
        kind: 'handle',
      });
      const rec = await ok<{ probe: { frameCount: number } }>(
        services.dispatch('recordings:import', {
          sessionId: s.id,
          source: { kind: 'handle', handle },
          view,
          condition: { label: 'flat' },
          allowDuplicate: true,
          jobId: `benchqueue${view}${concurrency}`,
        }),
      );
      frames += rec.probe.frameCount;
    }
    const done = new Set<string>();
    const finished = new Promise<void>((resolve, reject) =>
      services.onEvent((m) => {
        if (m.event !== 'analysis:changed') return;
        const c = m.payload as ClipAnalysisStatus;
        if (c.state === 'failed') reject(new Error(c.error ?? 'analysis failed'));
        if (c.state === 'done') done.add(c.recordingId);
        if (done.size === 2) resolve();
      }),
    );
    const t0 = performance.now();
    await ok(services.dispatch('analysis:start', { sessionId: s.id }));
    await finished;
    return { seconds: (performance.now() - t0) / 1000, frames };
  } finally {
    services.close();
    await services.idle();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function benchQueueThroughput(): Promise<BenchLine[]> {
  const load = loadavg()[0]!;
  const one = await run(1);
  const two = await run(2);
  return [
    {
      name: 'queue.one_at_a_time_fps',
      value: one.frames / one.seconds,
      unit: 'frames/s (2 × 360 frames, full model)',
    },
    { name: 'queue.two_at_once_fps', value: two.frames / two.seconds, unit: 'frames/s' },
    {
      name: 'queue.throughput_ratio',
      value: one.seconds / two.seconds,
      unit: '× one at a time (goal ≥ 0.9 × cores)',
    },
    { name: 'queue.load_average_1min', value: load, unit: 'at the start of the bench' },
  ];
}
