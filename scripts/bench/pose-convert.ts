/**
 * The decode worker's conversion, planar against RGBA, in headless Chromium on real frames
 * (src-renderer/src/pose-engine/convert-probe.ts, reduce-frame.ts): milliseconds per frame of each
 * route, the two alternating frame by frame in one run (so the machine's load weighs on both alike:
 * read the ratio), and the pixel difference of the reduced frames. The probe page is bundled here
 * with esbuild and served, with the clip, by the engine's own loopback server and routes, in the
 * engine's guarded browser (nothing leaves 127.0.0.1), as the pose engine is.
 *
 * `npm run bench -- pose` (or `-- pose-convert` alone) prints it for the condition bench's
 * 1080x1920 60 fps clip (built from the real treadmill clip, condition/clips.ts) and the real
 * 720x1280 clip.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { POSE_INPUT_LONG_SIDE } from '../../src-shared/pose/input-scale';
import { launchGuardedBrowser, type GuardedBrowser } from '../../src-main/services/pose/engine-host';
import { EngineRoutes } from '../../src-main/services/pose/engine-routes';
import { startEngineServer, type EngineServer } from '../../src-main/services/pose/host-server';
import { defaultModelDir } from '../../src-main/services/pose/paths';
import type { ClipComparison, SyntheticResult } from '../../src-shared/pose/convert-probe-types';
import { SHARED_MEDIA } from '../../test/helpers/media';
import { clip1080p60, head } from './condition/clips';
import type { BenchLine } from './types';

const ROOT = resolve(import.meta.dirname, '../..');

interface ProbeGlobal {
  stridelabConvertProbe?: {
    compareClip(
      url: string,
      inputLongSide: number,
      maxFrames?: number,
      checkBound?: boolean,
    ): Promise<ClipComparison>;
    synthetic(
      width: number,
      height: number,
      planes: number[],
      colorSpace: VideoColorSpaceInitLike | null,
    ): Promise<SyntheticResult>;
  };
}
/** WebCodecs' VideoColorSpaceInit, typed here without the DOM lib. */
export interface VideoColorSpaceInitLike {
  readonly matrix?: string | null;
  readonly fullRange?: boolean | null;
  readonly primaries?: string | null;
  readonly transfer?: string | null;
}

/** The probe page in Chromium, and what it may read. Close it when done. */
export interface ConvertProbe {
  compareClip(
    clipPath: string,
    inputLongSide?: number,
    maxFrames?: number,
    checkBound?: boolean,
  ): Promise<ClipComparison>;
  synthetic(
    width: number,
    height: number,
    planes: number[],
    colorSpace: VideoColorSpaceInitLike | null,
  ): Promise<SyntheticResult>;
  close(): Promise<void>;
}

export async function openConvertProbe(): Promise<ConvertProbe> {
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-convert-probe-'));
  await build({
    entryPoints: [join(ROOT, 'src-renderer/src/pose-engine/convert-probe.ts')],
    outfile: join(dir, 'probe.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'probe.html'), '<!doctype html><script type="module" src="/probe.js"></script>');
  const routes = new EngineRoutes();
  let server: EngineServer | undefined;
  let guarded: GuardedBrowser | undefined;
  const grants: (() => void)[] = [];
  const close = async (): Promise<void> => {
    for (const revoke of grants) revoke();
    await guarded?.browser.close().catch(() => undefined);
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    server = await startEngineServer({ staticRoot: dir, routes });
    guarded = await launchGuardedBrowser(server.origin, 'analysis');
    const { page } = guarded;
    await page.goto(`${server.origin}/probe.html`);
    await page.waitForFunction(() => Boolean((globalThis as ProbeGlobal).stridelabConvertProbe));
    const origin = server.origin;
    return {
      async compareClip(clipPath, inputLongSide = POSE_INPUT_LONG_SIDE, maxFrames, checkBound = false) {
        const grant = routes.grant(clipPath, defaultModelDir());
        grants.push(grant.revoke);
        return page.evaluate(
          ([url, side, max, check]) =>
            (globalThis as ProbeGlobal).stridelabConvertProbe!.compareClip(url, side, max, check),
          [`${origin}${grant.clipPath}`, inputLongSide, maxFrames ?? Infinity, checkBound] as const,
        );
      },
      synthetic: (width, height, planes, colorSpace) =>
        page.evaluate(
          ([w, h, p, cs]) => (globalThis as ProbeGlobal).stridelabConvertProbe!.synthetic(w, h, p, cs),
          [width, height, planes, colorSpace] as const,
        ),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Bench lines for one clip: ms per frame of each route, their ratio, the pixel difference. */
export function conversionLines(prefix: string, c: ClipComparison, load: [number, number]): BenchLine[] {
  const mean = c.diff.sum.map((s) => (c.diff.pixels ? s / c.diff.pixels : 0));
  const where = `${c.width}x${c.height} → k ${c.factor}, ${c.frames} frames, ${c.format}, ${c.colorSpace.matrix ?? 'no matrix'}${c.colorSpace.fullRange ? ' full' : ''}`;
  const lines: BenchLine[] = [
    { name: `${prefix}.rgba_ms_per_frame`, value: c.rgbaMs, unit: `ms (RGBA copy + box average; ${where})` },
  ];
  if (c.planarFrames)
    lines.push(
      {
        name: `${prefix}.planar_ms_per_frame`,
        value: c.planarMs,
        unit: 'ms (planes copy + fused average/convert)',
      },
      {
        name: `${prefix}.rgba_over_planar`,
        value: c.rgbaMs / c.planarMs,
        unit: 'x (conversion cost old/new, one run)',
      },
      {
        name: `${prefix}.pixel_diff_max`,
        value: Math.max(...c.diff.max),
        unit: `levels, worst channel (R ${c.diff.max[0]}, G ${c.diff.max[1]}, B ${c.diff.max[2]})`,
      },
      {
        name: `${prefix}.pixel_diff_over_1_level`,
        value:
          (100 * (c.diff.histogram[2] + c.diff.histogram[3] + c.diff.histogram[4])) / (3 * c.diff.pixels),
        unit: `% of channel values (over 3 levels: ${((100 * c.diff.histogram[4]) / (3 * c.diff.pixels)).toFixed(3)}%)`,
      },
      {
        name: `${prefix}.pixel_diff_mean`,
        value: Math.max(...mean),
        unit: `levels, worst channel (R ${mean[0]!.toFixed(3)}, G ${mean[1]!.toFixed(3)}, B ${mean[2]!.toFixed(3)})`,
      },
    );
  else
    lines.push({
      name: `${prefix}.planar_frames`,
      value: 0,
      unit: 'frames (k = 1: RGBA route only, as before)',
    });
  return lines.map((l) => ({ ...l, loadBefore: load[0], loadAfter: load[1] }));
}

/** The condition bench's 1080x1920 60 fps clip (`frames` of it) and the real 720x1280 clip. */
export async function benchPoseConvert(frames = 240): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-bench-convert-'));
  const real = join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4');
  const probe = await openConvertProbe();
  try {
    const clip1080 = head(clip1080p60(real, dir), frames / 60, dir, 'convert-1080x1920-60fps.mp4');
    const out: BenchLine[] = [];
    // The real 720p clip is handed over whole (k = 1: RGBA only, as before); at 640 it is halved,
    // which shows the planar route on its own frames (not the app's setting).
    for (const [name, clip, side] of [
      ['pose_convert.1080x1920_60', clip1080, POSE_INPUT_LONG_SIDE],
      ['pose_convert.720x1280_30', real, POSE_INPUT_LONG_SIDE],
      ['pose_convert.720x1280_30_halved', real, 640],
    ] as const) {
      const before = loadavg()[0]!;
      const c = await probe.compareClip(clip, side, frames);
      out.push(...conversionLines(name, c, [before, loadavg()[0]!]));
    }
    return out;
  } finally {
    await probe.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
