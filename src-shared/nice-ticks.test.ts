import { describe, expect, it } from 'vitest';
import { niceTicks } from './nice-ticks';

describe('niceTicks', () => {
  it('takes the smallest 1-2-5 step that gives at most six ticks, widened to the ticks around the data', () => {
    // Hip flexion over a stride: −18° to 31°; step 10 gives −20…40 (7 ticks), so 20: −20…40 in 4.
    expect(niceTicks(-18, 31)).toEqual({ lo: -20, hi: 40, step: 20, values: [-20, 0, 20, 40] });
    expect(niceTicks(0, 10)?.values).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(1.9, 10.1)?.values).toEqual([0, 5, 10, 15]);
    expect(niceTicks(3, 97)?.values).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-0.13, 0.41)?.values).toEqual([-0.2, 0, 0.2, 0.4, 0.6]);
  });

  it('gives four to six ticks over ranges from hundredths to thousands', () => {
    // Generated ranges with known bounds: every answer is a 1-2-5 step, covers the data, 4–6 ticks.
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (let i = 0; i < 2000; i++) {
      const scale = 10 ** (rand() * 3);
      const a = rand() * scale;
      const b = a + Math.abs(rand()) * scale + scale / 100;
      const t = niceTicks(a, b)!;
      expect(t.values.length).toBeGreaterThanOrEqual(3);
      expect(t.values.length).toBeLessThanOrEqual(6);
      expect(t.lo).toBeLessThanOrEqual(a + 1e-9);
      expect(t.hi).toBeGreaterThanOrEqual(b - 1e-9);
      const mantissa = t.step / 10 ** Math.floor(Math.log10(t.step) + 1e-9);
      expect([1, 2, 5]).toContainEqual(Number(mantissa.toFixed(6)));
    }
  });

  it('gives a flat or single-valued series a readable range around its value', () => {
    // 12° ± 5°: step 2 would need 6…18 (7 ticks), so 5.
    expect(niceTicks(12, 12, { minSpan: 10 })?.values).toEqual([5, 10, 15, 20]);
    expect(niceTicks(0, 0)).toMatchObject({ lo: -0.5, hi: 0.5, values: [-0.5, 0, 0.5] });
    expect(niceTicks(-40, -40)?.values).toContain(-40);
    // A 1° wobble is shown on 10°, not stretched over the chart.
    expect(niceTicks(20.2, 20.9, { minSpan: 10 })?.values).toEqual([15, 20, 25, 30]);
  });

  it('has no answer without data, and never prints -0', () => {
    expect(niceTicks(Number.NaN, 3)).toBeUndefined();
    expect(niceTicks(Infinity, -Infinity)).toBeUndefined();
    expect(niceTicks(-4, 4)?.values.map((v) => Object.is(v, -0))).not.toContain(true);
  });
});
