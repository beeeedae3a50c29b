/** The words beside a left − right interval, on hand-built summaries with known answers. */
import { describe, expect, it } from 'vitest';
import { readDifference, WITHIN_RESOLUTION } from './difference';
import type { GaitVariable } from './schema';

function variable(left: number, right: number, interval: [number, number], sdd: number | null): GaitVariable {
  const side = (s: 'left' | 'right', mean: number): GaitVariable['left'] => ({
    side: s,
    mean,
    sd: 1,
    min: mean,
    max: mean,
    n: 10,
    enoughSteps: true,
    uncertainty: { random: 0.3, systematic: 0, combined: 0.3, k: 2.26, interval: [mean - 1, mean + 1] },
    notMeasurable: null,
    values: [],
  });
  const d = left - right;
  return {
    id: 'x',
    label: 'X',
    view: 'side',
    event: 'initial-contact',
    unit: 'deg',
    definition: '',
    reference: null,
    sdd: sdd === null ? null : { value: sdd, source: 's' },
    left: side('left', left),
    right: side('right', right),
    symmetry: {
      difference: d,
      indexPct: null,
      uncertainty: { random: 1, systematic: 1, combined: 1.4, k: 2, interval },
    },
  } as GaitVariable;
}

describe('what a left − right interval says', () => {
  const f = (x: number): string => `${x.toFixed(1)}°`;
  it('holds 0: within what the measurement resolves', () => {
    expect(readDifference(variable(12, 10, [-1, 5], 2.5), f)?.words).toBe(WITHIN_RESOLUTION);
    expect(readDifference(variable(12, 10, [-1, 5], 2.5), f)?.tag).toBe('within noise');
  });
  it('excludes 0 but holds the limit: within what it resolves of the limit', () => {
    const r = readDifference(variable(14, 10, [1, 7], 2.5), f);
    expect(r?.verdict).toBe('within-limit');
    expect(r?.words).toBe(`${WITHIN_RESOLUTION} of ±2.5°`);
    expect(r?.tag).toBe('under ±2.5°');
  });
  it('wholly beyond the limit, on either side: beyond it, interval included', () => {
    expect(readDifference(variable(16, 10, [3, 9], 2.5), f)?.verdict).toBe('beyond-limit');
    expect(readDifference(variable(4, 10, [-9, -3], 2.5), f)?.words).toBe('beyond ±2.5°, interval included');
    expect(readDifference(variable(4, 10, [-9, -3], 2.5), f)?.tag).toBe('beyond ±2.5°');
  });
  it('excludes 0 without a limit: a difference it resolves; a side not measurable: nothing', () => {
    expect(readDifference(variable(14, 10, [1, 7], null), f)?.verdict).toBe('resolved');
    const v = variable(14, 10, [1, 7], 2.5);
    expect(
      readDifference({ ...v, right: { ...v.right, notMeasurable: { reason: 'r', remedy: 'm' } } }, f),
    ).toBeNull();
  });
});
