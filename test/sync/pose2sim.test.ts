import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { seriesOfClip } from '../../src-main/services/pose';
import { estimateSync } from '../../src-shared/sync/estimate';
import { dropLeadingFrames } from '../../src-shared/sync/two-views';
import { tempDir } from '../helpers/tmp';
import { clip } from '../media/helpers';
import { fixture } from './helpers';

/**
 * The verification on real clips: pose2sim cam01 (front-oblique) and cam03 (back-oblique)
 * filmed the same 100-frame trial at the same time (60 fps, a person balancing and lunging, not
 * running). Landmarks: test/fixtures/landmarks (`stridelab pose <clip> --model full --out …`).
 */
const cam01 = fixture('pose2sim_single_cam01.full.json');
const cam03 = fixture('pose2sim_single_cam03.full.json');

describe('pose2sim cam01 + cam03', () => {
  it('are found to be in sync: 0 within 1 frame, either way round', () => {
    const e = estimateSync(cam01, cam03);
    expect(Math.abs(e.offsetFramesA)).toBeLessThan(1);
    expect(e.level).toBe('high');
    expect(Math.abs(estimateSync(cam03, cam01).offsetFramesA)).toBeLessThan(1);
  });

  it.each([1, 2, 5, 9, 16, 25, 40])('recover k = %i frames cut off the start of either clip', (k) => {
    const cutB = estimateSync(cam01, dropLeadingFrames(cam03, k));
    expect(Math.abs(cutB.offsetFramesA - k)).toBeLessThan(1);
    const cutA = estimateSync(dropLeadingFrames(cam01, k), cam03);
    expect(Math.abs(cutA.offsetFramesA + k)).toBeLessThan(1);
  });

  describe('a real cut with ffmpeg, then the pose engine on the cut clip', () => {
    const dir = tempDir('stridelab-synccut-');
    afterAll(() => dir.cleanup());

    it('recovers the 7 frames cut off cam03', { timeout: 180_000 }, async () => {
      const out = join(dir.path, 'cam03-cut7.mp4');
      // Re-encode from frame 7 with timestamps restarting at 0: what a camera started 7 frames later gives.
      execFileSync(ffmpegPath(), [
        ...['-hide_banner', '-loglevel', 'error', '-y', '-i', clip('pose2sim_single_cam03.mp4')],
        ...['-vf', 'trim=start_frame=7,setpts=PTS-STARTPTS', '-an', '-c:v', 'libx264', '-crf', '16', out],
      ]);
      const cut = await seriesOfClip({ clipPath: out, model: 'full' });
      expect(cut.frames).toHaveLength(93);
      const e = estimateSync(cam01, cut);
      expect(Math.abs(e.offsetFramesA - 7)).toBeLessThan(1);
    });
  });
});
