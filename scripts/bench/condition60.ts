/**
 * The clinic's condition (issue 16, Benchmarks): two views, 60 fps, 2 minutes each, analysed as the
 * app does, on this machine. `npm run bench -- condition60`. Built at bench time in a temp folder
 * from the real treadmill clip (condition/clips.ts: 1080x1920, re-timed to 60 fps, looped to the
 * take's length; the same clip as the side and the rear view). Prints, each with the 1-minute load
 * average before and after:
 * - pipeline over the raw model rate at 1080x1920 60 fps and at 720p (goal ≥ 0.9 at both);
 * - the condition: import time, then from `analysis:start` the time to the condition's first
 *   numbers (both views' steady-window numbers, `early`) as a multiple of the window's duration and
 *   of the take's;
 * - session throughput: both runs' frames per second over the single-core raw model rate on the same
 *   frames (the 1080x1920 60 fps clip), goal ≥ 0.9 × the cores.
 * The condition stops once its first numbers are out and STRIDELAB_BENCH_RATE_S (default 30) more
 * seconds of both runs have given the rate: the whole of two 2-minute 60 fps clips is 14,400 frames,
 * over an hour on a loaded 2-core machine; the time the whole would need at the measured rate is
 * printed. STRIDELAB_BENCH_WHOLE=1 waits for both clips instead; STRIDELAB_BENCH_TAKE_S (default 120,
 * even) sets the take's length; STRIDELAB_BENCH_RATES=0 leaves out the pipeline/raw part.
 * STRIDELAB_BENCH_AB=1 measures only whether the review proxies yield to pose: the time to a
 * condition's first numbers while the next condition's two views are imported, with every child at
 * the app's priority and then with the background priorities, in one run (condition/proxy-yield.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_MEDIA } from '../../test/helpers/media';
import { clip1080p60, head, longTake, unitStartFor } from './condition/clips';
import { proxyYieldAB } from './condition/proxy-yield';
import { runCondition } from './condition/queue-condition';
import { load1, pipelineRate, rawRate, type Measured } from './condition/rates';
import type { BenchLine } from './types';

const REAL = join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4');
const TAKE_S = 2 * Math.round(Number(process.env.STRIDELAB_BENCH_TAKE_S ?? 120) / 2);
const RATE_S = Number(process.env.STRIDELAB_BENCH_RATE_S ?? 30);
const WHOLE = process.env.STRIDELAB_BENCH_WHOLE === '1';
const RATES = process.env.STRIDELAB_BENCH_RATES !== '0';
const AB = process.env.STRIDELAB_BENCH_AB === '1';
/** Frames in each clip the rates are measured on: 4 s at 60 fps, 8 s of the real 30 fps clip. */
const RATE_FRAMES = 240;

const line = (name: string, m: Measured, unit: string): BenchLine => ({
  name,
  value: m.value,
  unit,
  loadBefore: m.loadBefore,
  loadAfter: m.loadAfter,
});

export async function benchCondition60(): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-bench-condition60-'));
  const cores = availableParallelism();
  try {
    const unit = clip1080p60(REAL, dir, unitStartFor(TAKE_S));
    if (AB) return await proxyYieldAB(longTake(unit, TAKE_S, dir, `take-${TAKE_S}s.mp4`), TAKE_S);
    const rate1080 = head(unit, RATE_FRAMES / 60, dir, 'rate-1080x1920-60fps.mp4');
    const out: BenchLine[] = [];
    // The single-core raw rate on the take's own frames: what session throughput is measured against.
    const raw1080 = await rawRate(rate1080, 'full', 10);
    out.push(
      line('condition60.raw_fps_1080x1920_60', raw1080, `fps, one core (${RATE_FRAMES} frames, full model)`),
    );
    if (RATES) {
      const pipe1080 = await pipelineRate(rate1080, 'full');
      const rate720 = head(REAL, RATE_FRAMES / 30, dir, 'rate-720x1280-30fps.mp4');
      const raw720 = await rawRate(rate720, 'full', 60);
      const pipe720 = await pipelineRate(rate720, 'full');
      out.push(
        line('condition60.pipeline_fps_1080x1920_60', pipe1080, 'fps'),
        {
          name: 'condition60.pipeline_over_raw_1080x1920_60',
          value: pipe1080.value / raw1080.value,
          unit: '× (goal ≥ 0.9)',
          loadBefore: raw1080.loadBefore,
          loadAfter: pipe1080.loadAfter,
        },
        line('condition60.raw_fps_720x1280_30', raw720, `fps (${RATE_FRAMES} frames of the real clip)`),
        line('condition60.pipeline_fps_720x1280_30', pipe720, 'fps'),
        {
          name: 'condition60.pipeline_over_raw_720x1280_30',
          value: pipe720.value / raw720.value,
          unit: '× (goal ≥ 0.9)',
          loadBefore: raw720.loadBefore,
          loadAfter: pipe720.loadAfter,
        },
      );
    }

    const take = longTake(unit, TAKE_S, dir, `take-${TAKE_S}s-1080x1920-60fps.mp4`);
    const r = await runCondition(take, ({ firstNumbers, sinceFirstNumbersS }) =>
      WHOLE ? false : firstNumbers && sinceFirstNumbersS >= RATE_S,
    );
    const run = { loadBefore: r.runLoad[0], loadAfter: r.runLoad[1] };
    // The condition's first numbers: once both views have theirs (either alone, if only one had by the stop).
    const views = (['side', 'rear'] as const).filter((v) => r.firstNumbersS[v] !== null && r.early[v]);
    const first = views.length ? Math.max(...views.map((v) => r.firstNumbersS[v]!)) : null;
    const early = views.map((v) => r.early[v]!).sort((a, b) => b.toS - b.fromS - (a.toS - a.fromS))[0];
    const each = views.map((v) => `${v} ${r.firstNumbersS[v]!.toFixed(0)} s`).join(', ');
    out.push({
      name: 'condition60.import_s',
      value: r.importS,
      unit: `s (2 views × ${r.frames / 2} frames, 1080x1920 60 fps, ${TAKE_S} s each; proxies made)`,
      loadBefore: r.importLoad[0],
      loadAfter: r.importLoad[1],
    });
    if (first !== null && early) {
      const windowS = early.toS - early.fromS;
      out.push(
        {
          name: 'condition60.first_numbers_s',
          value: first,
          unit: `s from analysis:start (${views.length === 2 ? 'both views' : `${views[0]} only`}: ${each})`,
          ...run,
        },
        {
          name: 'condition60.window_s',
          value: windowS,
          unit: `s of clip (${early.fromS.toFixed(1)}–${early.toS.toFixed(1)} s, strides ${early.strides.left} L / ${early.strides.right} R)`,
          ...run,
        },
        {
          name: 'condition60.first_over_window',
          value: first / windowS,
          unit: '× the steady window’s duration',
          ...run,
        },
        { name: 'condition60.first_over_take', value: first / TAKE_S, unit: '× the take’s duration', ...run },
      );
    }
    out.push(
      {
        name: 'condition60.session_fps',
        value: r.steadyFps,
        unit: `frames/s, both runs (${r.framesDone} frames in ${r.analysedS.toFixed(0)} s${r.bothDone ? ', both done' : ', stopped early'})`,
        ...run,
      },
      {
        name: 'condition60.session_fps_from_start',
        value: r.fromStartFps,
        unit: 'frames/s (engine starts included)',
        ...run,
      },
      {
        name: 'condition60.session_throughput',
        value: r.steadyFps / raw1080.value,
        unit: `× the one-core raw rate (goal ≥ ${(0.9 * cores).toFixed(1)} = 0.9 × ${cores} cores)`,
        loadBefore: raw1080.loadBefore,
        loadAfter: r.runLoad[1],
      },
      {
        name: 'condition60.whole_condition_projected_s',
        value: r.frames / r.steadyFps,
        unit: `s for all ${r.frames} frames at that rate${r.bothDone ? ' (measured whole)' : ''}`,
        ...run,
      },
      { name: 'condition60.load_average_end', value: load1(), unit: '1 min, shared machine' },
    );
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
