import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectPoses, type DetectResult } from '../../src-main/services/pose/run';
import { toSeries } from '../../src-main/services/pose/series';
import { Landmark, LandmarkSeriesSchema, type LandmarkFrame } from '../../src-shared/pose/landmarks';
import { expectFixtureLandmarks } from '../gait/app-path-fixture';
import { LABELLED_CLIPS, landscape } from '../gait/labelled-clips';
import { ffmpeg, tempDir } from '../media/helpers';
import { media, requireEngineBuild } from './helpers';

/**
 * The sample clip at 0.5 in a 1920x1080 landscape frame (runner ~295 px, 27% of the height; made
 * as test/gait/labelled-clips.ts makes its 0.75 variant): a runner too small for the first pass
 * (docs/pose-engine.md, "A runner too small for the first pass"). Measured (full model): the first
 * pass returns poses on 238 of 360 frames, none upright (skeletons lying across his legs), so he is
 * found on none; the second pass, on a square of the frame's height placed from every pose's box,
 * finds him on 184; the third, on his own region from those, on all 360. Not tuned on: the
 * fallback's size and the third pass's rule were reasoned, and this is the first clip they ran on.
 * Its landmarks are also the labelled set's landscape050 fixture (test/gait/labelled-clips.ts), held
 * here rather than posed a third and fourth time by test/gait/app-path.test.ts.
 */
beforeAll(requireEngineBuild);

const SCALE = 0.5;
/** Where landscape(0.5) puts the sample's picture: (1920 − 360) / 2, (1080 − 640) / 2. */
const PAD = { x: 780, y: 220 };
/** A pose "wrong": its hip midpoint this far from the original's, placed (docs/pose-engine.md). */
const WRONG_PX = 27;

let run: DetectResult;

beforeAll(async () => {
  const { file, ffmpeg: options } = landscape(SCALE);
  const clip = join(tempDir('small-runner'), file);
  ffmpeg(['-i', media('treadmill_side_zzzhushi_male_side.mp4'), ...options, clip]);
  run = await detectPoses({ clipPath: clip, model: 'full' });
}, 900_000);

/** The hip midpoint of a frame's pose, or null. */
function hips(f: LandmarkFrame): [number, number] | null {
  if (!f.image) return null;
  const l = f.image[Landmark.leftHip]!;
  const r = f.image[Landmark.rightHip]!;
  return [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2];
}

describe('a runner at 27% of a landscape frame\u2019s height (the sample at 0.5, padded to 1920x1080)', () => {
  it('is read whole: every frame of the clip has its candidates', () => {
    expect(run.candidates.frames).toHaveLength(360);
  });

  it('is found on at least 97% of the frames, as the 0.75 clip is, by a third pass on his own region', () => {
    const n = run.candidates.frames.length;
    const { first, second, third } = run.runnerFrames;
    // None upright on the first pass; the square placed from every pose finds him in part.
    expect(first).toBeLessThan(0.1 * n);
    expect(second).toBeGreaterThan(first);
    expect(second).toBeLessThan(0.9 * n);
    expect(third).toBeGreaterThanOrEqual(0.97 * n);
    // The third pass's is the result, on a crop about his size (him ~295 px tall, with margins).
    expect(Math.max(run.crop!.width, run.crop!.height)).toBeLessThan(1080 / 1.5);
    expect(toSeries(run.candidates).frames.filter((f) => f.status === 'pose')).toHaveLength(third!);
  });

  it('is him: his hips where the original clip\u2019s land, scaled and padded, on all but a few frames', () => {
    const original = LandmarkSeriesSchema.parse(
      JSON.parse(
        readFileSync(
          join(import.meta.dirname, '..', 'fixtures', 'landmarks', 'treadmill_side_male.full.json'),
          'utf8',
        ),
      ),
    );
    const series = toSeries(run.candidates);
    let compared = 0;
    let wrong = 0;
    series.frames.forEach((f, i) => {
      const a = hips(f);
      const b = hips(original.frames[i]!);
      if (!a || !b) return;
      compared++;
      if (Math.hypot(a[0] - (PAD.x + SCALE * b[0]), a[1] - (PAD.y + SCALE * b[1])) > WRONG_PX) wrong++;
    });
    console.log(`small runner: ${compared} frames compared, ${wrong} wrong`);
    expect(compared).toBeGreaterThanOrEqual(0.97 * 360);
    expect(wrong).toBeLessThanOrEqual(0.01 * compared);
  });

  it('is what the app computes: the labelled set\u2019s fixture of this clip, to 0.5 px', () => {
    // The app path (import, the pose service, pose:series) reads this clip's original and gives
    // the landmarks of this run (measured: within 0.17 px on all 360 frames, the same statuses and
    // frame times), so the 0.5 clip's accuracy figures are held to what the app computes here,
    // without posing it again.
    const row = LABELLED_CLIPS.find((c) => c.appPath?.regeneratedBy === 'test/pose/small-runner.test.ts');
    expect(row?.appPath?.derived?.file).toBe(landscape(SCALE).file);
    expectFixtureLandmarks(toSeries(run.candidates), row!.landmarks);
  });
});
