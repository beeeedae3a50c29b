/**
 * The check that a labelled clip's committed landmark fixture is what the app computes from the
 * clip (test/gait/app-path.ts): shared by test/gait/app-path.test.ts and the tests that already run
 * a labelled clip's pose for their own checks (test/pose/small-runner.test.ts), so no clip is posed
 * twice to be checked.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { LandmarkSeriesSchema, type LandmarkSeries } from '../../src-shared/pose/landmarks';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Largest difference between two series, frame by frame: image px, and frame time in s. */
function largestDifference(a: LandmarkSeries, b: LandmarkSeries): { px: number; t: number; status: number } {
  let px = 0;
  let t = 0;
  let status = 0;
  a.frames.forEach((fa, i) => {
    const fb = b.frames[i]!;
    t = Math.max(t, Math.abs(fa.t - fb.t));
    if (fa.status !== fb.status) status++;
    fa.image?.forEach((p, k) => {
      const q = fb.image?.[k];
      if (q) px = Math.max(px, Math.hypot(p[0] - q[0], p[1] - q[1]));
    });
  });
  return { px, t, status };
}

/**
 * Holds `series` (what the app computes from a labelled clip) to its committed landmark fixture
 * (`landmarks`, relative to test/fixtures), or writes the fixture with `STRIDELAB_UPDATE_FIXTURES=1`.
 */
export function expectFixtureLandmarks(series: LandmarkSeries, landmarks: string): void {
  const file = join(FIXTURES, landmarks);
  if (process.env.STRIDELAB_UPDATE_FIXTURES) writeFileSync(file, JSON.stringify(series));
  expect(existsSync(file), `${landmarks}: run with STRIDELAB_UPDATE_FIXTURES=1 to write it`).toBe(true);
  const fixture = LandmarkSeriesSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  expect(series.frames.length).toBe(fixture.frames.length);
  const d = largestDifference(series, fixture);
  expect(d.status).toBe(0);
  expect(d.t).toBeLessThan(1e-6);
  // Pose is deterministic: the same path gives the same points to the fixture's 0.01 px. A change
  // in how the engine hands frames to the model (e.g. frames reduced before the model's own
  // 256 px resize) moves them by up to 0.2 px (measured on the sample clip), which leaves every
  // event in place; reading the proxy instead of the original moves the feet by 4-8 px (median)
  // and up to 290 px. Past 0.5 px the fixtures no longer describe the app: regenerate them and
  // measure the accuracy again.
  expect(d.px).toBeLessThanOrEqual(0.5);
}
