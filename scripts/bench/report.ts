/**
 * The report's costs on the treadmill sample (12 s, 720x1280, 30 fps) with its committed landmarks:
 * building the model (pure), grabbing the six key frames (ffmpeg, one pass), printing the PDF
 * (headless Chromium, launch to bytes), and the annotated video's overlay cost as a ratio to the
 * same x264 encode without it (both measured in this run, so the ratio holds on any machine).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { rendererDir } from '../../src-main/paths';
import { makeBundle } from '../../src-main/services/report/bundle';
import { chromiumPrinter } from '../../src-main/services/report/pdf-chromium';
import { countPdfPages } from '../../src-main/services/report/templates';
import { ANNOTATED_VIDEO_CODEC, exportAnnotatedVideo } from '../../src-main/services/report/video';
import { analyzeGait, DEFAULT_EXERCISES } from '../../src-shared/gait';
import { buildReport } from '../../src-shared/report/build';
import { SAMPLE, sampleSeries } from '../../test/report/library-fixture';
import type { BenchLine } from './types';

const seconds = async (fn: () => unknown): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};

export async function benchReport(): Promise<BenchLine[]> {
  const series = sampleSeries();
  const analysis = analyzeGait({ series, view: 'side' });
  const input = {
    patient: { name: 'Bench Runner' },
    session: { id: 'bench', date: '2026-11-21' },
    conditions: [
      {
        id: 'c1',
        label: 'flat',
        clips: [{ view: 'side' as const, file: 'treadmill-side.mp4', model: 'full', analysis, series }],
      },
    ],
    exercises: DEFAULT_EXERCISES,
    appVersion: 'bench',
    now: new Date().toISOString(),
  };
  let built = buildReport(input);
  const model = await seconds(() => (built = buildReport(input)));
  let bundle = await makeBundle(built.model, built.images, () => SAMPLE);
  const frames = await seconds(
    async () => (bundle = await makeBundle(built.model, built.images, () => SAMPLE)),
  );
  let pdf: Uint8Array = new Uint8Array();
  const print = await seconds(
    async () => (pdf = await chromiumPrinter({ rendererDir: rendererDir() }).print(bundle)),
  );
  const dir = mkdtempSync(join(tmpdir(), 'stridelab-bench-report-'));
  try {
    const plain = await seconds(() =>
      execFileSync(ffmpegPath(), [
        '-v',
        'error',
        '-y',
        '-i',
        SAMPLE,
        ...ANNOTATED_VIDEO_CODEC,
        join(dir, 'plain.mp4'),
      ]),
    );
    const overlay = await seconds(() =>
      exportAnnotatedVideo({ clipPath: SAMPLE, series, view: 'side', outFile: join(dir, 'annotated.mp4') }),
    );
    return [
      { name: 'report.model_build.seconds', value: model, unit: 's' },
      { name: 'report.keyframes_6.seconds', value: frames, unit: 's' },
      { name: 'report.pdf_print.seconds', value: print, unit: 's' },
      { name: 'report.pdf_pages', value: countPdfPages(pdf), unit: 'pages' },
      { name: 'report.annotated_video.realtime_factor', value: series.source.durationS / overlay, unit: 'x' },
      { name: 'report.annotated_video.cost_vs_plain_encode', value: overlay / plain, unit: 'x' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
