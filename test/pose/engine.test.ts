import { beforeAll, describe, expect, it } from 'vitest';
import { Landmark, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import { detectPoses } from '../../src-main/services/pose/run';
import { toSeries } from '../../src-main/services/pose/series';
import { bodyRegions, inside, media, requireEngineBuild } from './helpers';

/**
 * The engine end to end on real clips in headless Chromium: a pose on (nearly) every frame, the
 * skeleton on the person (hips in the pelvis region, ankles on the lower legs, regions checked by
 * eye: test/fixtures/pose/body-regions.json), true timestamps, and no request leaving 127.0.0.1.
 * The lite model keeps the suite short; the fixtures were drawn from the full model.
 */
beforeAll(requireEngineBuild);

function checkOnPerson(series: LandmarkSeries, clip: string): string[] {
  const regions = bodyRegions(clip);
  expect(series.source.width).toBe(regions.width);
  expect(series.source.height).toBe(regions.height);
  const misses: string[] = [];
  for (const r of regions.frames) {
    const f = series.frames[r.frame]!;
    expect(f.status, `frame ${r.frame}`).toBe('pose');
    for (const name of ['leftHip', 'rightHip'] as const)
      if (!inside(f.image![Landmark[name]]!, r.pelvis))
        misses.push(`${name}@${r.frame}: ${f.image![Landmark[name]]!.slice(0, 2)}`);
    for (const name of ['leftAnkle', 'rightAnkle'] as const)
      if (!inside(f.image![Landmark[name]]!, r.feet))
        misses.push(`${name}@${r.frame}: ${f.image![Landmark[name]]!.slice(0, 2)}`);
  }
  return misses;
}

describe.each([
  { clip: 'treadmill_side_zzzhushi_male_side.mp4', frames: 360, fps: 30 },
  { clip: 'pose2sim_single_cam01.mp4', frames: 100, fps: 60 },
])('pose engine on $clip', ({ clip, frames, fps }) => {
  it('finds the person on at least 98% of frames, on the body, and nothing leaves 127.0.0.1', async () => {
    const { candidates, engine } = await detectPoses({ clipPath: media(clip), model: 'lite' });
    const series = toSeries(candidates);
    expect(series.frames).toHaveLength(frames);
    const withPose = series.frames.filter((f) => f.status === 'pose').length;
    expect(withPose / frames).toBeGreaterThanOrEqual(0.98);
    // True timestamps from the container: frame i of a constant-rate clip at i / fps.
    series.frames.forEach((f, i) => expect(f.t).toBeCloseTo(i / fps, 4));
    expect(checkOnPerson(series, clip)).toEqual([]);
    // Network: the page, its worker, the wasm, the model and the clip, all from our loopback server.
    expect(engine.requests.length).toBeGreaterThan(3);
    expect(engine.requests.filter((u) => !u.startsWith('http://127.0.0.1:'))).toEqual([]);
    expect(engine.blocked).toEqual([]);
  }, 240_000);
});
