import { describe, expect, it } from 'vitest';
import { resample } from './channels';

describe('resample', () => {
  it('places values by their true timestamps (variable frame rate) and interpolates linearly', () => {
    // Irregular frame times; the value is a linear function of time, so interpolation is exact.
    const t = [0, 0.031, 0.07, 0.1, 0.129, 0.171, 0.2];
    const v = t.map((x) => 10 + 100 * x);
    const out = resample(t, v, 50, 11, 1, 0.1);
    out.forEach((y, k) => (k <= 10 ? expect(y).toBeCloseTo(10 + 100 * (k / 50), 9) : undefined));
  });

  it('scales the clock (slow motion) and leaves NaN across a dropout instead of guessing', () => {
    const t = [0, 0.1, 0.2, 0.6, 0.7];
    const v = [0, 1, 2, 6, 7];
    const out = resample(t, v, 10, 8, 1, 0.15);
    expect(out.slice(0, 3)).toEqual([0, 1, 2]);
    expect(out.slice(3, 6).every(Number.isNaN)).toBe(true);
    expect(out[6]).toBeCloseTo(6, 10);
    const slow = resample(t, v, 10, 3, 0.5, 0.15);
    expect(slow[1]).toBeCloseTo(2, 10);
  });
});
