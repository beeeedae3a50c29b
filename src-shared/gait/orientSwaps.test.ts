/**
 * Left/right continuity (orientSwaps.ts) on generated data with known answers: the synthetic
 * runner's legs cross at every midstance (a crossing that is not a swap), and swaps are injected
 * by exchanging the pose model's labels on known frames. The analysed series must equal the
 * un-tampered one wherever the labels were exchanged, and must never leave the model's points
 * where they were not.
 */
import { describe, expect, it } from 'vitest';
import { Landmark, type LandmarkSeries } from '../pose/landmarks';
import { orient } from './orient';
import { legLength, planLegSwaps } from './orientSwaps';
import { generateRunner } from './synthetic';
import type { Body, Joint } from './types';

const PAIRS: Record<'knee' | 'foot', [number, number][]> = {
  knee: [[Landmark.leftKnee, Landmark.rightKnee]],
  foot: [
    [Landmark.leftAnkle, Landmark.rightAnkle],
    [Landmark.leftHeel, Landmark.rightHeel],
    [Landmark.leftFootIndex, Landmark.rightFootIndex],
  ],
};

type Img = NonNullable<LandmarkSeries['frames'][number]['image']>;

/** A copy of the series with `edit` applied to the image points of the given frames. */
function tamper(
  series: LandmarkSeries,
  frames: Iterable<number>,
  edit: (img: Img, i: number) => Img,
): LandmarkSeries {
  const set = new Set(frames);
  return {
    ...series,
    frames: series.frames.map((f, i) => (set.has(i) && f.image ? { ...f, image: edit(f.image, i) } : f)),
  };
}

function exchange(group: 'knee' | 'foot'): (img: Img) => Img {
  return (img) => {
    const out = [...img];
    for (const [l, r] of PAIRS[group]) {
      out[l] = img[r] as Img[number];
      out[r] = img[l] as Img[number];
    }
    return out;
  };
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Frames where any leg point of `a` and `b` differ by more than `tol` px. */
function differing(a: Body, b: Body, tol = 1e-6): number[] {
  const out = new Set<number>();
  for (const side of ['left', 'right'] as const)
    for (const j of ['knee', 'ankle', 'heel', 'toe'] as Joint[])
      a[side][j].x.forEach((x, i) => {
        const dx = Math.abs(x - (b[side][j].x[i] as number));
        const dy = Math.abs((a[side][j].y[i] as number) - (b[side][j].y[i] as number));
        if (dx > tol || dy > tol) out.add(i);
      });
  return [...out].sort((p, q) => p - q);
}

describe('left/right continuity', () => {
  for (const fps of [30, 60]) {
    const clip = generateRunner({ view: 'side', fps, durationS: 6, noisePx: 1, seed: 5 });
    const reference = orient(clip.series, 'side');

    it(`at ${fps} fps: the legs crossing at every midstance are not swaps`, () => {
      // The model's labels are all right here: not one frame may be exchanged.
      expect(reference.orientation.framesSwapped).toBe(0);
      for (const p of planLegSwaps(reference.body)) expect(p.reduce((a, b) => a + b, 0)).toBe(0);
    });

    it(`at ${fps} fps: undoes exchanged labels, one frame or many, feet and knees apart`, () => {
      const k = fps / 30;
      const feet = [...range(20 * k, 20 * k), ...range(50 * k, 59 * k), ...range(120 * k, 122 * k)];
      // Knee confusions away from the crossings (frames 138 and 149 at 30 fps): a stretch that
      // starts right at a crossing is, by position and acceleration, partly a "bounce" and may be
      // undone a frame early or late (docs/gait-methods.md, left and right).
      const knees = [...range(80 * k, 80 * k), ...range(142 * k, 144 * k)];
      const swapped = tamper(tamper(clip.series, feet, exchange('foot')), knees, exchange('knee'));
      const fixed = orient(swapped, 'side');
      expect(differing(fixed.body, reference.body)).toEqual([]);
      expect(fixed.orientation.framesSwapped).toBe(new Set([...feet, ...knees]).size);
    });
  }

  it('does not latch: one frame with both feet on the far foot leaves the next frames alone', () => {
    // The failure of issue 20: a single bad frame made the next frames look exchanged, and every
    // frame after it followed the wrong leg. Here frame 60 puts the near foot's points on the far
    // foot; every other frame is right, and must stay exactly the model's.
    const clip = generateRunner({ view: 'side', fps: 60, durationS: 6, noisePx: 1, seed: 9 });
    const reference = orient(clip.series, 'side');
    const near = reference.orientation.nearSide === 'left' ? 'left' : 'right';
    const [nearIdx, farIdx] = near === 'left' ? [0, 1] : [1, 0];
    const bad = tamper(clip.series, [60], (img) => {
      const out = [...img];
      for (const pair of PAIRS.foot)
        out[pair[nearIdx] as number] = img[pair[farIdx] as number] as Img[number];
      return out;
    });
    const fixed = orient(bad, 'side');
    expect(differing(fixed.body, reference.body).every((i) => i === 60)).toBe(true);
  });

  it('does not hand the near knee the far knee\u2019s jitter', () => {
    // A half-hidden far knee that jumps by up to 12% of a leg length from frame to frame (as the
    // far leg does on phone clips) must not pull the near knee's series away from its points.
    const clip = generateRunner({ view: 'side', fps: 30, durationS: 8, noisePx: 1, seed: 2 });
    const reference = orient(clip.series, 'side');
    const farKnee = reference.orientation.nearSide === 'left' ? Landmark.rightKnee : Landmark.leftKnee;
    let s = 7;
    const rnd = (): number => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const jitter = 0.12 * legLength(reference.body);
    const noisy = tamper(clip.series, range(0, clip.series.frames.length - 1), (img) => {
      const out = [...img];
      const p = img[farKnee] as Img[number];
      out[farKnee] = [p[0] + jitter * rnd(), p[1] + jitter * rnd(), p[2], p[3], p[4]];
      return out;
    });
    const fixed = orient(noisy, 'side');
    expect(fixed.orientation.framesSwapped).toBe(0);
    const nearKnee = fixed.body[fixed.orientation.nearSide ?? 'left'].knee;
    expect(nearKnee.x).toEqual(reference.body[reference.orientation.nearSide ?? 'left'].knee.x);
  });
});
