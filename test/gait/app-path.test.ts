/**
 * The accuracy fixtures are what the app computes: each labelled clip is imported into a real
 * library and run through the pose service as the app runs it (test/gait/app-path.ts), and the
 * landmarks must equal the committed fixture that test/gait/accuracy.test.ts scores (within
 * 0.5 px, app-path-fixture.ts). MediaPipe on CPU and x264 are deterministic, so a larger difference means the
 * app's path changed (which file pose reads, the proxy's encoding, the person tracker, the frame
 * times) and the accuracy figures no longer describe the app. Slow (real import, real Chromium
 * pose: about a minute per 360 frames on a quiet machine; a derived clip is made by ffmpeg first and
 * a runner small in a landscape frame takes two passes; one smaller still takes three and is held by
 * test/pose/small-runner.test.ts, which poses that clip anyway). `STRIDELAB_UPDATE_FIXTURES=1`
 * writes the fixtures from this path instead of comparing.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { clip, ffmpeg, tempDir } from '../media/helpers';
import { requireEngineBuild } from '../pose/helpers';
import { landmarksThroughApp } from './app-path';
import { expectFixtureLandmarks } from './app-path-fixture';
import { LABELLED_CLIPS } from './labelled-clips';

/** The clip the app path reads: the shared one, or the variant ffmpeg makes from it. */
function clipOf(appPath: NonNullable<(typeof LABELLED_CLIPS)[number]['appPath']>): string {
  if (!appPath.derived) return appPath.clip;
  const made = join(tempDir('app-path-derived'), appPath.derived.file);
  ffmpeg(['-i', clip(appPath.clip), ...appPath.derived.ffmpeg, made]);
  return made;
}

// A clip another test poses anyway (`regeneratedBy`) is held to its fixture there, not posed again.
const appClips = LABELLED_CLIPS.filter((c) => c.appPath && !c.appPath.regeneratedBy);

describe.each(appClips)('landmarks of $name', (c) => {
  it('are what the app computes from the clip (import, pose as the app runs it, series)', async () => {
    requireEngineBuild();
    const series = await landmarksThroughApp(clipOf(c.appPath!), c.appPath!.model);
    expectFixtureLandmarks(series, c.landmarks);
  }, 900_000);
});
