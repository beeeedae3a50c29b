/** The timeline's changes as a PT reads them: a sign only on a change that reads other than zero. */
import { describe, expect, it } from 'vitest';
import { formatChange, formatSigned, formatSignedScore, formatSignedU95 } from './format';

describe('signed changes', () => {
  it('a change that reads zero has no sign: "±" beside a mean means half an interval', () => {
    expect(formatSigned(0, 'deg')).toBe('0.0°');
    expect(formatSigned(-0.04, 'deg')).toBe('0.0°');
    expect(formatSigned(0.2, 'ms')).toBe('0 ms');
    expect(
      formatChange(
        {
          fromSessionId: 's1',
          fromDate: '2026-12-07',
          difference: 0,
          u95: 1.2,
          verdict: 'within-noise',
          why: '',
          settingsDiffer: null,
        },
        'deg',
      ),
    ).toBe('0.0 ±1.2° within noise');
    expect(formatSignedScore(0)).toBe('0');
  });

  it('other changes keep their sign, in the unit\u2019s digits', () => {
    expect(formatSigned(2.94, 'deg')).toBe('+2.9°');
    expect(formatSigned(-10, 'steps/min')).toBe('−10 steps/min');
    expect(formatSigned(0.06, 'deg')).toBe('+0.1°');
    expect(formatSignedScore(2)).toBe('+2');
    expect(formatSignedScore(-0.5)).toBe('−0.5');
    expect(formatSignedScore(1.25)).toBe('+1.3');
  });
});

describe('a change between visits carries its uncertainty', () => {
  const change = (difference: number, u95: number | null) => ({
    fromSessionId: 's1',
    fromDate: '2026-11-09',
    difference,
    u95,
    verdict: 'within-noise' as const,
    why: '',
    settingsDiffer: null,
  });
  it('writes the half-width of its 95% interval as the means beside it are written', () => {
    // Known answers: two visits' means 13.0 ±8.5° and 5.9 ±9.4° give −7.1 ±√(8.5² + 9.4²) = ±12.7°.
    expect(formatChange(change(5.9 - 13.0, Math.hypot(8.5, 9.4)), 'deg')).toBe('−7.1 ±12.7° within noise');
    expect(formatSignedU95(23, 67.9, 'ms')).toBe('+23 ±68 ms');
    expect(formatSignedU95(1, 2.83, 'steps/min')).toBe('+1 ±3 steps/min');
    // One more digit where the interval would read ±0, as for a mean.
    expect(formatSignedU95(0.4, 0.02, 'deg')).toBe('+0.4 ±0.02°');
  });
  it('keeps the sign alone where the interval is unknown', () => {
    expect(formatChange(change(2.94, null), 'deg')).toBe('+2.9° within noise');
  });
});
