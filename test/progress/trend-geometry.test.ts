/**
 * The trend plot's sides side by side (src-renderer/src/progress/trend-geometry.ts): left and right with
 * the same value must show as two marks, not one on top of the other, whatever shapes their sources
 * give them; and a side's offset must stay well inside its visit's place. The drawn marks themselves
 * are read off the rendered plot in markers-page.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  markHalfPx,
  SIDE_STEP_PX,
  sideOffsetPx,
  type PointSource,
} from '../../src-renderer/src/progress/trend-geometry';

const SOURCES: (PointSource | null)[] = ['markers', 'landmarks', null];

describe('trend plot: sides side by side', () => {
  it('two marks at the same value never overlap, for every pair of shapes', () => {
    const [l, r] = [sideOffsetPx(0, 2), sideOffsetPx(1, 2)];
    expect(l).toBeLessThan(0);
    expect(r).toBe(-l);
    for (const a of SOURCES)
      for (const b of SOURCES) {
        // Same y: their boxes are apart when the centres are further apart than the two halves.
        expect(r - l, `${a} beside ${b}`).toBeGreaterThan(markHalfPx(a) + markHalfPx(b));
      }
  });

  it('one series stays on its visit; three sit at equal steps around it', () => {
    expect(sideOffsetPx(0, 1)).toBe(0);
    expect([0, 1, 2].map((k) => sideOffsetPx(k, 3))).toEqual([-SIDE_STEP_PX, 0, SIDE_STEP_PX]);
    // A visit's place is about 20 px wide with ten visits on a 230 px plot: a side stays within it.
    expect(Math.abs(sideOffsetPx(0, 2)) + markHalfPx('markers')).toBeLessThan(10);
  });
});
