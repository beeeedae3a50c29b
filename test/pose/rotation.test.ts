import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectPoses } from '../../src-main/services/pose/run';
import { toSeries } from '../../src-main/services/pose/series';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { ffmpeg, phoneRotated, tempDir } from '../media/helpers';
import { media, requireEngineBuild } from './helpers';

/**
 * Phone clips stored on their side with a display matrix (every iPhone portrait clip; Android too):
 * the pose engine reads the original where it can (pose/input.ts), through mediabunny's CanvasSink,
 * which draws the picture upright. The landmarks must be those of the upright picture the PT sees,
 * in its pixels, or every angle is 90° off. Each turned clip is a lossless copy of the upright one,
 * so a correct reader hands MediaPipe the same pixels and the landmarks are identical; a reader that
 * ignored the matrix, or turned the wrong way, would see a sideways or upside-down runner (other
 * size, other points). Lite model, 20 frames at 360x640, to stay short.
 */
beforeAll(requireEngineBuild);

let dir: string;
let upright: string;
let reference: LandmarkSeries;

const series = async (clipPath: string): Promise<LandmarkSeries> =>
  toSeries((await detectPoses({ clipPath, model: 'lite' })).candidates);

beforeAll(async () => {
  dir = tempDir('rotation');
  upright = join(dir, 'upright.mp4');
  ffmpeg([
    ...['-i', media('treadmill_side_zzzhushi_male_side.mp4'), '-frames:v', '20', '-an'],
    ...['-vf', 'scale=360:640', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', upright],
  ]);
  reference = await series(upright);
}, 300_000);

describe('a phone clip stored on its side', () => {
  it('the upright reference finds the runner in every frame', () => {
    expect(reference.source).toMatchObject({ width: 360, height: 640, frameCount: 20 });
    expect(reference.frames.filter((f) => f.status === 'pose')).toHaveLength(20);
  });

  for (const turn of [90, 270, 180] as const) {
    it(`turned ${turn}° on display: the landmarks of the upright picture, in its pixels`, async () => {
      const turned = await series(phoneRotated(upright, join(dir, `turned-${turn}.mp4`), turn));
      expect(turned.source).toMatchObject({ width: 360, height: 640, frameCount: 20 });
      let worst = 0;
      turned.frames.forEach((f, i) => {
        const ref = reference.frames[i]!;
        expect(f.status).toBe(ref.status);
        expect(f.t).toBeCloseTo(ref.t, 6);
        f.image?.forEach(([x, y], k) => {
          const [rx, ry] = ref.image![k]!;
          worst = Math.max(worst, Math.hypot(x - rx, y - ry));
        });
      });
      expect(worst).toBeLessThanOrEqual(0.5);
    }, 300_000);
  }
});
