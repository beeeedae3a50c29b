import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectPoses, type DetectResult } from '../../src-main/services/pose/run';
import { landscape } from '../gait/labelled-clips';
import { ffmpeg, tempDir } from '../media/helpers';
import { media, requireEngineBuild } from './helpers';

/**
 * The sample clip at 0.5 in a 1920x1080 landscape frame (runner ~295 px, 27% of the height; made
 * as test/gait/labelled-clips.ts makes its 0.75 variant): the app finds no runner in it
 * (docs/gait-methods.md, "Round 9"). Measured (full model): the first pass returns poses on 238 of
 * 360 frames, none upright (skeletons lying across his legs), so since only an upright pose can
 * be the runner (src-shared/pose/upright.ts) he is found on none, the second pass has no boxes to
 * place its crop on (RUNNER_CROP.minFrames), and the clip is refused. Held as a target not met: it
 * turns red the day the pose engine finds him, and this clip then joins the labelled set.
 */
beforeAll(requireEngineBuild);

let run: DetectResult;

beforeAll(async () => {
  const { file, ffmpeg: options } = landscape(0.5);
  const clip = join(tempDir('small-runner'), file);
  ffmpeg(['-i', media('treadmill_side_zzzhushi_male_side.mp4'), ...options, clip]);
  run = await detectPoses({ clipPath: clip, model: 'full' });
}, 900_000);

describe('a runner at 27% of a landscape frame\u2019s height (the sample at 0.5, padded to 1920x1080)', () => {
  it('is read whole: every frame of the clip has its candidates', () => {
    expect(run.candidates.frames).toHaveLength(360);
  });

  it.fails('is found on at least 97% of the frames, as the 0.75 clip is', () => {
    const n = run.candidates.frames.length;
    expect(Math.max(run.runnerFrames.first, run.runnerFrames.second ?? 0)).toBeGreaterThanOrEqual(0.97 * n);
  });
});
