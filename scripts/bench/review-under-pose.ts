/**
 * The review stays responsive while the analysis runs (issue 16 item 1): Review's frame-step
 * latency on a 1080p clip (the review bench's measurement: key press to the new frame drawn, at the
 * pace of a held arrow key), first with nothing else running, then while two pose jobs run at once
 * (the queue's concurrency on 2 cores: the full model on the 12 s treadmill clip, each in its own
 * headless Chromium, hosted by this process as the app's main process hosts the queue's). Target:
 * p95 ≤ 16 ms under pose. Both in one run, with the load average at each; the ratio says what the
 * pose jobs cost the review on this machine at that moment.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { detectPoses } from '../../src-main/services/pose/run';
import { makeBarcodeClip } from '../../test/review/fixtures/barcode-clip';
import { settled, startReviewApp } from '../../test/review/fixtures/review-app';
import { SHARED_MEDIA } from '../../test/helpers/media';
import { KEY_REPEAT_MS, quantile, stepTimes } from './review';
import type { BenchLine } from './types';

const POSE_CLIP = join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4');

/** Two pose jobs at once; resolves once both are detecting (their first frames are in). */
async function twoPoseJobs(): Promise<{ stop: () => Promise<number>; running: () => boolean }> {
  const abort = new AbortController();
  let started = 0;
  let finished = 0;
  let frames = 0;
  let wake: () => void = () => undefined;
  const bothStarted = new Promise<void>((r) => (wake = r));
  const jobs = [0, 1].map(() => {
    let first = true;
    return detectPoses({
      clipPath: POSE_CLIP,
      model: 'full',
      signal: abort.signal,
      onProgress: (p) => {
        frames = Math.max(frames, p.framesDone);
        if (first && p.framesDone > 0) {
          first = false;
          if (++started === 2) wake();
        }
      },
    })
      .catch((e: unknown) => {
        if (!(e instanceof Error && e.name === 'AbortError')) throw e;
      })
      .finally(() => finished++);
  });
  await Promise.race([bothStarted, Promise.all(jobs)]);
  return {
    running: () => finished === 0,
    stop: async () => {
      abort.abort();
      await Promise.all(jobs);
      return frames;
    },
  };
}

export async function benchReviewUnderPose(): Promise<BenchLine[]> {
  const r = await startReviewApp();
  try {
    const clip = await makeBarcodeClip({
      out: join(r.home, 'bench-1080p.mp4'),
      width: 1920,
      height: 1080,
      rate: '30',
      frames: 300,
    });
    const rec = await r.importClip(clip, 'side', 'bench');
    const { page } = await r.openPage(`#/sessions/${r.sessionId}/review/${rec.id}/${rec.id}`);
    await settled(page, 0);
    await settled(page, 1);
    await stepTimes(page, 5, 'ArrowRight', KEY_REPEAT_MS, 2);
    const loadQuiet = loadavg()[0]!;
    const quiet = await stepTimes(page, 60, 'ArrowRight', KEY_REPEAT_MS, 2);
    const pose = await twoPoseJobs();
    const loadPose = loadavg()[0]!;
    const busy = await stepTimes(page, 60, 'ArrowRight', KEY_REPEAT_MS, 2);
    const stillRunning = pose.running();
    await pose.stop();
    if (!stillRunning) throw new Error('a pose job ended before the steps were measured: use a longer clip');
    return [
      {
        name: 'review_under_pose.quiet.step_p95_ms',
        value: quantile(quiet, 0.95),
        unit: 'ms (two locked 1080p players)',
      },
      { name: 'review_under_pose.quiet.step_median_ms', value: quantile(quiet, 0.5), unit: 'ms' },
      {
        name: 'review_under_pose.two_jobs.step_p95_ms',
        value: quantile(busy, 0.95),
        unit: 'ms (target ≤ 16)',
      },
      { name: 'review_under_pose.two_jobs.step_median_ms', value: quantile(busy, 0.5), unit: 'ms' },
      {
        name: 'review_under_pose.p95_ratio',
        value: quantile(busy, 0.95) / quantile(quiet, 0.95),
        unit: 'x (two jobs / none)',
      },
      {
        name: 'review_under_pose.load_average_quiet',
        value: loadQuiet,
        unit: `1 min, on ${cpus().length} cores`,
      },
      { name: 'review_under_pose.load_average_two_jobs', value: loadPose, unit: '1 min, as the jobs began' },
    ];
  } finally {
    await r.close();
  }
}
