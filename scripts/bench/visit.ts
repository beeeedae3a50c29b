/**
 * Time to report (issue 13): what the PT and the machine spend between "clips imported" and "PDF
 * exported".
 * - Machine: the analysis queue's time for the 12 s treadmill sample (queued → analysed) against
 *   pose detection alone on the same proxy with the same model, both measured in this run. Target:
 *   queue time ≤ pose time + 10 s.
 * - PT: the acceptance test (test/e2e/visit.e2e.test.ts) walks the visit in Chromium and records the
 *   user actions it took and the PT's time (wall time minus waiting for the machine). Targets: ≤ 15
 *   actions, ≤ 180 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../src-main/services';
import { getRecordingRow, mediaPath } from '../../src-main/services/media/recordings-db';
import { registerSource } from '../../src-main/services/media/sources';
import { detectPoses } from '../../src-main/services/pose/run';
import type { ClipAnalysisStatus } from '../../src-shared/contract/analysis';
import type { BenchLine } from './types';

const SAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'samples', 'treadmill-side.mp4');

async function ok<T>(r: Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>): Promise<T> {
  const v = await r;
  if (!v.ok) throw new Error(v.error?.message);
  return v.result as T;
}

export async function benchMachineTime(): Promise<BenchLine[]> {
  const home = mkdtempSync(join(tmpdir(), 'stridelab-bench-visit-'));
  const services = createServices({ home, transport: 'cli', analyseOnArrival: true });
  try {
    const p = await ok<{ id: string }>(services.dispatch('patients:create', { name: 'Bench Runner' }));
    const s = await ok<{ id: string }>(
      services.dispatch('sessions:create', { patientId: p.id, date: '2026-12-01' }),
    );
    let queued = 0;
    const done = new Promise<number>((resolve, reject) =>
      services.onEvent((m) => {
        if (m.event !== 'analysis:changed') return;
        const c = m.payload as ClipAnalysisStatus;
        if (c.state === 'queued' && !queued) queued = performance.now();
        if (c.state === 'done') resolve(performance.now());
        if (c.state === 'failed') reject(new Error(c.error ?? 'analysis failed'));
      }),
    );
    const handle = registerSource({
      path: SAMPLE,
      name: 'treadmill-side.mp4',
      sizeBytes: statSync(SAMPLE).size,
      kind: 'handle',
    });
    const rec = await ok<{ id: string }>(
      services.dispatch('recordings:import', {
        sessionId: s.id,
        source: { kind: 'handle', handle },
        view: 'side',
        condition: { label: 'flat' },
        jobId: 'benchvisit0001',
      }),
    );
    const queueS = ((await done) - queued) / 1000;
    const proxy = join(
      services.library.paths.mediaDir,
      mediaPath(await getRecordingRow(services.library.data, rec.id), 'proxy'),
    );
    const t0 = performance.now();
    await detectPoses({ clipPath: proxy, model: 'full' });
    const poseS = (performance.now() - t0) / 1000;
    return [
      { name: 'visit.queue_seconds', value: queueS, unit: 's (12 s clip, full model, queued → analysed)' },
      { name: 'visit.pose_alone_seconds', value: poseS, unit: 's (same proxy, pose detection alone)' },
      { name: 'visit.queue_overhead_seconds', value: queueS - poseS, unit: 's (target ≤ 10)' },
    ];
  } finally {
    services.close();
    await services.idle();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function benchTimeToReport(): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-bench-ttr-'));
  const file = join(dir, 'figures.jsonl');
  try {
    const r = spawnSync('npx', ['vitest', 'run', 'test/e2e/visit.e2e.test.ts'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, STRIDELAB_VISIT_FIGURES: file },
    });
    if (r.status !== 0)
      throw new Error('the visit acceptance test failed (run it with npx vitest to see why)');
    const f = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!) as {
      actions: number;
      ptSeconds: number;
      machineSeconds: number;
    };
    return [
      { name: 'visit.user_actions', value: f.actions, unit: 'actions, clips imported → PDF (target ≤ 15)' },
      { name: 'visit.pt_seconds', value: f.ptSeconds, unit: 's of PT time (target ≤ 180)' },
      {
        name: 'visit.machine_wait_seconds',
        value: f.machineSeconds,
        unit: 's waiting for analysis and print',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
