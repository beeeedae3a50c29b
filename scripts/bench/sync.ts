/**
 * Two-view sync speed: estimateSync on synthetic side (60 fps) + rear (30 fps) runner clips of 10,
 * 30 and 60 s (the rear clip 80% as long), pure maths on one core. Also the time per second of the
 * longer clip, so a slow machine's figure can be compared across lengths (FFT: about N log N).
 */
import { generateRunner } from '../../src-shared/gait/synthetic';
import { estimateSync } from '../../src-shared/sync/estimate';
import type { BenchLine } from './types';

export async function benchSync(): Promise<BenchLine[]> {
  const lines: BenchLine[] = [];
  for (const durationS of [10, 30, 60]) {
    const a = generateRunner({ view: 'side', fps: 60, durationS, startS: 2, noisePx: 1, seed: 1 });
    const b = generateRunner({
      view: 'rear',
      fps: 30,
      durationS: 0.8 * durationS,
      startS: 2.4,
      noisePx: 1,
      seed: 2,
    });
    estimateSync(a.series, b.series); // warm up the JIT
    const t0 = performance.now();
    estimateSync(a.series, b.series);
    const ms = performance.now() - t0;
    lines.push({ name: `sync ${durationS} s side+rear`, value: ms, unit: 'ms' });
    lines.push({ name: `sync ${durationS} s per clip second`, value: ms / durationS, unit: 'ms/s' });
  }
  return lines;
}
