import { beforeAll, describe, expect, it } from 'vitest';
import { createRunHold } from '../../src-main/services/pose/engine-session';
import { joinParts } from '../../src-main/services/pose/input';
import { detectPoses } from '../../src-main/services/pose/run';
import { media, requireEngineBuild } from './helpers';

/**
 * The engine on a part of a real clip, and held between frames (issue 16 items 3 and 5): the steady
 * window first then the frames before it gives every frame of the clip once, at its own time; a held
 * run detects nothing until it is let go, then finishes. Lite model, 100-frame clip, to stay short.
 */
beforeAll(requireEngineBuild);

const CLIP = 'pose2sim_single_cam01.mp4'; // 1080x1920, 60 fps, 100 frames
const FPS = 60;

describe('pose engine on parts of a clip', () => {
  it('window from 0.8 s to the end, then the frames before: every frame once, in order', async () => {
    const later = await detectPoses({ clipPath: media(CLIP), model: 'lite', startS: 0.8 });
    const earlier = await detectPoses({ clipPath: media(CLIP), model: 'lite', endS: 0.8 });
    expect(later.candidates.frames[0]!.t).toBeCloseTo(0.8, 3);
    expect(earlier.candidates.frames.at(-1)!.t).toBeLessThan(0.8);
    const joined = joinParts(earlier.candidates, later.candidates);
    expect(joined.frames).toHaveLength(100);
    joined.frames.forEach((f, i) => expect(f.t).toBeCloseTo(i / FPS, 4));
    expect(joined.frames.filter((f) => f.poses.length > 0).length).toBeGreaterThanOrEqual(98);
  }, 300_000);

  it('a held run detects no frame until it is let go, then finishes the clip', async () => {
    const hold = createRunHold();
    let framesAtHold = -1;
    let framesWhileHeld = -1;
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    const run = detectPoses({
      clipPath: media(CLIP),
      model: 'lite',
      hold,
      onFrames: (frames) => {
        if (framesAtHold < 0) {
          framesAtHold = frames.length;
          hold.set(true);
          // Held for 3 s of wall time: long beside a 15-frame batch (under a second here, loaded),
          // so a hold that did not hold would have sent frames by then.
          setTimeout(() => {
            framesWhileHeld = frames.length;
            hold.set(false);
            release();
          }, 3000);
        }
      },
    });
    await released;
    const { candidates } = await run;
    expect(framesAtHold).toBeGreaterThan(0);
    expect(framesWhileHeld).toBe(framesAtHold);
    expect(candidates.frames).toHaveLength(100);
  }, 300_000);
});
