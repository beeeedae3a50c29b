import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import type { LandmarkSeries } from '../pose/landmarks';
import { facing, ghostSegments, ghostTransform, hipCentre, legLength } from './ghost';

/** The same runner filmed from further away, elsewhere in the picture, and facing the other way. */
function refilmed(s: LandmarkSeries, k: number, dx: number, dy: number, mirror: boolean): LandmarkSeries {
  return {
    ...s,
    frames: s.frames.map((f) => ({
      ...f,
      ...(f.image && {
        image: f.image.map(
          ([x, y, z, v, p]) => [(mirror ? -x : x) * k + dx, y * k + dy, z, v, p] as (typeof f.image)[number],
        ),
      }),
    })),
  };
}

describe('last time\u2019s skeleton over today\u2019s picture', () => {
  const today = generateRunner({ view: 'side', fps: 60, durationS: 3, seed: 3 }).series;

  it('undoes a camera further away, a shifted runner and the other running direction', () => {
    const earlier = refilmed(today, 0.5, 1400, 90, true);
    expect(legLength(earlier)! / legLength(today)!).toBeCloseTo(0.5, 9);
    expect(facing(today)).toBe(1);
    expect(facing(earlier)).toBe(-1);
    const contact = 40;
    const t = ghostTransform(
      { series: today, contact: today.frames[contact] },
      { series: earlier, contact: earlier.frames[contact] },
    )!;
    expect(t.scale).toBeCloseTo(2, 9);
    expect(t.flip).toBe(-1);
    // Every frame of the stride (not only the contact) falls on today's own skeleton.
    for (const i of [contact, contact + 7, contact + 20]) {
      const ghost = ghostSegments(earlier.frames[i], t);
      const own = ghostSegments(today.frames[i], {
        scale: 1,
        flip: 1,
        from: hipCentre(today.frames[0])!,
        to: hipCentre(today.frames[0])!,
      });
      expect(ghost).toHaveLength(own.length);
      ghost.forEach((g, k) => {
        expect(g.a.x).toBeCloseTo(own[k]!.a.x, 6);
        expect(g.b.y).toBeCloseTo(own[k]!.b.y, 6);
      });
    }
  });

  it('shows the difference a slower knee makes, placed on today\u2019s hips at the contact', () => {
    const bentKnee = generateRunner({ view: 'side', fps: 60, durationS: 3, seed: 3, kneeAtIcDeg: 30 }).series;
    const t = ghostTransform(
      { series: today, contact: today.frames[10] },
      { series: bentKnee, contact: bentKnee.frames[10] },
    )!;
    const hipNow = hipCentre(today.frames[10])!;
    // The hips are put on today's hips; the picture scale stays about 1 (same camera, same body).
    expect(t.to).toEqual(hipNow);
    expect(t.scale).toBeGreaterThan(0.97);
    expect(t.scale).toBeLessThan(1.03);
    expect(ghostSegments({ index: 0, t: 0, status: 'no-pose' }, t)).toEqual([]);
    expect(
      ghostTransform(
        { series: today, contact: undefined },
        { series: bentKnee, contact: bentKnee.frames[10] },
      ),
    ).toBeUndefined();
  });
});
