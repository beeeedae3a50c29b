/**
 * Input resolution of the pose landmarker (issue 16 item 2): the runner's landmarks when the
 * landmarker is handed frames reduced to a long side of 960 px (the engine's default,
 * POSE_INPUT_LONG_SIDE; clips at most 1919 px long are handed over whole, so their distances are 0)
 * against full-resolution frames, on the real clips of the shared media, full model, numPoses 2 as
 * the app runs it. Per clip and body region: median and 95th percentile of the distance in pixels
 * of the original frame, and as % of the runner's leg length; the pipeline's loop rate at each size
 * (wall time: read it with the load average printed). `STRIDELAB_BENCH_INPUT_SIZES=960,640,480` measures other sizes too;
 * `STRIDELAB_BENCH_INPUT_SAVE=<dir>` keeps each run's landmark series (JSON) there.
 * Docs: docs/pose-engine.md, "Input resolution".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { POSE_INPUT_LONG_SIDE } from '../../src-shared/pose/input-scale';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { detectPoses } from '../../src-main/services/pose/run';
import { toSeries } from '../../src-main/services/pose/series';
import { SHARED_MEDIA } from '../../test/helpers/media';
import { diffSeries } from '../../test/pose/landmark-diff';
import type { BenchLine } from './types';

/** Every real clip with a frame larger than the input size (the 480x352 one is handed over whole). */
const CLIPS = [
  'pose2sim_single_cam01.mp4', // 1080x1920, 60 fps
  'pose2sim_single_cam03.mp4', // 1088x1920, 60 fps
  'treadmill_side_zzzhushi_male_side.mp4', // 720x1280, 30 fps
  'sports2d_demo.mp4', // 1768x994, VP9, two people
  'walking_side_sports2d_demo4.mp4', // 1280x720
];

async function landmarks(
  clip: string,
  inputLongSide: number,
): Promise<{ series: LandmarkSeries; fps: number }> {
  const { candidates, engine } = await detectPoses({
    clipPath: join(SHARED_MEDIA, clip),
    model: 'full',
    numPoses: 2,
    inputLongSide,
  });
  const save = process.env.STRIDELAB_BENCH_INPUT_SAVE;
  const series = toSeries(candidates);
  if (save) {
    mkdirSync(save, { recursive: true });
    writeFileSync(
      join(save, `${basename(clip, '.mp4')}.${inputLongSide || 'full'}.json`),
      JSON.stringify(series),
    );
  }
  return { series, fps: engine.frames / (engine.loopMs / 1000) };
}

export async function benchPoseInput(): Promise<BenchLine[]> {
  const sizes = (process.env.STRIDELAB_BENCH_INPUT_SIZES ?? String(POSE_INPUT_LONG_SIDE))
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const out: BenchLine[] = [
    { name: 'pose_input.load_average_1min', value: loadavg()[0]!, unit: 'at the start' },
  ];
  for (const clip of CLIPS) {
    const name = basename(clip, '.mp4');
    const ref = await landmarks(clip, 0);
    out.push({ name: `pose_input.${name}.full.loop_fps`, value: ref.fps, unit: 'fps (full resolution)' });
    for (const size of sizes) {
      const run = await landmarks(clip, size);
      const d = diffSeries(ref.series, run.series);
      out.push({ name: `pose_input.${name}.${size}.loop_fps`, value: run.fps, unit: 'fps' });
      out.push({
        name: `pose_input.${name}.${size}.pose_mismatch`,
        value: d.poseMismatch,
        unit: `frames of ${d.frames}`,
      });
      for (const [g, v] of Object.entries(d.groups)) {
        out.push({
          name: `pose_input.${name}.${size}.${g}.median_px`,
          value: v.medianPx,
          unit: `px (${v.medianPctLeg.toFixed(2)}% of leg ${d.legPx.toFixed(0)} px, n ${v.n})`,
        });
        out.push({
          name: `pose_input.${name}.${size}.${g}.p95_px`,
          value: v.p95Px,
          unit: `px (${v.p95PctLeg.toFixed(2)}% of leg)`,
        });
      }
    }
  }
  out.push({ name: 'pose_input.load_average_1min_end', value: loadavg()[0]!, unit: 'at the end' });
  return out;
}
