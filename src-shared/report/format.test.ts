import { describe, expect, it } from 'vitest';
import { fmt, fmtDate, fmtSigned, fmtStat, parseReportNumber, withUnit } from './format';

describe('report number format', () => {
  it('rounds, uses a typographic minus and reads back what it printed', () => {
    for (const [n, d] of [
      [-3.14159, 1],
      [2.05, 1],
      [172.4, 0],
      [-0.04, 1],
      [0.25, 2],
    ] as const) {
      const text = fmt(n, d);
      expect(text).not.toContain('-');
      expect(parseReportNumber(text)).toBeCloseTo(n, d);
    }
    expect(fmt(-0.04, 1)).toBe('0.0');
    expect(fmt(undefined, 1)).toBe('—');
    expect(fmt(Number.NaN, 1)).toBe('—');
  });

  it('signs differences and joins mean ± SD with units', () => {
    expect(fmtSigned(2.25, 1)).toBe('+2.3');
    expect(fmtSigned(-2.25, 1)).toBe('\u22122.3');
    expect(fmtSigned(0, 1)).toBe('0.0');
    expect(fmtStat({ mean: 12.34, sd: 2.06, n: 8 }, 1)).toBe('12.3 ± 2.1');
    // One step has no spread: never "± 0" (a clip of 2 s gave "265 ± 0 ms, n=1").
    expect(fmtStat({ mean: 265.4, sd: 0, n: 1 }, 0)).toBe('265');
    expect(withUnit('12.3', '°')).toBe('12.3°');
    expect(withUnit('172', 'steps/min')).toBe('172 steps/min');
    expect(withUnit('—', 'cm')).toBe('—');
  });

  it('prints dates in words', () => {
    expect(fmtDate('2026-11-21')).toBe('21 November 2026');
    expect(fmtDate('2026-01-05T10:00:00Z')).toBe('5 January 2026');
  });
});
