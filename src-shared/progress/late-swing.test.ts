import { describe, expect, it } from 'vitest';
import { lateSwingVisit } from './testing/late-swing-visit';
import { buildProgress, type SessionInput } from './timeline';

/**
 * The hamstring's stretch in late swing on the timeline (issue 18 item 5, docs/progress.md §1): a
 * synthetic runner whose right thigh (the leg nearer the camera) swings further forward before contact
 * at the second visit (late-swing hip flexion 34° → 40°: more stretch before contact, as when
 * over-striding), the left unchanged. The far leg carries the pose model's occlusion bias
 * (docs/uncertainty.md §1), so its interval is wide: what one side camera cannot tell about it.
 */
const visit = (date: string, rightLateSwingHipFlexionDeg: number): SessionInput =>
  lateSwingVisit(date, rightLateSwingHipFlexionDeg, 8);

describe('late swing on the timeline', () => {
  const p = buildProgress({ id: 'p', name: 'Runner' }, [visit('2026-01-10', 34), visit('2026-02-07', 40)]);
  const row = (id: string, side: 'left' | 'right') =>
    p.conditions[0]!.rows.find((r) => r.variableId === id && r.side === side)!;

  it('follows peak hip flexion in late swing per side, the designed change real, the unchanged side not', () => {
    const near = row('late-swing-hip-flexion', 'right');
    expect(near.label).toBe('Peak hip flexion in late swing');
    // The engine reads the design within a degree, step to step within half a degree.
    expect(near.points.map((x) => Math.round(x.value.mean!))).toEqual([34, 40]);
    const change = near.points[1]!.vsPrevious!;
    expect(change.difference!).toBeCloseTo(6, 0);
    expect(change.verdict).toBe('real');
    // The far leg: unchanged by design, never called real; its interval holds the occlusion bias.
    const far = row('late-swing-hip-flexion', 'left');
    expect(far.points[1]!.vsPrevious!.verdict).not.toBe('real');
    expect(far.points[0]!.value.u95!).toBeGreaterThan(near.points[0]!.value.u95!);
  });

  it('follows the least knee flexion in late swing beside it', () => {
    for (const side of ['left', 'right'] as const) {
      const knee = row('late-swing-knee-flexion', side);
      expect(knee.points.map((x) => x.value.mean).every((m) => m !== null)).toBe(true);
    }
  });
});
