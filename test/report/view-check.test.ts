import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { LandmarkSeriesSchema } from '../../src-shared/pose/landmarks';
import { detectView } from '../../src-shared/report/view-check';

describe('camera view from landmark geometry', () => {
  it('tells a side view from a rear view on the synthetic runner, either direction, camera up to 15° off', () => {
    for (const facing of ['image-left', 'image-right'] as const) {
      for (const yaw of [0, 15]) {
        expect(
          detectView(generateRunner({ view: 'side', facing, cameraYawDeg: yaw, seed: 3, noisePx: 2 }).series)
            .view,
        ).toBe('side');
        expect(
          detectView(generateRunner({ view: 'rear', facing, cameraYawDeg: yaw, seed: 3, noisePx: 2 }).series)
            .view,
        ).toBe('rear');
      }
    }
  });

  it('recognises the real treadmill side clip, and does not call an oblique lab camera either view', () => {
    const load = (name: string) =>
      LandmarkSeriesSchema.parse(
        JSON.parse(readFileSync(new URL(`../../test/fixtures/landmarks/${name}`, import.meta.url), 'utf8')),
      );
    expect(detectView(load('treadmill_side_male.full.json')).view).toBe('side');
    // pose2sim cam01: front-oblique camera from above, a lunge: neither a clean side nor a rear view.
    expect(detectView(load('pose2sim_single_cam01.full.json')).view).toBe('unknown');
  });

  it('says unknown when there is no one to measure', () => {
    const none = generateRunner({ view: 'side', durationS: 2, noPoseRate: 1, seed: 1 }).series;
    expect(detectView(none)).toMatchObject({ view: 'unknown', frames: 0 });
  });
});
