import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  detectPoses,
  SECOND_PASS_STAGE,
  THIRD_PASS_STAGE,
  type DetectResult,
  type PassProgress,
} from '../../src-main/services/pose/run';
import { landscape } from '../gait/labelled-clips';
import { ffmpeg, tempDir } from '../media/helpers';
import { media, requireEngineBuild } from './helpers';

/**
 * Progress and cancel during a third pass (docs/pose-engine.md, "A runner too small for the first
 * pass"), as runner-crop.test.ts covers them for the second: the first 3 s of the sample at 0.5 in a
 * 1920x1080 frame (small-runner.test.ts's clip, cut so the file runs in about three minutes here).
 * Measured (full model, 90 frames): the first pass finds him upright on 0, the square placed from
 * every pose on 70, the third pass on his own region on 90; the run took 74 s and the cancelled one
 * 102 s on the shared 2-core machine (load about 2). Progress counts every pass's frames: 90 of 90,
 * then 90 → 180 of 180 named as the second pass, then 180 → 270 of 270 named as the third.
 */
beforeAll(requireEngineBuild);

const SECONDS = 3;
const N = SECONDS * 30;

let clip: string;
let progress: PassProgress[];
let run: DetectResult;

beforeAll(async () => {
  const { file, ffmpeg: options } = landscape(0.5);
  clip = join(tempDir('third-pass'), file);
  ffmpeg(['-i', media('treadmill_side_zzzhushi_male_side.mp4'), '-t', String(SECONDS), ...options, clip]);
  progress = [];
  run = await detectPoses({ clipPath: clip, model: 'full', onProgress: (p) => progress.push(p) });
}, 600_000);

describe('a third pass on the runner\u2019s own region', () => {
  it('runs on this clip, and its result is kept', () => {
    expect(run.candidates.frames).toHaveLength(N);
    expect(run.runnerFrames.first).toBeLessThan(0.1 * N);
    expect(run.runnerFrames.second).toBeLessThan(0.9 * N);
    expect(run.runnerFrames.third).toBeGreaterThan(run.runnerFrames.second!);
  });

  it('reports progress over all three passes, the third by name, never going back', () => {
    const first = progress.filter((p) => p.stage === undefined);
    const second = progress.filter((p) => p.stage === SECOND_PASS_STAGE);
    const third = progress.filter((p) => p.stage === THIRD_PASS_STAGE);
    expect(first.at(-1)).toMatchObject({ framesDone: N, totalFrames: N });
    expect(second.at(-1)).toMatchObject({ framesDone: 2 * N, totalFrames: 2 * N });
    expect(third.length).toBeGreaterThan(1);
    // The third pass counts the two before it as done, and its own frames to do.
    expect(third[0]).toMatchObject({ framesDone: 2 * N, totalFrames: 3 * N });
    expect(third.at(-1)).toMatchObject({ framesDone: 3 * N, totalFrames: 3 * N });
    // In pass order, each report at or past the one before it.
    expect(progress.map((p) => p.stage ?? 'first')).toEqual([
      ...first.map(() => 'first'),
      ...second.map(() => SECOND_PASS_STAGE),
      ...third.map(() => THIRD_PASS_STAGE),
    ]);
    progress.forEach(
      (p, i) => i > 0 && expect(p.framesDone).toBeGreaterThanOrEqual(progress[i - 1]!.framesDone),
    );
  });

  it('stops when cancelled during the third pass, before it ends', async () => {
    const controller = new AbortController();
    const seen: PassProgress[] = [];
    const cancelled = detectPoses({
      clipPath: clip,
      model: 'full',
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.stage === THIRD_PASS_STAGE) controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.some((p) => p.stage === THIRD_PASS_STAGE)).toBe(true);
    expect(Math.max(...seen.map((p) => p.framesDone))).toBeLessThan(3 * N);
  }, 600_000);
});
