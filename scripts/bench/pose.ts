/**
 * Pose engine speed on real clips (treadmill_side_zzzhushi_male_side.mp4, 720x1280 30 fps, 360
 * frames, lite and full models; pose2sim_single_cam01.mp4, 1080x1920 60 fps, 100 frames, full
 * model), CPU delegate in headless Chromium (WebGL is SwiftShader here: delegate.ts):
 * - raw_fps: `detectForVideo` alone on every frame of the clip, decoded into memory first, 120 at a
 *   time (10 at 1080x1920, so a loaded machine still hears from the engine within its watchdog), at the landmarker's input size (POSE_INPUT_LONG_SIDE, input-scale.ts):
 *   the model's ceiling on the same frames the pipeline hands it;
 * - raw_full_res_fps: the same at the clip's full resolution (what the engine did before frames
 *   were reduced; `speedup_vs_full_res` = pipeline / this);
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
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoseModelName } from '../../src-shared/pose/engine-protocol';
import { POSE_INPUT_LONG_SIDE } from '../../src-shared/pose/input-scale';
import { runEngine } from '../../src-main/services/pose/engine-host';
import { detectPoses } from '../../src-main/services/pose/run';
import { writePoseStore } from '../../src-main/services/pose/store';
import type { BenchLine } from './types';
import { SHARED_MEDIA } from '../../test/helpers/media';

const MEDIA = SHARED_MEDIA;
const CLIPS = {
  '720p': { file: join(MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'), rawFrames: 120, size: '720x1280' },
  '1080p60': { file: join(MEDIA, 'pose2sim_single_cam01.mp4'), rawFrames: 10, size: '1080x1920' },
} as const;
const NUM_POSES = 2;

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

/** The process ids below `root`, from /proc (Linux). */
function descendants(root: number): number[] {
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
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** utime + stime of a process, seconds (proc(5) fields 14-15; 100 ticks/s), or null once it is gone. */
function cpuOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU seconds per frame of a whole pipeline run (launch to browser closed) at one input size: this
 * process plus every Chromium process it started, sampled every 100 ms (a process's last 100 ms
 * before it exits are missed; Chromium's renderers are not reaped by us, so the kernel's child
 * totals would miss them). CPU time per frame, unlike frames per second, hardly moves with the
 * machine's load: what a run costs rather than how fast it got through.
 */
async function pipelineCpuPerFrame(
  clipPath: string,
  model: PoseModelName,
  inputLongSide: number,
): Promise<number> {
  const seen = new Map<number, number>();
  const sample = (): void => {
    for (const pid of descendants(process.pid)) {
      const c = cpuOf(pid);
      if (c !== null) seen.set(pid, Math.max(seen.get(pid) ?? 0, c));
    }
  };
  const before = new Map(descendants(process.pid).map((pid) => [pid, cpuOf(pid) ?? 0]));
  const self0 = process.cpuUsage();
  const timer = setInterval(sample, 100);
  try {
    const { candidates } = await detectPoses({ clipPath, model, numPoses: NUM_POSES, inputLongSide });
    sample();
    const self = process.cpuUsage(self0);
    let children = 0;
    for (const [pid, c] of seen) children += c - (before.get(pid) ?? 0);
    return (children + (self.user + self.system) / 1e6) / candidates.frames.length;
  } finally {
    clearInterval(timer);
  }
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

async function benchModel(clip: keyof typeof CLIPS, model: PoseModelName): Promise<BenchLine[]> {
  const CLIP = CLIPS[clip].file;
  const rawAt = async (inputLongSide: number): Promise<number> => {
    const raw = await runEngine({
      clipPath: CLIP,
      model,
      numPoses: NUM_POSES,
      mode: 'bench',
      // Frames decoded into memory per timed chunk (1080x1920 RGBA at full size: 8.3 MB each).
      benchFrames: CLIPS[clip].rawFrames,
      inputLongSide,
    });
    return raw.frames / (raw.detectMs / 1000);
  };
  const load = loadavg()[0]!;
  const rawFps = await rawAt(POSE_INPUT_LONG_SIDE);
  const rawFullFps = await rawAt(0);

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
        input: `${engine.inputWidth}x${engine.inputHeight}`,
        delegate: `${engine.delegate}: ${engine.delegateReason}`,
      };
    });
    const end = performance.now();
    const pipelineFps = result.frames / ((end - opened - result.closeMs) / 1000);
    const p = `pose.${clip}.${model}`;
    // The cost of handing over full-size frames, in CPU time (load-proof), where frames are reduced.
    const cpu: BenchLine[] = [];
    if (result.input !== `${CLIPS[clip].size}`) {
      const reduced = await pipelineCpuPerFrame(CLIP, model, POSE_INPUT_LONG_SIDE);
      const full = await pipelineCpuPerFrame(CLIP, model, 0);
      cpu.push(
        { name: `${p}.cpu_s_per_frame`, value: reduced, unit: `CPU-s (${result.input}, launch to close)` },
        { name: `${p}.cpu_s_per_frame_full_res`, value: full, unit: 'CPU-s (full-size frames)' },
        { name: `${p}.cpu_full_res_over_reduced`, value: full / reduced, unit: 'x (load-proof speedup)' },
      );
    }
    return [
      ...cpu,
      { name: `${p}.raw_fps`, value: rawFps, unit: `fps (model on ${result.input} frames)` },
      { name: `${p}.raw_full_res_fps`, value: rawFullFps, unit: 'fps (model on full-size frames)' },
      { name: `${p}.pipeline_fps`, value: pipelineFps, unit: 'fps' },
      { name: `${p}.end_to_end_fps`, value: result.frames / ((end - t0) / 1000), unit: 'fps' },
      { name: `${p}.ratio`, value: pipelineFps / rawFps, unit: 'x (goal ≥ 0.9)' },
      { name: `${p}.speedup_vs_full_res`, value: pipelineFps / rawFullFps, unit: 'x' },
      { name: `${p}.detect_share`, value: result.share, unit: 'x' },
      { name: `${p}.startup_s`, value: (opened - t0) / 1000, unit: 's' },
      { name: `${p}.close_s`, value: result.closeMs / 1000, unit: 's' },
      { name: `${p}.peak_rss_mb`, value: peakMb, unit: 'MB' },
      { name: `${p}.store_bytes_per_frame`, value: result.bytes / result.frames, unit: 'B' },
      { name: `${p}.load_average_1min`, value: load, unit: `at its start; ${result.delegate}` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPose(): Promise<BenchLine[]> {
  return [
    ...(await benchModel('720p', 'lite')),
    ...(await benchModel('720p', 'full')),
    ...(await benchPose1080()),
  ];
}

/** The 1080x1920 60 fps clip alone (`npx tsx` on this function when the 720p figures are not wanted). */
export const benchPose1080 = (): Promise<BenchLine[]> => benchModel('1080p60', 'full');
