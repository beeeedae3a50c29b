import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { detectPoses } from '../../src-main/services/pose/run';
import { toSeries } from '../../src-main/services/pose/series';
import { FIXTURES, requireEngineBuild } from './helpers';

/**
 * Variable frame rate is carried by the timestamps: a clip whose frames are 1/30 s apart, then
 * mostly 1/15 s apart (test/fixtures/pose/README.md) gets every frame, in order, each at the time
 * ffmpeg (an independent decoder) reads from the container, and is flagged as variable-frame-rate.
 */
function ffmpegFrameTimes(file: string): number[] {
  const r = spawnSync(
    ffmpegPath(),
    ['-v', 'info', '-i', file, '-vf', 'showinfo', '-vsync', '0', '-f', 'null', '-'],
    {
      encoding: 'utf8',
    },
  );
  return [...r.stderr.matchAll(/pts_time:([\d.]+)/g)].map((m) => Number(m[1]));
}
beforeAll(requireEngineBuild);

describe('frame timing', () => {
  it('reports each frame of a variable-frame-rate clip at its true time', async () => {
    const { candidates } = await detectPoses({
      clipPath: join(FIXTURES, 'vfr_30_then_15fps.mp4'),
      model: 'lite',
    });
    const series = toSeries(candidates);
    expect(series.source.variableFrameRate).toBe(true);
    const expected = ffmpegFrameTimes(join(FIXTURES, 'vfr_30_then_15fps.mp4'));
    expect(expected).toHaveLength(40);
    expect(series.frames).toHaveLength(40);
    series.frames.forEach((f, i) => {
      expect(f.index).toBe(i);
      expect(f.t).toBeCloseTo(expected[i]!, 3);
    });
  }, 120_000);
});
