import { describe, expect, it } from 'vitest';
import { proxyRate } from './probe';

describe('proxyRate', () => {
  it('keeps the declared rate when the measured average agrees', () => {
    expect(proxyRate({ num: 30000, den: 1001 }, { num: 30000, den: 1001 })).toEqual({
      num: 30000,
      den: 1001,
    });
    expect(proxyRate({ num: 60, den: 1 }, { num: 5990, den: 100 })).toEqual({ num: 60, den: 1 });
  });
  it('uses the average, snapped to a camera rate, when a variable-rate clip declares its maximum', () => {
    expect(proxyRate({ num: 120, den: 1 }, { num: 2997003, den: 100000 })).toEqual({ num: 30000, den: 1001 });
    expect(proxyRate({ num: 30, den: 1 }, { num: 6000, den: 227 })).toEqual({ num: 6000, den: 227 });
    expect(proxyRate({ num: 90000, den: 1 }, { num: 2503, den: 100 })).toEqual({ num: 25, den: 1 });
    // A jittery phone clip averaging 30.06 fps is 30, though 29.97 is within 1 % too.
    expect(proxyRate({ num: 90000, den: 1 }, { num: 2700000, den: 89833 })).toEqual({ num: 30, den: 1 });
    expect(proxyRate({ num: 90000, den: 1 }, { num: 2997, den: 100 })).toEqual({ num: 30000, den: 1001 });
    // ffprobe's average of a 4 s jittery clip (n frames over n − 1 intervals): 30.31, still 30.
    expect(proxyRate({ num: 50, den: 1 }, { num: 10800000, den: 356287 })).toEqual({ num: 30, den: 1 });
  });
  it('falls back to whichever is known', () => {
    expect(proxyRate(undefined, { num: 25, den: 1 })).toEqual({ num: 25, den: 1 });
    expect(proxyRate({ num: 50, den: 1 }, undefined)).toEqual({ num: 50, den: 1 });
    expect(proxyRate(undefined, undefined)).toBeUndefined();
  });
});
