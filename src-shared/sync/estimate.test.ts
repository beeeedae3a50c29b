import { describe, expect, it } from 'vitest';
import { createPrng, generateRunner, type SyntheticClip } from '../gait/synthetic';
import type { LandmarkSeries } from '../pose/landmarks';
import { confidenceOf, estimateSync, levelOf } from './estimate';
import { dropLeadingFrames, filmMovement, randomMovement } from './two-views';
import { SyncInputError } from './types';

/** Offset error in frames of A, modulo one stride (periodic runs align every stride). */
function errorModStride(offsetS: number, truthS: number, strideS: number, fpsA: number): number {
  const strides = (offsetS - truthS) / strideS;
  return (strides - Math.round(strides)) * strideS * fpsA;
}

/**
 * The runner's slow vertical sway (cm) over the run: a few incommensurate sinusoids below 1 Hz, the
 * same in both views because it is one body. Real runs have such irregularities (pace changes,
 * settling lower on the belt); the synthetic runner, perfectly periodic, has none.
 */
function withSway(clip: SyntheticClip, startS: number, seed: number, amplitudeCm = 3): LandmarkSeries {
  const r = createPrng(seed);
  const waves = [0.13, 0.29, 0.47, 0.71].map((f) => ({ f, p: 2 * Math.PI * r.next(), a: 0.5 + r.next() }));
  const sway = (t: number): number =>
    waves.reduce((s, w) => s + w.a * Math.sin(2 * Math.PI * w.f * t + w.p), 0);
  const k = clip.truth.pxPerCm * amplitudeCm;
  return {
    ...clip.series,
    frames: clip.series.frames.map((f) =>
      f.status !== 'pose' || !f.image
        ? f
        : { ...f, image: f.image.map(([x, y, z, v, p]) => [x, y - k * sway(startS + f.t), z, v, p]) },
    ),
  };
}

describe('estimateSync on a non-periodic movement (two cameras looking down from opposite sides)', () => {
  const motion = randomMovement(7);
  const cam = { startS: 0, durationS: 1.67, pitchDeg: 25, noisePx: 2 };
  const a = filmMovement(motion, { ...cam, fps: 60, yawDeg: 20, seed: 1 });
  const b = filmMovement(motion, { ...cam, fps: 60, yawDeg: 200, seed: 2 });

  it('finds 0 for clips started together, with high confidence', () => {
    const e = estimateSync(a, b);
    expect(Math.abs(e.offsetFramesA)).toBeLessThan(1);
    expect(e.level).toBe('high');
    expect(e.timeScale).toBe(1);
  });

  it.each([1, 4, 9, 20, 35])('recovers %i frames cut off the start of either clip', (k) => {
    const cutB = estimateSync(a, dropLeadingFrames(b, k));
    expect(Math.abs(cutB.offsetFramesA - k)).toBeLessThan(1);
    const cutA = estimateSync(dropLeadingFrames(a, k), b);
    expect(Math.abs(cutA.offsetFramesA + k)).toBeLessThan(1);
    expect(cutB.level).not.toBe('low');
  });

  it('handles different and variable frame rates, noise and missing poses', () => {
    const a2 = filmMovement(motion, {
      ...cam,
      durationS: 4,
      fps: 60,
      yawDeg: 10,
      noPoseRate: 0.05,
      timeJitter: 0.3,
      seed: 3,
    });
    const b2 = filmMovement(motion, {
      ...cam,
      durationS: 3,
      startS: 0.73,
      fps: 25,
      yawDeg: 170,
      noisePx: 4,
      noPoseRate: 0.1,
      seed: 4,
    });
    const e = estimateSync(a2, b2);
    expect(Math.abs(e.offsetS - 0.73) * 60).toBeLessThan(1);
    expect(e.fpsA).toBe(60);
    expect(e.fpsB).toBe(25);
  });
});

describe('estimateSync on the synthetic runner (side 60 fps, rear 30 fps)', () => {
  const truth = 0.37;
  const side = generateRunner({ view: 'side', fps: 60, durationS: 10, startS: 2, noisePx: 1.5, seed: 3 });
  const rear = generateRunner({
    view: 'rear',
    fps: 30,
    durationS: 8,
    startS: 2 + truth,
    noisePx: 1.5,
    seed: 4,
  });

  it('recovers the offset modulo one stride and reports the periodic ambiguity as low confidence', () => {
    const e = estimateSync(side.series, rear.series);
    expect(Math.abs(errorModStride(e.offsetS, truth, side.truth.strideS, 60))).toBeLessThan(1);
    expect(e.level).toBe('low');
    expect(e.warnings.join(' ')).toMatch(/strides/);
    expect(e.periodS).toBeCloseTo(side.truth.stepS, 1);
    // The runner-up is another stride alias of the truth, offered to the PT as "the next one".
    expect(Math.abs(errorModStride(e.runnerUp!.offsetS, truth, side.truth.strideS, 60))).toBeLessThan(1.5);
  });

  it('recovers the exact offset inside a search window shorter than a stride', () => {
    const e = estimateSync(side.series, rear.series, { searchS: { min: truth - 0.3, max: truth + 0.3 } });
    expect(Math.abs(e.offsetS - truth) * 60).toBeLessThan(1);
  });

  it('recovers the exact offset over the whole range when the run has irregular slow sway', () => {
    for (const [off, seed] of [
      [0.37, 11],
      [-1.23, 12],
      [2.1, 13],
    ] as const) {
      const r = generateRunner({
        view: 'rear',
        fps: 30,
        durationS: 8,
        startS: 2 + off,
        noisePx: 1.5,
        seed: 4,
      });
      const e = estimateSync(withSway(side, 2, seed), withSway(r, 2 + off, seed));
      expect(Math.abs(e.offsetS - off) * 60).toBeLessThan(1);
      expect(e.level).not.toBe('low');
    }
  });

  it('survives foot dropouts, missing poses and pixel noise', () => {
    const noisy = { noisePx: 3, dropoutRate: 0.03, noPoseRate: 0.05 };
    const a = generateRunner({ view: 'side', fps: 60, durationS: 10, startS: 2, seed: 5, ...noisy });
    const b = generateRunner({ view: 'rear', fps: 30, durationS: 8, startS: 2.8, seed: 6, ...noisy });
    const e = estimateSync(withSway(a, 2, 21), withSway(b, 2.8, 21));
    expect(Math.abs(e.offsetS - 0.8) * 60).toBeLessThan(1);
  });

  it('notices left/right labels swapped in one view and still aligns', () => {
    const b = generateRunner({
      view: 'rear',
      fps: 30,
      durationS: 8,
      startS: 2.5,
      labels: 'swapped',
      seed: 7,
    });
    const e = estimateSync(withSway(side, 2, 31), withSway(b, 2.5, 31));
    expect(e.labelsSwapped).toBe(true);
    expect(Math.abs(e.offsetS - 0.5) * 60).toBeLessThan(1);
  });

  it('finds the clock ratio of a slow-motion clip (120 fps written as 30 fps)', () => {
    const fast = generateRunner({ view: 'rear', fps: 120, durationS: 4, startS: 2.6, noisePx: 1, seed: 8 });
    const slow: LandmarkSeries = {
      ...fast.series,
      source: { ...fast.series.source, fps: 30 },
      frames: fast.series.frames.map((f) => ({ ...f, t: f.t * 4 })),
    };
    const e = estimateSync(side.series, slow);
    expect(e.timeScale).toBeCloseTo(0.25, 6);
    expect(Math.abs(errorModStride(e.offsetS, 0.6, side.truth.strideS, 60))).toBeLessThan(1);
  });
});

describe('estimateSync input checks and confidence', () => {
  const motion = randomMovement(3);
  const good = filmMovement(motion, { fps: 30, startS: 0, durationS: 2, yawDeg: 0 });

  it('refuses clips without enough poses or with timestamps out of order, naming the clip', () => {
    const empty = {
      ...good,
      frames: good.frames.map((f) => ({ index: f.index, t: f.t, status: 'no-pose' as const })),
    };
    expect(() => estimateSync(good, empty)).toThrow(SyncInputError);
    expect(() => estimateSync(good, empty)).toThrow(/Clip B .*pose in only 0 of 60 frames/);
    const shuffled = { ...good, frames: good.frames.map((f, i) => (i === 5 ? { ...f, t: 0 } : f)) };
    expect(() => estimateSync(shuffled, good)).toThrow(/Clip A .*frame 5/);
  });

  it('says so, with low confidence, when the search window excludes the true offset', () => {
    const b = filmMovement(motion, { fps: 30, startS: 0.5, durationS: 1.5, yawDeg: 180 });
    expect(Math.abs(estimateSync(good, b).offsetS - 0.5) * 30).toBeLessThan(1);
    const e = estimateSync(good, b, { searchS: { min: -0.2, max: 0.2 } });
    expect(e.level).toBe('low');
    expect(e.warnings.join(' ')).toMatch(/match only weakly|limit of the range/);
  });

  it('gives low confidence, and says why, for clips of two different movements', () => {
    for (const seed of [1, 2, 3]) {
      const x = filmMovement(randomMovement(seed), {
        fps: 60,
        startS: 0,
        durationS: 3,
        yawDeg: 0,
        noisePx: 2,
      });
      const y = filmMovement(randomMovement(seed + 10), {
        fps: 30,
        startS: 0,
        durationS: 3,
        yawDeg: 180,
        noisePx: 2,
      });
      const e = estimateSync(x, y);
      expect(e.level).toBe('low');
      expect(e.warnings.join(' ')).toMatch(/match only weakly/);
    }
  });

  it('grows with the peak and with its margin over the runner-up', () => {
    expect(confidenceOf(0.9, 0.89)).toBeLessThan(0.1);
    expect(confidenceOf(0.9, 0.5)).toBe(1);
    expect(confidenceOf(0.3, null)).toBeLessThan(confidenceOf(0.6, null));
    expect(levelOf(0.8)).toBe('high');
    expect(levelOf(0.3)).toBe('medium');
    expect(levelOf(0.05)).toBe('low');
  });
});
