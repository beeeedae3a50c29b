/** The uncertainty of a mean and of a difference, on numbers with known answers. */
import { describe, expect, it } from 'vitest';
import { differenceUncertainty, meanUncertainty, t975 } from './interval';

describe('95% interval of a mean', () => {
  it('uses Student\u2019s t: 12.706 at 1 dof, 2.262 at 9, 2.042 at 30, 1.96 without limit', () => {
    expect(t975(1)).toBe(12.706);
    expect(t975(9)).toBe(2.262);
    expect(t975(9.7)).toBe(2.262);
    expect(t975(30)).toBeCloseTo(2.042, 3);
    expect(t975(40)).toBeCloseTo(2.021, 3);
    expect(t975(Infinity)).toBe(1.96);
    expect(t975(0.5)).toBeNaN();
  });

  it('is SD/√n times t(n − 1) with no systematic part', () => {
    const u = meanUncertainty(10, 3, 10, 0)!;
    expect(u.random).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(u.combined).toBeCloseTo(u.random, 12);
    expect(u.k).toBe(2.262);
    expect(u.interval[0]).toBeCloseTo(10 - 2.262 * u.random, 12);
  });

  it('adds the systematic part in quadrature and gains degrees of freedom from it (Welch–Satterthwaite)', () => {
    const u = meanUncertainty(0, 2, 4, 1)!;
    expect(u.combined).toBeCloseTo(Math.SQRT2, 12);
    // ν = u⁴ / (u_A⁴ / 3) = 4 / (1/3) = 12 → t = 2.179
    expect(u.k).toBe(2.179);
    // A systematic part never averages away: with a million steps the interval stays ±1.96·u_sys.
    const many = meanUncertainty(0, 2, 1e6, 1)!;
    expect(many.interval[1]).toBeCloseTo(1.96 * Math.hypot(1, 2e-3), 3);
  });

  it('has none below two steps', () => {
    expect(meanUncertainty(5, null, 1, 0)).toBeNull();
  });

  it('gives a difference the quadrature sum of both sides', () => {
    const a = { ...meanUncertainty(10, 2, 9, 0)!, n: 9 };
    const b = { ...meanUncertainty(7, 2, 9, 0)!, n: 9 };
    const d = differenceUncertainty(3, a, b);
    expect(d.combined).toBeCloseTo(Math.hypot(2 / 3, 2 / 3), 12);
    // ν = u⁴ / (2 · (2/3)⁴ / 8) = 16 → t = 2.120
    expect(d.k).toBe(2.12);
    expect(d.interval[0]).toBeCloseTo(3 - 2.12 * d.combined, 12);
  });
});
