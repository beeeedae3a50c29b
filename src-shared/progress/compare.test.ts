import { describe, expect, it } from 'vitest';
import { compareVisits, settingsDifference, type Visit } from './compare';
import { formatChange } from './format';
import type { Measurement } from './types';

const m = (mean: number | null, u95: number | null): Measurement => ({
  mean,
  sd: mean === null ? null : 1,
  n: mean === null ? 0 : 10,
  u95,
  interval: mean === null || u95 === null ? null : [mean - u95, mean + u95],
  missing: mean === null ? 'not measurable from this view: hidden' : null,
});
const visit = (
  date: string,
  value: Measurement,
  speedKmh: number | null = 11,
  inclinePct: number | null = 0,
): Visit => ({
  sessionId: `s-${date}`,
  date,
  value,
  speedKmh,
  inclinePct,
});

describe('compareVisits: real only beyond both the SDD and the uncertainty of the two means', () => {
  it('calls a change beyond both real', () => {
    // |Δ| = 3.5 > SDD 2.8 and > √(0.6² + 0.8²) = 1.0
    const c = compareVisits(visit('2026-01-01', m(6, 0.6)), visit('2026-02-01', m(2.5, 0.8)), 2.8, 'deg');
    expect(c.verdict).toBe('real');
    expect(c.difference).toBeCloseTo(-3.5, 10);
    expect(c.u95).toBeCloseTo(1.0, 10);
    expect(formatChange(c, 'deg')).toBe('−3.5° real');
  });

  it('holds back a change below the SDD however precise the means', () => {
    const c = compareVisits(visit('2026-01-01', m(8, 0.1)), visit('2026-02-01', m(6, 0.1)), 2.8, 'deg');
    expect(c.verdict).toBe('within-noise');
    expect(c.why).toMatch(/smallest detectable difference 2\.8°/);
  });

  it('holds back a change beyond the SDD but within the uncertainty of the two means', () => {
    // |Δ| = 4 > SDD 2.8 but U = √(3² + 3²) = 4.24
    const c = compareVisits(visit('2026-01-01', m(10, 3)), visit('2026-02-01', m(14, 3)), 2.8, 'deg');
    expect(c.verdict).toBe('within-noise');
    expect(c.why).toMatch(/uncertainty of the two means ±4\.2°/);
  });

  it('without a published SDD, judges on the uncertainty alone and says so', () => {
    const real = compareVisits(
      visit('2026-01-01', m(160, 1)),
      visit('2026-02-01', m(170, 1)),
      null,
      'steps/min',
    );
    expect(real.verdict).toBe('real');
    expect(real.why).toMatch(/no smallest detectable difference is published/);
    const noise = compareVisits(
      visit('2026-01-01', m(160, 4)),
      visit('2026-02-01', m(165, 4)),
      null,
      'steps/min',
    );
    expect(noise.verdict).toBe('within-noise'); // 5 < √32 = 5.66
  });

  it('does not compare a missing mean or one without an interval', () => {
    const hidden = compareVisits(
      visit('2026-01-01', m(null, null)),
      visit('2026-02-01', m(5, 0.5)),
      2.8,
      'deg',
    );
    expect(hidden.verdict).toBe('not-comparable');
    expect(hidden.difference).toBeNull();
    expect(hidden.why).toMatch(/No value on 2026-01-01: not measurable from this view/);
    const few = compareVisits(visit('2026-01-01', m(1, null)), visit('2026-02-01', m(9, 0.5)), 2.8, 'deg');
    expect(few.verdict).toBe('not-comparable');
    expect(few.difference).toBe(8);
  });

  it('says when the treadmill settings differ, and not when they agree', () => {
    const a = visit('2026-01-01', m(1, 1), 11, 0);
    expect(settingsDifference(a, visit('2026-02-01', m(1, 1), 11, 0))).toBeNull();
    expect(settingsDifference(a, visit('2026-02-01', m(1, 1), 12, 0))).toBe(
      'speed 11 km/h then, 12 km/h now',
    );
    expect(settingsDifference(a, visit('2026-02-01', m(1, 1), null, 5))).toBe(
      'speed 11 km/h then, not recorded now; incline 0 % then, 5 % now',
    );
    const c = compareVisits(a, visit('2026-02-01', m(5, 1), 12, 0), 2.8, 'deg');
    expect(formatChange(c, 'deg')).toBe('+4.0° real *');
  });
});
