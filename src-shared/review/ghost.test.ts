import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import type { LandmarkSeries } from '../pose/landmarks';
import { Landmark, type LandmarkName } from '../pose/landmarks';
import { imagePoint } from '../units';
import { facing, ghostSegments, ghostTransform, hipCentre, legLength, placeGhostPoint } from './ghost';

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
      'side',
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
      'side',
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
        'side',
      ),
    ).toBeUndefined();
  });

  it('in the rear view keeps left on left whatever the toe-out says (never mirrored)', () => {
    const rear = generateRunner({ view: 'rear', fps: 60, durationS: 3, seed: 3 }).series;
    // Seen from behind, toe and heel differ in x only by the toe-out: today the right foot turns
    // out more, last time the left one, so the side view's facing test reads opposite directions.
    const toeOut = (s: LandmarkSeries, side: 'left' | 'right', dx: number): LandmarkSeries => ({
      ...s,
      frames: s.frames.map((f) => ({
        ...f,
        ...(f.image && {
          image: f.image.map((p, k) =>
            k === Landmark[`${side}FootIndex`] ? ([p[0] + dx, p[1], p[2], p[3], p[4]] as typeof p) : p,
          ),
        }),
      })),
    });
    const today = toeOut(rear, 'right', 6);
    const earlier = refilmed(toeOut(rear, 'left', -6), 0.8, 40, -30, false);
    expect(facing(today)).toBe(1);
    expect(facing(earlier)).toBe(-1);
    const contact = 30;
    const args = [
      { series: today, contact: today.frames[contact] },
      { series: earlier, contact: earlier.frames[contact] },
    ] as const;
    const t = ghostTransform(...args, 'rear')!;
    expect(t.flip).toBe(1);
    expect(t.scale).toBeCloseTo(1 / 0.8, 9);
    const at = (s: LandmarkSeries, i: number, name: LandmarkName) => {
      const p = s.frames[i]!.image![Landmark[name]]!;
      return imagePoint(p[0], p[1]);
    };
    for (const i of [contact, contact + 9])
      for (const name of ['leftAnkle', 'rightKnee', 'leftShoulder'] as const) {
        const g = placeGhostPoint(t, at(earlier, i, name));
        expect(g.x).toBeCloseTo(at(today, i, name).x, 6);
        expect(g.y).toBeCloseTo(at(today, i, name).y, 6);
      }
    // The side view's rule on the same clips would have mirrored last time's legs about the hips.
    const asSide = ghostTransform(...args, 'side')!;
    expect(asSide.flip).toBe(-1);
    const wrong = placeGhostPoint(asSide, at(earlier, contact, 'leftAnkle'));
    expect(Math.abs(wrong.x - at(today, contact, 'leftAnkle').x)).toBeGreaterThan(20);
  });
});
