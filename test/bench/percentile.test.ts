import { describe, expect, it } from 'vitest';
import { percentile } from '../../scripts/bench/workstations/stats';

describe('percentile (nearest rank)', () => {
  it('gives the measured sample at the rank, whatever the order', () => {
    // 1..100 shuffled: the p-th percentile by nearest rank is p itself.
    const xs = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0.5)).toBe(1);
  });
  it('rounds the rank up on small samples', () => {
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([10, 20, 30, 40], 95)).toBe(40);
    expect(percentile([7], 95)).toBe(7);
  });
  it('refuses no samples and percentiles out of range', () => {
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile([1], 0)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });
});
