import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectRecordingPoses, type RecordingPoseRun } from '../../src-main/services/pose/input';
import type { PoseRecording } from '../../src-main/services/pose/recording';
import { SECOND_PASS_STAGE, THIRD_PASS_STAGE } from '../../src-main/services/pose/run';
import { toSeries } from '../../src-main/services/pose/series';
import type { PoseProgress } from '../../src-main/services/pose/time-left';
import { landscape } from '../gait/labelled-clips';
import { ffmpeg, tempDir } from '../media/helpers';
import { media, requireEngineBuild } from './helpers';

/**
 * A clip read steady window first (pose/input.ts `firstFrom`, as the analysis queue runs one) whose
 * runner is too small for the first pass: the frames before the window start on the region the
 * window's part kept, not on the whole frame (docs/pose-engine.md, "A runner too small for the first
 * pass"). Each part used to decide from the whole frame, so the frames before the window ran three
 * passes again. The first 4 s of the sample at 0.5 in a 1920x1080 frame (small-runner.test.ts's clip,
 * cut short), split at 2 s. Measured (full model): the window's part finds him on 0 of 60 frames,
 * 40 on the square placed from every pose, 60 on his own region; the frames before it, on that
 * region, 60 of 60 in one pass, where deciding from the whole frame took three (0, 42, 60).
 */
beforeAll(requireEngineBuild);

const SECONDS = 4;
const N = SECONDS * 30;
const SPLIT_S = 2;

let progress: PoseProgress[];
let run: RecordingPoseRun;

beforeAll(async () => {
  const dir = tempDir('window-passes');
  const { file, ffmpeg: options } = landscape(0.5);
  const clip = join(dir, file);
  ffmpeg(['-i', media('treadmill_side_zzzhushi_male_side.mp4'), '-t', String(SECONDS), ...options, clip]);
  // Read as a library recording with no original and no timestamp table: the proxy and its own times.
  const rec: PoseRecording = {
    id: 'window-passes',
    name: file,
    proxyPath: clip,
    timestampsPath: join(dir, 'no-table.bin'),
    dir,
    nominalFps: 30,
    variableFrameRate: false,
    proxyWidth: 1920,
    proxyHeight: 1080,
    original: null,
  };
  progress = [];
  run = await detectRecordingPoses(rec, {
    model: 'full',
    firstFrom: { startS: SPLIT_S, onFrames: () => undefined },
    onProgress: (p) => progress.push(p),
  });
}, 600_000);

describe('a small runner read steady window first', () => {
  it('is read whole, every frame once at its time', () => {
    expect(run.candidates.frames).toHaveLength(N);
    run.candidates.frames.forEach((f, i) => expect(f.t).toBeCloseTo(i / 30, 3));
  });

  it('reads the frames before the window in one pass, on the region the window\u2019s part kept', () => {
    // Stages in the order reported, repeats collapsed: the window's part (the whole frame, the
    // square, his own region), then the frames before it. From the whole frame they took three.
    const stages = progress.map((p) => p.stage ?? 'first').filter((s, i, all) => i === 0 || s !== all[i - 1]);
    expect(stages).toEqual(['first', SECOND_PASS_STAGE, THIRD_PASS_STAGE, 'first']);
    // That pass counts on from the window's three passes to every pass's frames, never going back:
    // it used to start again from the window's one pass (180 of 240, then 60 of 120).
    const window = N - SPLIT_S * 30;
    const last = progress.slice(progress.findLastIndex((p) => p.stage !== undefined) + 1);
    expect(Math.min(...last.map((p) => p.framesDone))).toBeGreaterThanOrEqual(3 * window);
    expect(last.at(-1)).toMatchObject({
      framesDone: 3 * window + SPLIT_S * 30,
      totalFrames: 3 * window + SPLIT_S * 30,
    });
    progress.forEach((p, i) => {
      const prev = progress[i - 1];
      if (!prev) return;
      expect(p.framesDone).toBeGreaterThanOrEqual(prev.framesDone);
      expect(p.totalFrames).toBeGreaterThanOrEqual(prev.totalFrames);
      if (p.totalFrames === prev.totalFrames)
        expect(p.framesDone / p.totalFrames).toBeGreaterThanOrEqual(prev.framesDone / prev.totalFrames);
    });
  });

  it('finds him before the window on the region the window\u2019s part kept', () => {
    const before = toSeries(run.candidates).frames.filter((f) => f.t < SPLIT_S);
    expect(before).toHaveLength(SPLIT_S * 30);
    expect(before.filter((f) => f.status === 'pose').length).toBeGreaterThanOrEqual(0.97 * before.length);
  });
});
