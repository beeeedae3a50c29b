import { describe, expect, it } from 'vitest';
import { createPrng } from '../gait/synthetic/prng';
import { clipProgress, NO_PARTS_BEFORE } from './part-progress';

/**
 * Generated runs of a clip read in two parts, each part's passes reported as run.ts reports them
 * (its earlier passes' frames plus this pass's, of its earlier passes' plus the container's count),
 * in batches, combined as input.ts combines them. Known answers: the frames to do are this pass's
 * frames left plus those of the parts to come, and at the end every pass's frames of the clip.
 */
interface Case {
  readonly clip: number;
  /** Frames of the window's part (read first) and of the frames before it. */
  readonly window: number;
  readonly earlier: number;
  readonly windowPasses: number;
  readonly earlierPasses: number;
}

function generate(seed: number): Case {
  const rnd = createPrng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd.next() * (hi - lo + 1));
  const clip = int(60, 1200);
  const window = int(Math.ceil(clip / 2), clip - 1);
  // The frame shown at the window's start may be read by both parts (input.ts joinParts).
  const earlier = clip - window + (rnd.next() < 0.3 ? 1 : 0);
  return { clip, window, earlier, windowPasses: int(1, 3), earlierPasses: int(1, 3) };
}

/** Every report the PT is told, with the frames truly left at it. */
function reports(c: Case, seed: number): { framesDone: number; totalFrames: number; left: number }[] {
  const rnd = createPrng(seed * 7919);
  const out: { framesDone: number; totalFrames: number; left: number }[] = [];
  const parts = [
    { frames: c.window, passes: c.windowPasses, before: NO_PARTS_BEFORE },
    {
      frames: c.earlier,
      passes: c.earlierPasses,
      before: { framesDone: c.window * c.windowPasses, clipFrames: c.window },
    },
  ];
  parts.forEach((part, i) => {
    const toCome = i === 0 ? c.earlier : 0;
    for (let pass = 0; pass < part.passes; pass++) {
      const passesBefore = pass * part.frames;
      for (let f = 0; ; f = Math.min(part.frames, f + 1 + Math.floor(rnd.next() * 24))) {
        const told = clipProgress(part.before, {
          framesDone: passesBefore + f,
          totalFrames: passesBefore + c.clip,
        });
        out.push({ ...told, left: part.frames - f + toCome });
        if (f === part.frames) break;
      }
    }
  });
  return out;
}

describe('a clip read in two parts: its progress', () => {
  it('counts every pass of both parts, never going back (200 generated runs)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const c = generate(seed);
      const told = reports(c, seed);
      told.forEach((r, i) => {
        const prev = told[i - 1];
        expect(r.framesDone, `seed ${seed} report ${i}`).toBeLessThanOrEqual(r.totalFrames);
        // The frames to do are the work left: exact, or one more where both parts read a frame.
        expect(r.totalFrames - r.framesDone - r.left, `seed ${seed} report ${i}`).toBeGreaterThanOrEqual(-1);
        expect(r.totalFrames - r.framesDone - r.left, `seed ${seed} report ${i}`).toBeLessThanOrEqual(0);
        if (!prev) return;
        expect(r.framesDone, `seed ${seed} report ${i}`).toBeGreaterThanOrEqual(prev.framesDone);
        expect(r.totalFrames, `seed ${seed} report ${i}`).toBeGreaterThanOrEqual(prev.totalFrames);
        // The fraction falls only where a pass was added (its frames join the total): not between parts.
        if (r.totalFrames === prev.totalFrames)
          expect(r.framesDone / r.totalFrames, `seed ${seed} report ${i}`).toBeGreaterThanOrEqual(
            prev.framesDone / prev.totalFrames,
          );
      });
      const all = c.window * c.windowPasses + c.earlier * c.earlierPasses;
      expect(told.at(-1), `seed ${seed}`).toEqual({ framesDone: all, totalFrames: all, left: 0 });
    }
  });

  it('the example of the defect: three passes of a 60-frame window, then the 60 frames before it', () => {
    const before = { framesDone: 180, clipFrames: 60 };
    expect(clipProgress(NO_PARTS_BEFORE, { framesDone: 180, totalFrames: 240 })).toEqual({
      framesDone: 180,
      totalFrames: 240,
    });
    expect(clipProgress(before, { framesDone: 0, totalFrames: 120 })).toEqual({
      framesDone: 180,
      totalFrames: 240,
    });
    expect(clipProgress(before, { framesDone: 60, totalFrames: 120 })).toEqual({
      framesDone: 240,
      totalFrames: 240,
    });
  });
});
