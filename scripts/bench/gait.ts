/**
 * Gait engine speed and accuracy on the synthetic runner (known answers): how many times faster than
 * real time a 60 s, 60 fps clip is analysed (clip seconds per analysis second, same run), and the
 * cadence error with 1 px landmark noise.
 */
import { analyzeGait } from '../../src-shared/gait';
import { generateRunner } from '../../src-shared/gait/synthetic';
import type { BenchLine } from './types';

export async function benchGait(): Promise<BenchLine[]> {
  const durationS = 60;
  const clip = generateRunner({ view: 'side', fps: 60, durationS, cadence: 172, noisePx: 1, seed: 7 });
  analyzeGait({ series: clip.series, view: 'side' }); // warm up the JIT
  const runs: number[] = [];
  let cadence = Number.NaN;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const result = analyzeGait({ series: clip.series, view: 'side' });
    runs.push((performance.now() - t0) / 1000);
    cadence = result.cadence.value ?? Number.NaN;
  }
  const best = Math.min(...runs);
  return [
    { name: 'gait.side_60s_60fps.seconds', value: best, unit: 's' },
    { name: 'gait.realtime_factor', value: durationS / best, unit: 'x' },
    { name: 'gait.cadence_abs_error_1px', value: Math.abs(cadence - clip.truth.cadence), unit: 'steps/min' },
  ];
}
