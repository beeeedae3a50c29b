/**
 * The gait engine swept over the clips a clinic films, on the synthetic runner (known answers):
 * 9 frame rates (24–240 fps) × 6 cadences (150–200 steps/min) × 3 strikes × 2 noise levels, contact
 * time, the runner's size in the picture and the clip length rotated through (grid and scoring:
 * src-shared/gait/testing/sweep.ts; docs/gait-methods.md "Robustness sweep"). Prints one line per
 * grid point (IC and TO within ±1 frame, median error in frames, missed, invented, cadence error,
 * contact-time error) and returns the pooled figures per seed set and per frame rate.
 * `npm run bench -- sweep`; seeds from STRIDELAB_SWEEP_SEEDS (default 1,3: seed 1 is the one the
 * fixes were diagnosed on, seed 3 one they were not). 2–4 minutes a seed on one core.
 */
import { median } from '../../src-shared/stats';
import {
  SWEEP_FPS,
  SWEEP_NOISE,
  failsTargets,
  runSweepPoint,
  summariseSweep,
  sweepGrid,
  type SweepResult,
} from '../../src-shared/gait/testing/sweep';
import type { BenchLine } from './types';

const DIAGNOSED_ON = new Set([1, 2]);

function line(r: SweepResult): string {
  const p = r.point;
  const med = (e: readonly number[]): string => (e.length ? String(median(e)) : '–');
  return (
    `${failsTargets(r) ? 'FAIL' : 'ok  '} ${String(p.fps).padStart(5)} fps ${p.cadence}/min ` +
    `contact ${(1000 * p.contactS).toFixed(0)} ms ${p.strike.padEnd(8)} noise ${p.noisePx} px ` +
    `runner ${p.staturePx} px ${p.durationS} s seed ${p.seed} | IC ${r.ic.within1}/${r.ic.n} ` +
    `med ${med(r.ic.errors)} | TO ${r.to.within1}/${r.to.n} med ${med(r.to.errors)} | missed ` +
    `${r.ic.missed + r.to.missed} invented ${r.invented} | cadence ${r.cadenceError.toFixed(2)} | ` +
    `contact ${r.contactErrorMs >= 0 ? '+' : ''}${r.contactErrorMs.toFixed(1)} ms`
  );
}

export async function benchSweep(): Promise<BenchLine[]> {
  const seeds = (process.env.STRIDELAB_SWEEP_SEEDS ?? '1,3').split(',').map(Number);
  const results: SweepResult[] = [];
  for (const p of sweepGrid(seeds)) {
    const r = runSweepPoint(p);
    results.push(r);
    process.stdout.write(`  ${line(r)}\n`);
  }
  const out: BenchLine[] = [];
  const pooled = (name: string, rs: readonly SweepResult[]): void => {
    if (rs.length === 0) return;
    const s = summariseSweep(rs);
    const p = `sweep.${name}`;
    out.push(
      { name: `${p}.ic_within_1_frame`, value: 100 * s.icWithin1, unit: `% (${s.points} clips)` },
      { name: `${p}.to_within_1_frame`, value: 100 * s.toWithin1, unit: '%' },
      { name: `${p}.ic_median_error`, value: s.icMedian, unit: 'frames' },
      { name: `${p}.to_median_error`, value: s.toMedian, unit: 'frames' },
      { name: `${p}.missed`, value: s.missed, unit: 'events' },
      { name: `${p}.invented`, value: s.invented, unit: 'events' },
      { name: `${p}.worst_cadence_error`, value: s.worstCadence, unit: 'steps/min' },
      { name: `${p}.worst_contact_time_error`, value: s.worstContactMs, unit: 'ms' },
      { name: `${p}.clips_below_target`, value: s.failing, unit: `of ${s.points}` },
    );
  };
  pooled(
    'diagnosed_seeds',
    results.filter((r) => DIAGNOSED_ON.has(r.point.seed)),
  );
  pooled(
    'held_out_seeds',
    results.filter((r) => !DIAGNOSED_ON.has(r.point.seed)),
  );
  for (const fps of SWEEP_FPS)
    for (const noise of SWEEP_NOISE)
      pooled(
        `${fps}fps.noise_${noise}px`,
        results.filter((r) => r.point.fps === fps && r.point.noisePx === noise),
      );
  return out;
}
