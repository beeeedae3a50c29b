import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import type { View } from '../../../src-shared/contract/recordings';
import { overlayAss } from '../../../src-shared/report/overlay-ass';
import { ServiceError } from '../errors';
import { ffmpegPath } from '../media/binaries';
import { lastLine } from '../media/probe';
import { runTool } from '../media/run';

/**
 * The annotated video for the patient: the clip with the skeleton and joint angles burnt in.
 * The overlay is an ASS script made in pure code (src-shared/report/overlay-ass.ts) and drawn by
 * ffmpeg's libass filter during the one encode pass. Measured on the 12 s 720x1280 sample (360
 * frames): 8.7 s of CPU, of which the x264 encode alone is 4.4 s and libass the rest, about 12 ms a
 * frame (docs/report.md). Written under a temporary name and renamed when
 * complete, so a failed or cancelled export never leaves a file that looks finished.
 */
export interface VideoExportOptions {
  /** The clip the landmarks were found in (the proxy: constant rate, frame i at i/fps). */
  readonly clipPath: string;
  readonly series: LandmarkSeries;
  readonly view: View;
  readonly outFile: string;
  readonly signal?: AbortSignal;
  /** 0..1 of the clip encoded. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * The annotated video's encoder settings. The bench and the overlay test re-encode the plain clip
 * with these same settings as their baseline, so they must not drift apart.
 */
export const ANNOTATED_VIDEO_CODEC: readonly string[] = [
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-crf',
  '22',
  '-pix_fmt',
  'yuv420p',
];

export async function exportAnnotatedVideo(opts: VideoExportOptions): Promise<{ sizeBytes: number }> {
  const { width, height, durationS } = opts.series.source;
  const work = await mkdtemp(join(tmpdir(), 'stridelab-video-'));
  const partial = join(dirname(opts.outFile), `.${Date.now()}-${process.pid}.annotated.partial.mp4`);
  try {
    // A plain path under our own temp folder: the ass filter's argument needs no escaping.
    const assFile = join(work, 'overlay.ass');
    await writeFile(assFile, overlayAss(opts.series, { view: opts.view, width, height }));
    const args = [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-progress',
      'pipe:2',
      '-y',
      '-i',
      opts.clipPath,
      '-map',
      '0:v:0',
      '-vf',
      `scale=${width}:${height},ass=${assFile}`,
      ...ANNOTATED_VIDEO_CODEC,
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      partial,
    ];
    const result = await runTool(ffmpegPath(), args, {
      signal: opts.signal,
      onStderrLine: (line) => {
        const m = /^out_time_us=(\d+)/.exec(line);
        if (m && durationS > 0) opts.onProgress?.(Math.min(1, Number(m[1]) / 1e6 / durationS));
        return /^[a-z_]+=/.test(line) || line.startsWith('Fontconfig');
      },
    });
    if (result.code !== 0) {
      throw new ServiceError(
        'io',
        `Could not write the annotated video: ${lastLine(result.stderr) || `ffmpeg exit ${result.code}`}`,
      );
    }
    await rename(partial, opts.outFile);
    return { sizeBytes: (await stat(opts.outFile)).size };
  } catch (err) {
    await rm(partial, { force: true });
    if (err instanceof ServiceError && err.code === 'cancelled') {
      throw new ServiceError('cancelled', 'The annotated video was cancelled; no file was written.');
    }
    throw err;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
