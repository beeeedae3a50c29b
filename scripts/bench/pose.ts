/**
 * Pose engine speed on a real clip (treadmill_side_zzzhushi_male_side.mp4, 720x1280, 360 frames),
 * lite and full models, CPU delegate in headless Chromium:
 * - raw_fps: `detectForVideo` alone on every frame of the clip, decoded into memory first, 120 at a
 *   time (the model's ceiling on the same frames the pipeline sees);
 * - pipeline_fps: decode + detect + gather + store, every frame, from the moment the model is
 *   loaded to the store written, less the browser's shutdown (fixed costs, like the launch and the
 *   model load: startup_s and close_s, both printed); end_to_end_fps counts everything from launch;
 * - ratio = pipeline / raw (target 0.9 or better); raw and pipeline are separate runs, so on a busy
 *   machine the ratio moves with the load between them;
 * - detect_share: within the pipeline run, time inside `detectForVideo` / loop time, i.e. how close
 *   the pipeline runs to the model's own speed at that moment (insensitive to the machine's load);
 * - peak_rss_mb: the peak memory (PSS) of this process and its browser, sampled every 100 ms.
 * Both runs use numPoses 2, as the app does. Figures are within one run, so the ratio holds on any
 * machine; absolute fps depend on the machine and its load.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoseModelName } from '../../src-shared/pose/engine-protocol';
import { runEngine } from '../../src-main/services/pose/engine-host';
import { detectPoses } from '../../src-main/services/pose/run';
import { writePoseStore } from '../../src-main/services/pose/store';
import type { BenchLine } from './types';
import { SHARED_MEDIA } from '../../test/helpers/media';

const MEDIA = SHARED_MEDIA;
const CLIP = join(MEDIA, 'treadmill_side_zzzhushi_male_side.mp4');
const NUM_POSES = 2;
/** Frames decoded into memory per timed chunk of the raw run (720x1280 RGBA: 3.7 MB each). */
const RAW_FRAMES = 120;

/**
 * Memory (kB) of a process and all its descendants, from /proc (Linux): PSS, which splits shared
 * pages between the processes sharing them (Chromium's processes share a lot; summing their RSS
 * would count those pages once per process).
 */
function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {
      // ended
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(process.pid))), 100);
  try {
    const result = await fn();
    peak = Math.max(peak, treeRssKb(process.pid));
    return { result, peakMb: peak / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function benchModel(model: PoseModelName): Promise<BenchLine[]> {
  const raw = await runEngine({
    clipPath: CLIP,
    model,
    numPoses: NUM_POSES,
    mode: 'bench',
    benchFrames: RAW_FRAMES,
  });
  const rawFps = raw.frames / (raw.detectMs / 1000);

  const dir = mkdtempSync(join(tmpdir(), 'stridelab-bench-pose-'));
  try {
    const t0 = performance.now();
    let opened = 0;
    const { result, peakMb } = await withPeakRss(async () => {
      const { candidates, engine } = await detectPoses({
        clipPath: CLIP,
        model,
        numPoses: NUM_POSES,
        onProgress: (p) => {
          if (p.framesDone === 0 && !opened) opened = performance.now();
        },
      });
      const file = writePoseStore(dir, candidates);
      return {
        frames: candidates.frames.length,
        bytes: statSync(file).size,
        share: engine.detectMs / engine.loopMs,
        closeMs: engine.closeMs,
      };
    });
    const end = performance.now();
    const pipelineFps = result.frames / ((end - opened - result.closeMs) / 1000);
    return [
      { name: `pose.${model}.raw_fps`, value: rawFps, unit: 'fps' },
      { name: `pose.${model}.pipeline_fps`, value: pipelineFps, unit: 'fps' },
      { name: `pose.${model}.end_to_end_fps`, value: result.frames / ((end - t0) / 1000), unit: 'fps' },
      { name: `pose.${model}.ratio`, value: pipelineFps / rawFps, unit: 'x' },
      { name: `pose.${model}.detect_share`, value: result.share, unit: 'x' },
      { name: `pose.${model}.startup_s`, value: (opened - t0) / 1000, unit: 's' },
      { name: `pose.${model}.close_s`, value: result.closeMs / 1000, unit: 's' },
      { name: `pose.${model}.peak_rss_mb`, value: peakMb, unit: 'MB' },
      { name: `pose.${model}.store_bytes_per_frame`, value: result.bytes / result.frames, unit: 'B' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPose(): Promise<BenchLine[]> {
  return [...(await benchModel('lite')), ...(await benchModel('full'))];
}
