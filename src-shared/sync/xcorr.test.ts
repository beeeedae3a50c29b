import { describe, expect, it } from 'vitest';
import { createPrng } from '../gait/synthetic/prng';
import { crossCorrelate, findPeaks, parabolicRefine, pearsonAtLag } from './xcorr';

/** Smooth random signal (seeded): a sum of sinusoids at irregular frequencies. */
function smoothNoise(n: number, seed: number): number[] {
  const r = createPrng(seed);
  const waves = Array.from({ length: 6 }, () => ({ f: 0.01 + 0.05 * r.next(), p: 6.28 * r.next() }));
  return Array.from({ length: n }, (_, i) =>
    waves.reduce((s, w) => s + Math.sin(2 * Math.PI * w.f * i + w.p), 0),
  );
}

describe('pearsonAtLag', () => {
  it('is 1 where b is a delayed, scaled, shifted copy of a, and skips masked samples', () => {
    const a = smoothNoise(300, 1);
    const lag = 17;
    const b = a.slice(lag).map((v) => 3 * v - 40);
    b[50] = NaN;
    b[51] = NaN;
    const { r, n } = pearsonAtLag(a, b, lag);
    expect(r).toBeCloseTo(1, 10);
    expect(n).toBe(b.length - 2);
    expect(pearsonAtLag(a, b, 0).r).toBeLessThan(0.9);
  });

  it('returns NaN when there is no overlap or no variance', () => {
    expect(pearsonAtLag([1, 2, 3], [1, 2, 3], 5).r).toBeNaN();
    expect(pearsonAtLag([1, 1, 1, 1], [1, 2, 3, 4], 0).r).toBeNaN();
  });
});

describe('crossCorrelate', () => {
  it('puts its peak at the known lag, positive and negative, with noisy channels of different weight', () => {
    const rng = createPrng(9);
    for (const lag of [-23, 0, 41]) {
      const base = smoothNoise(600, 2);
      const other = smoothNoise(600, 3);
      const start = 100;
      const a = base.slice(start, start + 400);
      const b = base.slice(start + lag, start + lag + 400).map((v) => v + 0.3 * rng.gaussian());
      const a2 = other.slice(start, start + 400);
      const b2 = other.slice(start + lag, start + lag + 400).map((v) => -v);
      const res = crossCorrelate(
        [
          { name: 'x', a, b, weight: 2 },
          { name: 'y', a: a2, b: b2, weight: 0.5 },
          { name: 'dead', a: a2, b: b2, weight: 0 },
        ],
        -60,
        60,
        100,
      );
      const best = findPeaks(res.scores)[0]!;
      expect(res.lags[best.index]).toBe(lag);
      expect(best.score).toBeGreaterThan(0.3);
    }
  });

  it('leaves lags with too little overlap unscored', () => {
    const a = smoothNoise(100, 4);
    const res = crossCorrelate([{ name: 'x', a, b: a, weight: 1 }], -99, 99, 60);
    expect(res.scores[0]).toBeNaN();
    expect(res.scores[99]).toBeCloseTo(1, 10);
  });
});

describe('findPeaks and parabolicRefine', () => {
  it('finds local maxima highest first and flags one at the edge of the range', () => {
    const peaks = findPeaks([NaN, 0.9, 0.5, 0.7, 0.6, 0.8, NaN]);
    expect(peaks.map((p) => p.index)).toEqual([1, 5, 3]);
    expect(peaks[0]!.atEdge).toBe(true);
    expect(peaks[2]!.atEdge).toBe(false);
  });

  it('recovers the vertex of a sampled parabola', () => {
    const vertex = 10.3;
    const s = Array.from({ length: 20 }, (_, i) => 1 - 0.01 * (i - vertex) ** 2);
    const { delta, height } = parabolicRefine(s, 10);
    expect(10 + delta).toBeCloseTo(vertex, 10);
    expect(height).toBeCloseTo(1, 10);
  });
});
