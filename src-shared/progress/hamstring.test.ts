import { describe, expect, it } from 'vitest';
import { lengthRatio } from '../gait/hamstring';
import type { Degrees } from '../units';
import { formatMeanU95 } from './format';
import { lateSwingVisit } from './testing/late-swing-visit';
import { buildProgress, type SessionInput } from './timeline';

/**
 * The hamstring's length in late swing on the timeline (issue 18 item 5, docs/progress.md §1), in
 * percent of standing: a synthetic runner whose right thigh (nearer the camera) swings 6° further
 * forward before contact at the second visit. The model's slope (about 0.25% of the standing length
 * per degree of hip flexion near 35°) says how much longer the biceps femoris long head gets.
 */
const visit = (date: string, rightLateSwingHipFlexionDeg: number): SessionInput =>
  lateSwingVisit(date, rightLateSwingHipFlexionDeg, 6);

describe('hamstring length in late swing on the timeline', () => {
  it(
    'reads in % of standing; the near leg’s longer stretch is real, the far leg’s unchanged one is not',
    { timeout: 120_000 },
    () => {
      const p = buildProgress({ id: 'p', name: 'Runner' }, [
        visit('2026-01-10', 34),
        visit('2026-02-07', 40),
      ]);
      const row = (side: 'left' | 'right') =>
        p.conditions[0]!.rows.find((r) => r.variableId === 'hamstring-length-ls-bflh' && r.side === side)!;
      const near = row('right');
      expect(near.unit).toBe('%');
      expect(near.label).toBe('Hamstring length in late swing, % of standing (biceps femoris long head)');
      const [before, after] = near.points.map((x) => x.value.mean!);
      // Longer than standing, and within what a jogger's late swing gives through the model.
      expect(before!).toBeGreaterThan(103);
      expect(before!).toBeLessThan(112);
      const slope =
        100 *
        (lengthRatio('biceps-femoris-long-head', 37.5 as Degrees, 12 as Degrees) -
          lengthRatio('biceps-femoris-long-head', 36.5 as Degrees, 12 as Degrees));
      expect(after! - before!).toBeGreaterThan(0.6 * 6 * slope);
      expect(after! - before!).toBeLessThan(1.4 * 6 * slope);
      expect(near.points[1]!.vsPrevious!.verdict).toBe('real');
      const far = row('left');
      expect(far.points[1]!.vsPrevious!.verdict).not.toBe('real');
      expect(formatMeanU95(before!, near.points[0]!.value.u95, '%')).toMatch(/^\d{3}\.\d ±\d+\.\d+%$/);
    },
  );
});
