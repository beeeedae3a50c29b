/** The timeline's changes as a PT reads them: a sign only on a change that reads other than zero. */
import { describe, expect, it } from 'vitest';
import { formatChange, formatSigned, formatSignedScore } from './format';

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
    ).toBe('0.0° within noise');
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
