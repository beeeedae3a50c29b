import { describe, expect, it } from 'vitest';
import { derivative, detrend, fillGaps, lowPass, snrOf } from './filter';
import { createPrng } from '../gait/synthetic/prng';

describe('lowPass', () => {
  it('does not shift a signal in time (zero lag) and passes the band, removes jitter above the cutoff', () => {
    const fs = 60;
    const clean = Array.from({ length: 600 }, (_, i) => Math.sin((2 * Math.PI * 1.5 * i) / fs));
    const rng = createPrng(5);
    const noisy = clean.map((v) => v + 0.2 * rng.gaussian());
    const out = lowPass(noisy, 6, fs);
    // Same phase: the best-fitting lag against the clean signal is zero.
    let bestLag = 99;
    let best = -Infinity;
    for (let lag = -5; lag <= 5; lag++) {
      let s = 0;
      for (let i = 50; i < 550; i++) s += (out[i + lag] as number) * (clean[i] as number);
      if (s > best) [best, bestLag] = [s, lag];
    }
    expect(bestLag).toBe(0);
    const err = (x: number[]): number =>
      Math.sqrt(x.slice(50, 550).reduce((s, v, i) => s + (v - (clean[i + 50] as number)) ** 2, 0) / 500);
    expect(err(out)).toBeLessThan(0.5 * err(noisy));
  });
});

describe('fillGaps, detrend, derivative, snrOf', () => {
  it('bridges gaps linearly and holds the edges', () => {
    expect(fillGaps([NaN, 1, NaN, NaN, 4, NaN])).toEqual([1, 1, 2, 3, 4, 4]);
    expect(fillGaps([NaN, NaN])).toEqual([0, 0]);
  });

  it('removes a straight line and differentiates one exactly', () => {
    const line = Array.from({ length: 50 }, (_, i) => 3 + 0.5 * i);
    for (const v of detrend(line)) expect(v).toBeCloseTo(0, 10);
    for (const v of derivative(line, 60)) expect(v).toBeCloseTo(30, 10);
  });

  it('rates moving signals above still, jittery ones', () => {
    const rng = createPrng(2);
    const moving = Array.from({ length: 300 }, (_, i) => 50 * Math.sin(i / 20) + rng.gaussian());
    const still = Array.from({ length: 300 }, () => rng.gaussian());
    expect(snrOf(moving, lowPass(moving, 6, 60))).toBeGreaterThan(10);
    expect(snrOf(still, lowPass(still, 6, 60))).toBeLessThan(1);
  });
});
