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
    expect(formatChange(c, 'deg')).toBe('−3.5 ±1.0° real');
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
    expect(formatChange(c, 'deg')).toBe('+4.0 ±1.4° real *');
  });
});

describe('compareVisits across sources: a marker value against a landmark value (issue 15)', () => {
  const markers = (
    mean: number,
    u95: number,
    gap: { difference: number; u95: number } | null,
  ): Measurement => ({
    ...m(mean, u95),
    source: { from: 'markers', words: 'markers (trochanter, knee and ankle markers)' },
    sourceGap: gap,
  });

  it('holds back a change that the difference between the sources explains, and says so', () => {
    // Landmarks 12 then, markers 10 now; on today's clip the markers read 14 under the landmarks
    // (which therefore read 24 now): |Δ| = 2, less the gap 14, is nothing.
    const c = compareVisits(
      visit('2026-01-01', m(12, 1)),
      visit('2026-02-01', markers(10, 1, { difference: -14, u95: 1.4 })),
      8,
      'deg',
    );
    expect(c.verdict).toBe('within-noise');
    expect(c.sourcesDiffer).toBe('pose landmarks then, markers now');
    expect(c.why).toBe(
      'Not like for like: pose landmarks on 2026-01-01, markers on 2026-02-01: on the 2026-02-01 clip the markers read 14.0° less than the pose landmarks (which read 12.0° then and 24.0° now); 2.0° is not more than that difference plus the smallest detectable difference 8.0°.',
    );
    expect(formatChange(c, 'deg')).toBe('−2.0 ±2.0° within noise (pose landmarks then, markers now)');
  });

  it('calls it real only beyond the gap plus the SDD and the uncertainty, the gap’s own included', () => {
    // |Δ| = 18, gap 6: 12 left, > SDD 8 and > U = √(1² + 1² + 1.4²) = 2.0.
    const real = compareVisits(
      visit('2026-01-01', m(12, 1)),
      visit('2026-02-01', markers(30, 1, { difference: 6, u95: 1.4 })),
      8,
      'deg',
    );
    expect(real.verdict).toBe('real');
    expect(real.u95).toBeCloseTo(Math.hypot(1, 1, 1.4), 10);
    expect(real.why).toMatch(/yet beyond noise: on the 2026-02-01 clip the markers read 6\.0° more/);
    expect(formatChange(real, 'deg')).toBe('+18.0 ±2.0° real (pose landmarks then, markers now)');
    // The same with a gap known only to ±12: U = √(3² + 3² + 12²) = 12.7 ≥ 12 left.
    const loose = compareVisits(
      visit('2026-01-01', m(12, 3)),
      visit('2026-02-01', markers(30, 3, { difference: 6, u95: 12 })),
      8,
      'deg',
    );
    expect(loose.verdict).toBe('within-noise');
    expect(loose.why).toMatch(/18\.0° is not more than that difference plus the uncertainty ±12\.7°\.$/);
  });

  it('reads the gap on whichever visit had the markers', () => {
    // Markers 10 then (14 under that clip's landmarks: 24), landmarks 12 now.
    const c = compareVisits(
      visit('2026-01-01', markers(10, 1, { difference: -14, u95: 1.4 })),
      visit('2026-02-01', m(12, 1)),
      8,
      'deg',
    );
    expect(c.sourcesDiffer).toBe('markers then, pose landmarks now');
    expect(c.verdict).toBe('within-noise');
    expect(c.why).toMatch(/on the 2026-01-01 clip .* \(which read 24\.0° then and 12\.0° now\)/);
  });

  it('does not judge a change across sources whose gap is unknown; like for like as usual', () => {
    const c = compareVisits(
      visit('2026-01-01', m(12, 1)),
      visit('2026-02-01', markers(30, 1, null)),
      8,
      'deg',
    );
    expect(c.verdict).toBe('not-comparable');
    expect(c.difference).toBe(18);
    expect(c.why).toMatch(/so this change is not judged\.$/);
    expect(formatChange(c, 'deg')).toBe('+18.0° not judged (pose landmarks then, markers now)');
    const same = compareVisits(
      visit('2026-01-01', markers(10, 1, { difference: -14, u95: 1.4 })),
      visit('2026-02-01', markers(30, 1, { difference: 6, u95: 1.4 })),
      8,
      'deg',
    );
    expect(same.verdict).toBe('real');
    expect(same.sourcesDiffer).toBeUndefined();
    expect(formatChange(same, 'deg')).toBe('+20.0 ±1.4° real');
  });
});
