/**
 * What the planar reduction (reduce-frame.ts, yuv-scale.ts) changes for the pose run, A/B against
 * the RGBA route, full model, numPoses 2, as the app runs it:
 * - landmarks: the hand-labelled sample clip upscaled to 1080x1920 (lanczos, x264 CRF 12, 30 fps:
 *   the labels' frames stay the clip's; the sample itself, 720x1280, is handed over whole, k = 1,
 *   and takes the RGBA route either way), the runner's landmarks of the two routes against each
 *   other per body region, in pixels of the original (test/pose/landmark-diff.ts), and the gait
 *   events of each scored against the labels as `npm run bench -- accuracy` scores them;
 * - two pose runs at once (the clinic's two views), on the condition bench's 1080x1920 60 fps clip
 *   (condition/clips.ts, STRIDELAB_BENCH_CONVERT_FRAMES, 240 by default): frames per second of both
 *   over the one-core raw model rate measured in the same run, rgba and planar alternating A B
 *   (STRIDELAB_BENCH_CONVERT_PAIRS pairs, 2 by default), each with its load average; then each
 *   route's CPU per frame by thread (engine worker, decode worker, the rest of Chromium), one run at
 *   a time, A B again.
 * `npm run bench -- pose-convert-effect` (only by that name). Minutes on a loaded 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeGait } from '../../src-shared/gait';
import { scoreClip } from '../../src-shared/gait/testing/labels';
import type { FrameConversion } from '../../src-shared/pose/engine-protocol';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { detectPoses } from '../../src-main/services/pose/run';
import { toSeries } from '../../src-main/services/pose/series';
import { loadLabelledClips } from '../../test/gait/labelled-clips';
import { SHARED_MEDIA } from '../../test/helpers/media';
import { diffSeries } from '../../test/pose/landmark-diff';
import { clip1080p60, head } from './condition/clips';
import { load1, rawRate } from './condition/rates';
import type { BenchLine } from './types';

const REAL = join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4');
/** Frames of the 60 fps clip per run, and A/B pairs (a loaded machine: fewer, e.g. 120 and 1). */
const FRAMES = Number(process.env.STRIDELAB_BENCH_CONVERT_FRAMES ?? 240);
const PAIRS = Number(process.env.STRIDELAB_BENCH_CONVERT_PAIRS ?? 2);
const ab = (): FrameConversion[] => Array.from({ length: PAIRS }, () => ['rgba', 'planar'] as const).flat();

/** The labelled clip at 1080x1920, same frames and timing (the docs' "upscaled" clip). */
function upscaled(dir: string): string {
  const out = join(dir, 'treadmill-1080x1920-30fps.mp4');
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-nostdin', '-y', '-i', REAL, '-vf', 'scale=1080:1920:flags=lanczos'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-pix_fmt', 'yuv420p', out],
  ]);
  return out;
}

async function landmarkLines(dir: string): Promise<BenchLine[]> {
  const clip = upscaled(dir);
  const run = async (frameConversion: FrameConversion) =>
    toSeries((await detectPoses({ clipPath: clip, model: 'full', numPoses: 2, frameConversion })).candidates);
  const loadBefore = load1();
  const rgba = await run('rgba');
  const planar = await run('planar');
  const loadAfter = load1();
  const d = diffSeries(rgba, planar);
  const p = 'pose_convert_effect.treadmill_1080x1920';
  const at = { loadBefore, loadAfter };
  const out: BenchLine[] = [
    { name: `${p}.pose_mismatch`, value: d.poseMismatch, unit: `frames of ${d.frames}`, ...at },
  ];
  for (const [g, v] of Object.entries(d.groups))
    out.push(
      {
        name: `${p}.${g}.median_px`,
        value: v.medianPx,
        unit: `px of 1080x1920, planar vs rgba (${v.medianPctLeg.toFixed(2)}% of leg ${d.legPx.toFixed(0)} px, n ${v.n})`,
        ...at,
      },
      { name: `${p}.${g}.p95_px`, value: v.p95Px, unit: `px (${v.p95PctLeg.toFixed(2)}% of leg)`, ...at },
    );
  const sample = loadLabelledClips().find((c) => c.labels.video === 'treadmill_side_zzzhushi_male_side.mp4');
  if (sample)
    for (const [name, series] of [
      ['rgba', rgba],
      ['planar', planar],
    ] as const) {
      const s = scoreClip(
        analyzeGait({ series, view: 'side', calibration: { heightCm: sample.heightCm } }),
        sample.labels,
      );
      out.push(
        { name: `${p}.${name}.ic_within_1_frame`, value: 100 * s.ic.hitRate, unit: `% of ${s.ic.n}` },
        { name: `${p}.${name}.ic_median_error`, value: s.ic.medianMs, unit: 'ms' },
        { name: `${p}.${name}.to_within_1_frame`, value: 100 * s.to.hitRate, unit: `% of ${s.to.n}` },
        { name: `${p}.${name}.to_median_error`, value: s.to.medianMs, unit: 'ms' },
        { name: `${p}.${name}.contact_time_error_mean`, value: s.contactTime.meanErrorMs, unit: 'ms' },
      );
    }
  return out;
}

/** Both runs' frames per second, from the first run's model loaded to the last frame of both. */
async function twoAtOnce(clip: string, frameConversion: FrameConversion): Promise<number> {
  const one = async (): Promise<{ opened: number; end: number; frames: number }> => {
    let opened = 0;
    const { candidates, engine } = await detectPoses({
      clipPath: clip,
      model: 'full',
      numPoses: 2,
      frameConversion,
      onProgress: (p) => {
        if (p.framesDone === 0 && !opened) opened = performance.now();
      },
    });
    return { opened, end: performance.now() - engine.closeMs, frames: candidates.frames.length };
  };
  const runs = await Promise.all([one(), one()]);
  const frames = runs.reduce((a, r) => a + r.frames, 0);
  return frames / ((Math.max(...runs.map((r) => r.end)) - Math.min(...runs.map((r) => r.opened))) / 1000);
}

/**
 * CPU seconds of every thread under this process, by thread id, with its name (Linux /proc:
 * /proc/<pid>/task/<tid>/stat, utime + stime in ticks of 1/100 s). Sampled while a run goes: a
 * thread keeps the last value seen after it ends (the browser's closing is not counted).
 */
function threadCpu(seen: Map<string, { comm: string; cpuS: number }>): void {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const under = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parents.get(p) ?? 0, hops++)
      if (p === process.pid) return pid !== process.pid;
    return false;
  };
  for (const pid of parents.keys()) {
    if (!under(pid)) continue;
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids)
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const f = stat.slice(close + 2).split(' ');
        const cpuS = (Number(f[11]) + Number(f[12])) / 100;
        seen.set(`${pid}/${tid}`, { comm: stat.slice(stat.indexOf('(') + 1, close), cpuS });
      } catch {
        // gone meanwhile
      }
  }
}

/**
 * One pose run's CPU per frame by thread: the two busiest worker threads of the engine's page are
 * the engine worker (the model) and the decode worker (demuxing, the copy out of the decoder, the
 * reduction); the rest of Chromium (its video decoder's threads among them) and the total.
 */
async function cpuPerFrame(clip: string, frameConversion: FrameConversion): Promise<Record<string, number>> {
  const seen = new Map<string, { comm: string; cpuS: number }>();
  const timer = setInterval(() => threadCpu(seen), 200);
  let frames = 0;
  try {
    const { candidates } = await detectPoses({
      clipPath: clip,
      model: 'full',
      numPoses: 2,
      frameConversion,
      onFrames: () => threadCpu(seen),
    });
    frames = candidates.frames.length;
  } finally {
    clearInterval(timer);
  }
  const workers = [...seen.values()]
    .filter((t) => /DedicatedWorker/i.test(t.comm))
    .sort((a, b) => b.cpuS - a.cpuS);
  const total = [...seen.values()].reduce((a, t) => a + t.cpuS, 0);
  const engine = workers[0]?.cpuS ?? 0;
  const decode = workers[1]?.cpuS ?? 0;
  return {
    engine_worker: engine / frames,
    decode_worker: decode / frames,
    rest_of_chromium: (total - engine - decode) / frames,
    total: total / frames,
  };
}

async function throughputLines(dir: string): Promise<BenchLine[]> {
  const clip = head(clip1080p60(REAL, dir), FRAMES / 60, dir, 'two-views-1080x1920-60fps.mp4');
  const raw = await rawRate(clip, 'full', 10);
  const cores = availableParallelism();
  const out: BenchLine[] = [
    {
      name: 'pose_convert_effect.raw_fps_1080x1920_60',
      value: raw.value,
      unit: `fps, one core (${FRAMES} frames, full model)`,
      loadBefore: raw.loadBefore,
      loadAfter: raw.loadAfter,
    },
  ];
  const fps: Record<FrameConversion, number[]> = { rgba: [], planar: [] };
  for (const mode of ab()) {
    const loadBefore = load1();
    const v = await twoAtOnce(clip, mode);
    fps[mode].push(v);
    out.push({
      name: `pose_convert_effect.two_runs_fps.${mode}`,
      value: v,
      unit: `frames/s, both runs (${(v / raw.value).toFixed(2)} × the one-core raw rate; goal ≥ ${(0.9 * cores).toFixed(1)})`,
      loadBefore,
      loadAfter: load1(),
    });
  }
  const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
  out.push({
    name: 'pose_convert_effect.two_runs_planar_over_rgba',
    value: mean(fps.planar) / mean(fps.rgba),
    unit: `x (mean of ${PAIRS} A/B pair(s), one run)`,
  });
  // CPU per frame by thread, one run at a time, A B A B (CPU time hardly moves with the load):
  // at least two pairs, the runs being cheap next to two at once.
  const cpu: Record<FrameConversion, Record<string, number>[]> = { rgba: [], planar: [] };
  for (let i = 0; i < Math.max(2, PAIRS); i++)
    for (const mode of ['rgba', 'planar'] as const) cpu[mode].push(await cpuPerFrame(clip, mode));
  for (const part of ['decode_worker', 'engine_worker', 'rest_of_chromium', 'total'])
    for (const mode of ['rgba', 'planar'] as const)
      out.push({
        name: `pose_convert_effect.cpu_ms_per_frame.${part}.${mode}`,
        value: 1000 * mean(cpu[mode].map((c) => c[part]!)),
        unit: `CPU-ms per frame (mean of ${cpu[mode].length} runs: ${cpu[mode].map((c) => (1000 * c[part]!).toFixed(1)).join(', ')})`,
      });
  return out;
}

export async function benchPoseConvertEffect(): Promise<BenchLine[]> {
  // Minutes of work: only when asked for by name, not with every `npm run bench -- pose`.
  if (!process.argv[2]?.includes('convert-effect')) return [];
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-bench-convert-effect-'));
  try {
    const only = process.env.STRIDELAB_BENCH_CONVERT_EFFECT; // 'landmarks' | 'throughput' | unset: both
    return [
      ...(only !== 'throughput' ? await landmarkLines(dir) : []),
      ...(only !== 'landmarks' ? await throughputLines(dir) : []),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
