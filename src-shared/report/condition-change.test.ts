import { describe, expect, it } from 'vitest';
import { conditionChange } from './condition-change';
import type { Stat } from './model';

/** A side's value with a symmetric 95% interval of half-width u. */
const at = (mean: number, u?: number, n = 10): Stat => ({
  mean,
  sd: 2,
  n,
  ...(u !== undefined ? { interval: [mean - u, mean + u] as const } : {}),
});

describe('the change between two conditions of one session', () => {
  it('takes the mean of both sides and combines the four intervals as independent', () => {
    const c = conditionChange({ left: at(10, 1), right: at(12, 1) }, { left: at(14, 2), right: at(16, 2) })!;
    expect(c.difference).toBeCloseTo(4, 12);
    // Each condition's half-width: ½√(u² + u²); the change's: √(0.707² + 1.414²) = √2.5.
    const u = Math.sqrt(0.5 + 2);
    expect(c.interval![0]).toBeCloseTo(4 - u, 12);
    expect(c.interval![1]).toBeCloseTo(4 + u, 12);
    expect(c.note).toBe('a change the measurement resolves');
    expect(c.tag).toBe('resolved');
  });

  it('says a change inside its interval is within what the measurement resolves', () => {
    const c = conditionChange({ all: at(170, 2) }, { all: at(172, 2) })!;
    expect(c.difference).toBeCloseTo(2, 12);
    expect(c.interval![0]).toBeLessThan(0);
    expect(c.note).toBe('within what the measurement resolves');
    // Review's tag for the same judgement, for the report's narrow Change column.
    expect(c.tag).toBe('within noise');
  });

  it('keeps asymmetric margins on the right ends: b low with a high bounds it below', () => {
    const a: Stat = { mean: 10, sd: 1, n: 8, interval: [9, 13] }; // 1 below, 3 above
    const b: Stat = { mean: 20, sd: 1, n: 8, interval: [16, 21] }; // 4 below, 1 above
    const c = conditionChange({ all: a }, { all: b })!;
    expect(c.interval![0]).toBeCloseTo(10 - 5, 12); // √(4² + 3²)
    expect(c.interval![1]).toBeCloseTo(10 + Math.SQRT2, 12); // √(1² + 1²)
  });

  it('never sets one leg against two: a side missing in either condition is left out of both', () => {
    const c = conditionChange({ left: at(10, 1), right: at(30, 1) }, { left: at(11, 1) })!;
    expect(c.difference).toBeCloseTo(1, 12);
    expect(c.interval![1] - c.interval![0]).toBeCloseTo(2 * Math.SQRT2, 12);
  });

  it('gives the change without an interval where a value has none, and nothing where no side is shared', () => {
    expect(conditionChange({ left: at(10) }, { left: at(12, 1) })).toEqual({ difference: 2 });
    expect(conditionChange({ left: at(10, 1) }, { right: at(12, 1) })).toBeUndefined();
    expect(conditionChange(undefined, { all: at(1, 1) })).toBeUndefined();
  });
});
